"""Quien deja el programa se desactiva: no entra más, y su autoría sigue a la vista."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import ActividadFactory

pytestmark = pytest.mark.django_db


def _con_sesion(usuario: str) -> Client:
    cliente = Client()
    cliente.force_login(User.objects.get(username=usuario))
    return cliente


def test_desactivar_cierra_sus_sesiones_y_conserva_su_autoria(client):
    admin = User.objects.create_superuser("admin.dif", password="x")
    for nombre in ("enlace.nayarit", "enlace.sonora", "sigue.activa"):
        User.objects.create_user(nombre, password="x", is_staff=True, is_superuser=True)
    actividad = ActividadFactory(titulo="Foro en Tepic")
    actividad._history_user = User.objects.get(username="enlace.nayarit")
    actividad.titulo = "Foro regional en Tepic"
    actividad.save()
    nayarit, sonora, activa = map(_con_sesion, ("enlace.nayarit", "enlace.sonora", "sigue.activa"))
    client.force_login(admin)
    elegidas = User.objects.filter(username__in=["enlace.nayarit", "enlace.sonora", "admin.dif"])

    respuesta = client.post(
        "/admin/auth/user/",
        {"action": "desactivar", "_selected_action": [u.pk for u in elegidas]},
        follow=True,
    )

    mensajes = [str(m) for m in respuesta.context["messages"]]
    assert mensajes == [
        "Se desactivaron 2 cuentas: ya no pueden entrar y sus sesiones se cerraron; sus "
        "nombres se siguen viendo en el historial y la bitácora.",
        "Su propia cuenta no se desactivó: no puede quitarse el acceso.",
    ]
    assert dict(User.objects.values_list("username", "is_active")) == {
        "admin.dif": True,
        "enlace.nayarit": False,
        "enlace.sonora": False,
        "sigue.activa": True,
    }
    assert nayarit.get("/admin/").status_code == 302  # de vuelta a la entrada
    assert sonora.get("/admin/").status_code == 302
    assert activa.get("/admin/").status_code == 200
    historial = client.get(f"/admin/capacitaciones/actividad/{actividad.pk}/history/")
    assert "enlace.nayarit" in historial.content.decode()
    assert (
        client.post("/admin/login/", {"username": "enlace.nayarit", "password": "x"}).status_code
        == 200
    )


def test_desactivar_es_solo_para_quien_administra_cuentas(client):
    User.objects.create_user("enlace.sonora", password="x")
    capturista = User.objects.create_user("capturista", password="x", is_staff=True)
    client.force_login(capturista)
    respuesta = client.post(
        "/admin/auth/user/",
        {
            "action": "desactivar",
            "_selected_action": [User.objects.get(username="enlace.sonora").pk],
        },
    )
    assert respuesta.status_code == 403
    assert User.objects.get(username="enlace.sonora").is_active

"""Un formulario de cuenta abierto antes de un cambio de otra persona no lo deshace."""

import pytest
from django.contrib.auth.models import Group, User

from programa.models import PerfilUsuario
from programa.roles import ENLACE
from tests.test_revision import entrar, formulario_abierto, persona

pytestmark = pytest.mark.django_db

AVISO = "Otra persona cambió esta cuenta (activa o no, roles, permisos, entidades o datos)"


def abierto(cliente, url) -> dict:
    datos = formulario_abierto(cliente, url)
    datos.pop("date_joined", None)  # el admin lo parte en fecha y hora
    return datos | {"date_joined_0": "01/01/2031", "date_joined_1": "10:00:00"}


def test_un_formulario_viejo_no_reactiva_una_cuenta_que_otra_persona_desactivo():
    ana, beto = persona("ana.admin"), persona("beto.admin")
    ex = User.objects.create_user("ex.enlace", "e@x.mx", "clave-larga-2026", is_staff=True)
    url = f"/admin/auth/user/{ex.pk}/change/"
    de_ana, de_beto = entrar(ana), entrar(beto)
    abierto_por_ana = abierto(de_ana, url)  # Ana abre la cuenta para corregir el nombre
    # Beto desactiva a quien dejó el programa.
    de_beto.post("/admin/auth/user/", {"action": "desactivar", "_selected_action": [ex.pk]})
    assert not User.objects.get(pk=ex.pk).is_active
    # Ana guarda su formulario viejo.
    respuesta = de_ana.post(url, abierto_por_ana | {"first_name": "Ex"})

    assert respuesta.status_code == 200
    assert AVISO in respuesta.content.decode()
    ex = User.objects.get(pk=ex.pk)
    assert not ex.is_active, "la cuenta desactivada volvió a estar activa"
    assert ex.first_name == ""


def test_un_formulario_viejo_no_devuelve_entidades_que_otra_persona_quito():
    ana = persona("ana.admin")
    enlace = User.objects.create_user("enlace.oax", "o@x.mx", "clave-larga-2026", is_staff=True)
    enlace.groups.add(Group.objects.get(name=ENLACE))
    perfil = PerfilUsuario.objects.create(usuario=enlace)
    perfil.entidades.set(["20", "24"])
    url = f"/admin/auth/user/{enlace.pk}/change/"
    de_ana = entrar(ana)
    abierto_por_ana = abierto(de_ana, url)
    perfil.entidades.remove("24")  # otra persona le quita San Luis Potosí

    respuesta = de_ana.post(url, abierto_por_ana | {"last_name": "Ruiz"})

    assert AVISO in respuesta.content.decode()
    assert sorted(perfil.entidades.values_list("clave", flat=True)) == ["20"]


def test_sin_cambios_de_otra_persona_la_cuenta_se_guarda(admin_client):
    enlace = User.objects.create_user("enlace.gro", "g@x.mx", "clave-larga-2026", is_staff=True)
    url = f"/admin/auth/user/{enlace.pk}/change/"

    respuesta = admin_client.post(url, abierto(admin_client, url) | {"first_name": "Rosa"})

    assert respuesta.status_code == 302
    assert User.objects.get(pk=enlace.pk).first_name == "Rosa"

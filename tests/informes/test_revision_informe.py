"""Dos personas editan el mismo borrador del informe: la segunda no borra el texto de la primera."""

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from informes.models import InformeContribucion
from programa.roles import COORDINACION

pytestmark = pytest.mark.django_db


def _entrar(usuario) -> Client:
    cliente = Client()
    cliente.force_login(usuario)
    return cliente


def _abierto(cliente, informe) -> dict:
    """El formulario de la página del borrador, como lo enviaría el navegador."""
    form = cliente.get(reverse("informes:contribucion_detalle", args=[informe.pk])).context["form"]
    return {c.html_name: "" if c.value() is None else str(c.value()) for c in form}


@pytest.fixture
def ana(django_user_model):
    usuario = django_user_model.objects.create_user(
        "ana.lopez", password="x", is_staff=True, first_name="Ana", last_name="López"
    )
    usuario.groups.add(Group.objects.get(name=COORDINACION))
    return usuario


def test_el_segundo_borrador_viejo_no_borra_el_texto_del_primero(
    borrador, coordinador, ana, time_machine
):
    time_machine.move_to(
        dt.datetime(2026, 11, 30, 13, 5, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City")),
        tick=False,
    )
    url = reverse("informes:contribucion_detalle", args=[borrador.pk])
    de_ana, de_coordinadora = _entrar(ana), _entrar(coordinador)
    abierto_por_ana = _abierto(de_ana, borrador)
    abierto_por_coordinadora = _abierto(de_coordinadora, borrador)

    nueva = "Introducción de Ana."
    assert de_ana.post(url, abierto_por_ana | {"introduccion": nueva}).status_code == 302
    respuesta = de_coordinadora.post(url, abierto_por_coordinadora | {"cierre": "Cierre viejo."})

    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert (
        "Ana López (ana.lopez) cambió este informe el 30/11/2026 a las 13:05. "
        "Sus cambios no se guardaron" in html
    )
    assert "Cierre viejo." in html  # lo escrito sigue en el formulario
    borrador.refresh_from_db()
    assert (borrador.introduccion, borrador.cierre) == (nueva, "")


def test_volver_a_redactar_deja_viejo_el_formulario_abierto(borrador, coordinador):
    cliente = _entrar(coordinador)
    abierto = _abierto(cliente, borrador)
    cliente.post(
        reverse("informes:contribucion_regenerar", args=[borrador.pk]),
        {"revision_leida": borrador.revision},
    )

    respuesta = cliente.post(
        reverse("informes:contribucion_detalle", args=[borrador.pk]),
        abierto | {"cuerpo": "Texto viejo."},
    )

    assert "coordinadora cambió este informe el" in respuesta.content.decode()
    assert InformeContribucion.objects.get().cuerpo != "Texto viejo."


def test_el_admin_del_informe_tambien_lo_rechaza(borrador, coordinador, admin_client):
    url = f"/admin/informes/informecontribucion/{borrador.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    abierto = {
        c.html_name: [str(v) for v in c.value()] if isinstance(c.value(), list) else c.value()
        for c in form
        if c.value() not in (None, False)
    }
    abierto = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in abierto.items()}
    borrador.titulo = "Cambiado en otra pestaña"
    borrador.save()

    respuesta = admin_client.post(url, abierto | {"titulo": "Título viejo"})

    assert "Sus cambios no se guardaron" in respuesta.content.decode()
    borrador.refresh_from_db()
    assert borrador.titulo == "Cambiado en otra pestaña"

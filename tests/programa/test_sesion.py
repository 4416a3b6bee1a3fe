"""La sesión se cierra tras SESSION_COOKIE_AGE sin actividad, sin escribirse en cada página."""

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session

pytestmark = pytest.mark.django_db

INICIO = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _vence(client) -> dt.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_dentro_del_minuto_la_pagina_no_escribe_la_sesion(admin_client, django_assert_num_queries):
    with time_machine.travel(INICIO, tick=False):
        admin_client.get("/admin/")  # la renueva
        # sesión, usuario, y lo que la página lee; ningún UPDATE de la sesión.
        with django_assert_num_queries(2) as consultas:
            admin_client.get("/admin/jsi18n/")
    assert not any("UPDATE" in c["sql"] for c in consultas.captured_queries)


def test_la_actividad_corre_el_plazo_y_la_inactividad_cierra_la_sesion(admin_client, settings):
    with time_machine.travel(INICIO, tick=False):
        admin_client.get("/admin/")
        primera = _vence(admin_client)
    assert primera == INICIO + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)

    # Una hora y media después sigue dentro del plazo: entrar lo corre.
    with time_machine.travel(INICIO + dt.timedelta(minutes=90), tick=False):
        assert admin_client.get("/admin/").status_code == 200
    assert _vence(admin_client) == primera + dt.timedelta(minutes=90)

    # Y pasado el plazo sin actividad, la sesión ya no sirve.
    despues = INICIO + dt.timedelta(minutes=90, seconds=settings.SESSION_COOKIE_AGE + 1)
    with time_machine.travel(despues, tick=False):
        respuesta = admin_client.get("/admin/")
    assert respuesta.status_code == 302
    assert "/admin/login/" in respuesta["Location"]


def test_una_cookie_vencida_no_crea_una_sesion(client):
    client.cookies["sessionid"] = "no-existe-esta-sesion"
    client.get("/salud/")
    client.get("/admin/login/")

    assert not Session.objects.exists()

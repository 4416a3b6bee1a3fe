"""Recorrido 5: cinco contraseñas equivocadas bloquean la cuenta con un mensaje claro."""

import pytest
from playwright.sync_api import expect

from tests.e2e.teclado import entrar
from tests.e2e.usuarios import CLAVE, capturista_nacional

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# El mensaje de acceso fallido, con la corrección al es_MX de Django (locale/es_MX).
ERROR_DE_ACCESO = "nombre de usuario y la contraseña correctos"


def test_cinco_contrasenas_equivocadas_bloquean_la_cuenta(pagina, recorrido, datos_demo):
    usuario = capturista_nacional()

    for intento in range(1, 5):
        entrar(pagina, usuario.username, f"equivocada-{intento}")
        expect(pagina.locator(".errornote")).to_contain_text(ERROR_DE_ACCESO)
        if intento == 1:
            recorrido.pantalla("Contraseña equivocada")

    entrar(pagina, usuario.username, "equivocada-5")
    aviso = pagina.get_by_role("alert")
    expect(aviso.locator("h1")).to_have_text("Cuenta bloqueada temporalmente")
    expect(aviso).to_contain_text(
        "Hubo 5 intentos fallidos de entrar con la cuenta «capturista» desde esta dirección."
    )
    expect(aviso).to_contain_text("la cuenta quedó bloqueada desde esta dirección por una hora")
    expect(aviso).to_contain_text("pida a una persona administradora del sistema")
    recorrido.pantalla("Cuenta bloqueada")

    # Ni con la contraseña correcta entra mientras dura el bloqueo.
    entrar(pagina, usuario.username, CLAVE)
    expect(pagina.get_by_role("alert").locator("h1")).to_have_text("Cuenta bloqueada temporalmente")
    respuesta = pagina.goto("/admin/")
    assert "/admin/login/" in respuesta.url

"""Configuración de producción, cabeceras de seguridad y creación de cuentas por consola."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from programa.roles import ENLACE

pytestmark = pytest.mark.django_db
RAIZ = Path(__file__).resolve().parent.parent


def test_check_deploy_sin_advertencias_con_variables_de_produccion(tmp_path):
    entorno = {
        "PATH": os.environ["PATH"],
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "programa.dif.gob.mx",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "programa.settings",
    }
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "no issues" in resultado.stdout


def test_sin_secret_key_en_produccion_no_arranca(tmp_path):
    entorno = {"PATH": os.environ["PATH"], "DEBUG": "False",
               "DJANGO_SETTINGS_MODULE": "programa.settings"}  # fmt: skip
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=RAIZ, env=entorno, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert resultado.returncode != 0 and "SECRET_KEY" in resultado.stderr


def test_cabeceras_de_seguridad_y_csp(admin_client):
    respuesta = admin_client.get("/admin/")
    directivas = dict(
        d.strip().split(" ", 1) for d in respuesta["Content-Security-Policy"].split(";")
    )
    assert directivas["script-src"] == "'self'"
    assert directivas["frame-ancestors"] == "'none'"
    assert directivas["object-src"] == "'none'"
    assert respuesta["X-Frame-Options"] == "DENY"
    assert respuesta["Referrer-Policy"] == "same-origin"
    assert respuesta["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/capacitaciones/actividad/add/", "/informes/cobertura/",
            "/informes/", "/informes/contribucion/"],
)  # fmt: skip
def test_ninguna_pagina_trae_scripts_en_linea(admin_client, demo, url):
    """La CSP bloquearía cualquier <script> con código dentro: todos deben venir de archivos."""
    import re

    contenido = admin_client.get(url).content.decode()
    for etiqueta, cuerpo in re.findall(r"(<script[^>]*>)(.*?)</script>", contenido, re.S):
        assert "src=" in etiqueta or 'type="application/json"' in etiqueta or not cuerpo.strip(), (
            etiqueta
        )
    assert " onclick=" not in contenido and " onload=" not in contenido


def crear(*argumentos, contrasena="una-clave-bastante-larga"):
    salida = io.StringIO()
    entrada = io.StringIO(contrasena + "\n")
    sys_stdin, sys.stdin = sys.stdin, entrada
    try:
        call_command("crear_usuario", *argumentos, stdout=salida)
    finally:
        sys.stdin = sys_stdin
    return salida.getvalue()


def test_crear_un_enlace_estatal_para_san_luis_potosi(client):
    salida = crear("enlace_slp", "--rol", "enlace-estatal", "--entidades", "24", "--email",
                   "enlace@dif.slp.gob.mx")  # fmt: skip

    assert "Se creó «enlace_slp» con el rol Enlace estatal para San Luis Potosí." in salida
    usuario = User.objects.get(username="enlace_slp")
    assert usuario.is_staff and not usuario.is_superuser
    assert [g.name for g in usuario.groups.all()] == [ENLACE]
    assert [e.clave for e in usuario.perfil.entidades.all()] == ["24"]
    entra = client.post(
        "/admin/login/", {"username": "enlace_slp", "password": "una-clave-bastante-larga"}
    )
    assert entra.status_code == 302


@pytest.mark.parametrize(
    ("argumentos", "contrasena", "mensaje"),
    [
        (("x", "--rol", "consulta"), "corta", "La contraseña es demasiado corta"),
        (("x", "--rol", "consulta"), "password1234", "Esta contraseña es muy común."),
        (("x", "--rol", "enlace-estatal"), "una-clave-bastante-larga", "necesita --entidades"),
        (("x", "--rol", "enlace-estatal", "--entidades", "Nayrit"), "una-clave-bastante-larga",
         "«Nayrit» no es una entidad federativa; ¿quiso decir Nayarit?"),
        (("x", "--rol", "consulta", "--entidades", "24"), "una-clave-bastante-larga",
         "--entidades solo aplica al rol enlace-estatal"),
        (("x", "--rol", "consulta"), "", "Escriba la contraseña en la entrada estándar"),
    ],
)  # fmt: skip
def test_crear_usuario_con_datos_equivocados(argumentos, contrasena, mensaje):
    with pytest.raises(CommandError) as error:
        crear(*argumentos, contrasena=contrasena)
    assert mensaje in str(error.value)
    assert not User.objects.filter(username="x").exists()


def test_crear_usuario_que_ya_existe():
    crear("ana", "--rol", "consulta")
    with pytest.raises(CommandError, match="El usuario «ana» ya existe."):
        crear("ana", "--rol", "capturista")

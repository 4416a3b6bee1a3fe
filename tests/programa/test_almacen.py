"""Archivos subidos fuera de la máquina: carpeta compartida (local) o almacén S3."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from capacitaciones.models import Evidencia
from tests import archivos
from tests import factories as f

pytestmark = pytest.mark.django_db
RAIZ = Path(__file__).resolve().parent.parent.parent


def _almacen(**variables) -> subprocess.CompletedProcess:
    entorno = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "programa.settings",
               **variables}  # fmt: skip
    codigo = "import json, programa.settings as s; print(json.dumps(s.STORAGES['default']))"
    return subprocess.run(
        [sys.executable, "-c", codigo], cwd=RAIZ, env=entorno, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


def test_evidencia_en_un_almacen_remoto_se_sirve_con_sesion(settings, admin_client, client):
    # InMemoryStorage hace las veces de S3: no tiene .path(), solo open/exists/save.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    foto = archivos.imagen("JPEG")
    evidencia = f.EvidenciaFactory(
        tipo=Evidencia.Tipo.FOTOGRAFIA,
        archivo__filename="taller ñandú.jpg",
        archivo__data=foto,
        actividad__entidades=["20"],
    )
    assert not (Path(settings.MEDIA_ROOT) / evidencia.archivo.name).exists()

    respuesta = admin_client.get(evidencia.archivo.url)
    assert respuesta.status_code == 200 and respuesta.getvalue() == foto
    assert respuesta["Content-Security-Policy"] == "sandbox"
    assert client.get(evidencia.archivo.url).status_code == 302  # sin sesión, al login
    assert admin_client.get("/archivos/evidencias/no-existe.jpg").status_code == 404


def test_s3_se_configura_del_entorno():
    resultado = _almacen(
        ARCHIVOS_BACKEND="s3",
        AWS_STORAGE_BUCKET_NAME="dif-evidencias",
        AWS_S3_ENDPOINT_URL="https://minio.dif.interno:9000",
        AWS_ACCESS_KEY_ID="clave",
        AWS_SECRET_ACCESS_KEY="secreto",
    )
    assert resultado.returncode == 0, resultado.stderr
    almacen = json.loads(resultado.stdout)
    assert almacen["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (
        almacen["OPTIONS"]
        | {
            "bucket_name": "dif-evidencias",
            "endpoint_url": "https://minio.dif.interno:9000",
            "access_key": "clave",
            "secret_key": "secreto",
            "default_acl": "private",
            "file_overwrite": False,
        }
        == almacen["OPTIONS"]
    )


def test_sin_variables_carpeta_local():
    resultado = _almacen()
    assert resultado.returncode == 0, resultado.stderr
    assert json.loads(resultado.stdout) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_almacen_desconocido_lo_dice():
    resultado = _almacen(ARCHIVOS_BACKEND="ftp")
    assert resultado.returncode != 0
    assert "ARCHIVOS_BACKEND debe ser «local» o «s3», no «ftp»." in resultado.stderr

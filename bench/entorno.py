"""Configura Django para los scripts del benchmark (se importa antes que cualquier modelo)."""

import os
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "programa.settings")
# Como en producción: DEBUG apagado (sin registro de consultas, plantillas en caché); las
# peticiones van por el cliente de pruebas de Django (host «testserver», sin HTTPS).
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "solo-para-el-benchmark-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")

import django  # noqa: E402

django.setup()

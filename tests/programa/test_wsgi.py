"""El proceso de gunicorn saca lo cargado al arrancar de la recolección completa de Python."""

import subprocess
import sys

from django.conf import settings

GUION = """
import gc
import programa.wsgi
from django.core.signals import request_finished
al_arrancar = gc.get_freeze_count()
request_finished.send(sender=None)
tras_la_primera = gc.get_freeze_count()
request_finished.send(sender=None)
print(al_arrancar, tras_la_primera, gc.get_freeze_count())
"""


def test_congela_al_arrancar_y_tras_la_primera_peticion_nada_mas():
    salida = subprocess.run(
        [sys.executable, "-c", GUION],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "programa.settings", "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    al_arrancar, tras_la_primera, despues = map(int, salida)
    assert al_arrancar > 10_000
    assert tras_la_primera >= al_arrancar
    assert despues == tras_la_primera  # la segunda petición ya no recolecta ni congela

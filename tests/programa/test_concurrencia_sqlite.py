"""SQLite con varias personas guardando a la vez: una base en archivo y hilos de verdad.

Cada hilo guarda actividades como el admin: una transacción que primero lee (la validación
del formulario), luego escribe la actividad, sus entidades y temas, y el historial. Las
opciones son las de ``settings.OPCIONES_SQLITE``; el control, sin ellas, debe fallar.
"""

import contextlib
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.test import override_settings

from capacitaciones.models import Actividad
from programa.models import EntidadFederativa, Institucion, Programa, Tema

# Sin pytest.mark.django_db: la base de prueba de siempre no interviene, y la marca prohíbe
# abrir conexiones desde hilos a una base que no sea la suya.
RAIZ = Path(__file__).resolve().parent.parent.parent
ALIAS = "concurrencia"
ESCRITORES, GUARDADOS_POR_ESCRITOR = 5, 6


@pytest.fixture(scope="module")
def base_migrada(tmp_path_factory) -> Path:
    """Una base SQLite migrada por ``manage.py migrate``, como la de una instalación nueva."""
    ruta = tmp_path_factory.mktemp("sqlite") / "migrada.sqlite3"
    entorno = {**os.environ, "DATABASE_URL": f"sqlite:///{ruta}",
               "DJANGO_SETTINGS_MODULE": "programa.settings"}  # fmt: skip
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=RAIZ, env=entorno, check=True, timeout=120,
    )  # fmt: skip
    return ruta


class TodoAlArchivo:
    """Todo (también el historial, que simple_history escribe en la base por omisión) va a
    la base del archivo, como en una instalación que solo tiene esa."""

    def db_for_read(self, model, **hints):
        return ALIAS

    db_for_write = db_for_read


@contextlib.contextmanager
def base_en(ruta: Path, opciones: dict, blocker):
    """Registra la base del archivo ``ruta`` con ``opciones`` como ``ALIAS`` mientras dure."""
    configurada = connections.configure_settings(
        {"default": connections.settings["default"],
         ALIAS: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(ruta), "OPTIONS": opciones}}
    )[ALIAS]  # fmt: skip
    connections.settings[ALIAS] = configurada
    try:
        with blocker.unblock(), override_settings(DATABASE_ROUTERS=[TodoAlArchivo()]):
            yield ALIAS
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


def copia(base: Path, destino: Path, journal: str) -> Path:
    with sqlite3.connect(base) as origen, sqlite3.connect(destino) as copia_:
        origen.backup(copia_)
        copia_.execute(f"PRAGMA journal_mode={journal}")
    return destino


def guardar_a_la_vez(alias: str) -> list[str]:
    """Los escritores empiezan juntos; devuelve los errores «database is locked»."""
    institucion = Institucion.objects.create(
        nombre="SNDIF", siglas="SNDIF", tipo=Institucion.Tipo.FEDERAL
    )
    programa = Programa.objects.create(
        nombre="Programa de prueba", institucion_responsable=institucion
    )
    tema = Tema.objects.create(nombre="Prevención")
    entidades = list(EntidadFederativa.objects.order_by("pk")[:6])
    connections[alias].close()
    errores: list[str] = []
    barrera = threading.Barrier(ESCRITORES)

    def escritor(i: int) -> None:
        try:
            barrera.wait()
            for n in range(GUARDADOS_POR_ESCRITOR):
                try:
                    with transaction.atomic(using=alias):
                        folio = f"CONC-{i}-{n}"
                        # Como el formulario: primero valida (lee), luego guarda.
                        Actividad.objects.filter(folio=folio).exists()
                        time.sleep(0.005)
                        actividad = Actividad(
                            folio=folio, tipo="platica", titulo=f"Plática {i}-{n}",
                            programa=programa, fecha_inicio=dt.date(2019, 5, 1 + n),
                            fecha_fin=dt.date(2019, 5, 1 + n),
                        )  # fmt: skip
                        actividad.save()
                        actividad.entidades.set(entidades[i : i + 2])
                        actividad.temas.set([tema])
                except OperationalError as error:
                    errores.append(str(error))
        finally:
            connections[alias].close()

    hilos = [threading.Thread(target=escritor, args=(i,)) for i in range(ESCRITORES)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=120)
    return errores


def test_cinco_escritores_a_la_vez_sin_database_is_locked(
    base_migrada, tmp_path, django_db_blocker
):
    ruta = copia(base_migrada, tmp_path / "con-opciones.sqlite3", "DELETE")
    with base_en(ruta, settings.OPCIONES_SQLITE, django_db_blocker) as alias:
        errores = guardar_a_la_vez(alias)
        assert errores == []
        total = ESCRITORES * GUARDADOS_POR_ESCRITOR
        assert Actividad.objects.count() == total
        assert Actividad.entidades.through.objects.count() == 2 * total
        # Una versión al guardar y otra por cada relación (entidades, temas) que se fija.
        assert Actividad.historial.model.objects.count() == 3 * total
        modo = connections[alias].cursor().execute("PRAGMA journal_mode").fetchone()[0]
        assert modo == "wal"


def test_control_sin_las_opciones_la_misma_carga_falla(base_migrada, tmp_path, django_db_blocker):
    """Sin WAL, sin IMMEDIATE y con la espera de siempre: así estaba, y así fallaba."""
    ruta = copia(base_migrada, tmp_path / "sin-opciones.sqlite3", "DELETE")
    with base_en(ruta, {}, django_db_blocker) as alias:
        errores = guardar_a_la_vez(alias)
    assert errores and all("database is locked" in e for e in errores)


def test_las_opciones_solo_se_aplican_a_sqlite():
    entorno = {**os.environ, "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
               "DJANGO_SETTINGS_MODULE": "programa.settings"}  # fmt: skip
    salida = subprocess.run(
        [sys.executable, "-c",
         "from django.conf import settings as s; print(s.DATABASES['default'].get('OPTIONS'))"],
        cwd=RAIZ, env=entorno, capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    assert salida.strip() in ("{}", "None")

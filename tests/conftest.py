import pytest
from django.core.cache import caches

from capacitaciones.servicios import demo_cargar


@pytest.fixture(autouse=True)
def _archivos_en_tmp(settings, tmp_path):
    """Los archivos subidos en las pruebas van a una carpeta temporal."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache_de_informes_vacia():
    """Cada prueba empieza sin cifras en memoria: una prueba transaccional vacía la base pero
    no la memoria, y la siguiente podría leer lo de otra (en el sitio, la versión lo impide)."""
    caches["default"].clear()


@pytest.fixture
def demo(db):
    """Los hechos de la aportación de 2015, cargados como en ``make demo``."""
    demo_cargar()


@pytest.fixture(scope="session")
def paginas_abiertas(django_db_setup, django_db_blocker, tmp_path_factory):
    """Cada página del sitio abierta con cada rol (ver ``tests/paginas.py``), una sola vez por
    corrida; los registros que crea se deshacen al terminar."""
    from django.db import transaction
    from django.test import override_settings

    from tests.paginas import paginas_abrir, sitio_crear

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        caches["default"].clear()
        abiertas = paginas_abrir(sitio_crear())
        transaction.set_rollback(True)
    caches["default"].clear()
    return abiertas

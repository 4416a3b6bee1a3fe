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

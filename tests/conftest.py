import pytest

from capacitaciones.servicios import demo_cargar


@pytest.fixture(autouse=True)
def _archivos_en_tmp(settings, tmp_path):
    """Los archivos subidos en las pruebas van a una carpeta temporal."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(db):
    """Los hechos de la aportación de 2015, cargados como en ``make demo``."""
    demo_cargar()

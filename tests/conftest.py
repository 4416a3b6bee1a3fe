import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.files.base import ContentFile

from capacitaciones.models import Evidencia
from capacitaciones.servicios import demo_cargar
from informes.contribucion.servicios import informe_generar
from informes.models import InformeContribucion
from programa.models import PerfilUsuario
from programa.roles import POR_CLAVE
from tests import factories as f

ROLES = ["administracion", "coordinacion", "capturista", "enlace-estatal", "consulta"]


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


@pytest.fixture
def escenario(db):
    """Una persona de cada rol (el enlace, de San Luis Potosí) y registros de dos entidades."""
    slp = f.ActividadFactory(titulo="Plática en San Luis Potosí", entidades=["24"])
    oax = f.ActividadFactory(titulo="Plática en Oaxaca", entidades=["20"])
    ambas = f.ActividadFactory(titulo="Foro regional SLP y Oaxaca", entidades=["24", "20"])
    for actividad in (slp, oax):
        evidencia = Evidencia(actividad=actividad, tipo="lista_asistencia")
        evidencia.archivo.save(f"lista-{actividad.pk}.pdf", ContentFile(b"%PDF-1.4\n"))
    f.ProductoFactory(nombre="Cartel SLP").entidades_difusion.set(["24"])
    f.ProductoFactory(nombre="Cartel Oaxaca").entidades_difusion.set(["20"])
    usuarios = {}
    for rol in ROLES:
        usuario = User.objects.create_user(rol, password="x" * 12, is_staff=True)
        usuario.groups.add(Group.objects.get(name=POR_CLAVE[rol]))
        usuarios[rol] = usuario
    PerfilUsuario.objects.create(usuario=usuarios["enlace-estatal"]).entidades.set(["24"])
    informe = InformeContribucion.objects.create(
        titulo="Aportación 2015",
        desde=dt.date(2015, 1, 1),
        hasta=dt.date(2015, 12, 31),
        corte=dt.date(2015, 12, 31),
        creado_por=usuarios["coordinacion"],
    )
    informe_generar(informe=informe)
    convocatoria = f.PreguntaConvocatoriaFactory().convocatoria
    return {
        "slp": slp,
        "oax": oax,
        "ambas": ambas,
        "usuarios": usuarios,
        "informe": informe,
        "convocatoria": convocatoria,
    }

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from informes.contribucion.servicios import informe_generar
from informes.models import InformeContribucion
from programa.roles import COORDINACION


@pytest.fixture
def coordinador(django_user_model):
    """Una persona con el rol de coordinación nacional, como la crea `crear_usuario`."""
    usuario = django_user_model.objects.create_user("coordinadora", password="x", is_staff=True)
    usuario.groups.add(Group.objects.get(name=COORDINACION))
    return usuario


@pytest.fixture
def borrador(demo, coordinador):
    informe = InformeContribucion.objects.create(
        titulo="Aportación de México para el informe de la OACNUDH",
        desde=dt.date(2014, 1, 1),
        hasta=dt.date(2015, 6, 30),
        corte=dt.date(2015, 6, 30),
        limite_palabras=3000,
        creado_por=coordinador,
    )
    return informe_generar(informe=informe)


@pytest.fixture
def anio_2019(db):
    """El año 2019 capturado como lo haría otra oficina (ver ``tests/informes/anio_2019.py``)."""
    from tests.informes.anio_2019 import anio_2019_cargar

    return anio_2019_cargar()


@pytest.fixture
def versiones_creadas():
    """Las versiones de los datos ya existen, como en un sitio en uso: una página fría lee las
    suyas (una consulta) y no paga crearlas (solo la primera vez en la vida del sitio)."""
    from programa.versiones import versiones

    versiones(range(2000, 2036))

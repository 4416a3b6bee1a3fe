"""Valores plausibles: una regla en Python (formularios, importación) y un CHECK en la base.

La base guarda un rango fijo (2000–2100, 10,000,000 personas); los formularios, uno que se mueve
(FECHA_MINIMA a hoy + 5 años, PARTICIPANTES_MAXIMO_POR_AUDIENCIA) y que cabe siempre en el fijo.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from capacitaciones.models import Actividad, Participacion
from informes.models import InformeContribucion
from programa import limites
from programa.migraciones import revisar_rango
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date

BORDES = [
    D(1, 1, 1),
    D(1999, 12, 31),
    D(2000, 1, 1),
    D(2015, 3, 18),
    D(2100, 12, 31),
    D(2101, 1, 1),
    D(9999, 12, 31),
]


def _guarda(crear) -> bool:
    try:
        with transaction.atomic():
            crear()
    except IntegrityError:
        return False
    return True


CREAR = {
    "actividad": lambda d: f.ActividadFactory(fecha_inicio=d, fecha_fin=d),
    "convenio firma": lambda d: f.ConvenioFactory(fecha_firma=d, vigencia_inicio=None),
    "convenio fin de vigencia": lambda d: f.ConvenioFactory(
        fecha_firma=None, vigencia_inicio=None, vigencia_fin=d
    ),
    "producto": lambda d: f.ProductoFactory(fecha=d),
    "informe": lambda d: InformeContribucion.objects.create(
        titulo="Aportación", desde=d, hasta=d, corte=d
    ),
}


@pytest.mark.parametrize("fecha", BORDES, ids=str)
@pytest.mark.parametrize("tabla", CREAR)
def test_la_base_y_python_aceptan_las_mismas_fechas(tabla, fecha):
    assert _guarda(lambda: CREAR[tabla](fecha)) == limites.en_rango_de_la_base(fecha)


@pytest.mark.parametrize("fecha", [D(1, 1, 1), D(9999, 12, 31), D(1999, 12, 31)], ids=str)
def test_el_orm_no_guarda_fechas_imposibles(fecha):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ActividadFactory(fecha_inicio=fecha, fecha_fin=fecha)
    with pytest.raises(IntegrityError), transaction.atomic():
        Actividad.objects.filter(pk=f.ActividadFactory().pk).update(fecha_fin=fecha)


@pytest.mark.parametrize("campo", ["total", "mujeres", "hombres"])
def test_la_base_no_guarda_mas_de_diez_millones_por_audiencia(campo):
    cifras = {"total": limites.PARTICIPANTES_TECHO + 1, "mujeres": None, "hombres": None}
    if campo != "total":
        cifras = {"total": limites.PARTICIPANTES_TECHO, campo: limites.PARTICIPANTES_TECHO + 1}
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ParticipacionFactory(**cifras)
    tope = f.ParticipacionFactory(total=limites.PARTICIPANTES_TECHO)
    assert Participacion.objects.get(pk=tope.pk).total == 10_000_000


@pytest.mark.parametrize(
    "hoy", [D(2026, 11, 30), D(2028, 2, 29), D(2099, 6, 1)], ids=["hoy", "bisiesto", "2099"]
)
def test_el_limite_que_se_mueve_cabe_en_el_de_la_base(hoy, settings, time_machine):
    time_machine.move_to(dt.datetime(hoy.year, hoy.month, hoy.day, 12))
    settings.FECHA_MINIMA = limites.FECHA_PISO

    maxima = limites.fecha_maxima()

    assert maxima == min(
        D(hoy.year + 5, hoy.month, 28 if (hoy.month, hoy.day) == (2, 29) else hoy.day),
        limites.FECHA_TECHO,
    )
    assert limites.en_rango_de_la_base(maxima)
    assert limites.en_rango_de_la_base(limites.fecha_minima())
    assert limites.error_fecha(maxima) is None
    assert "la fecha más lejana que se acepta" in limites.error_fecha(maxima + dt.timedelta(1))


def test_mensajes_de_fechas_y_cifras(settings, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 12))
    assert limites.error_fecha(D(1, 1, 1)) == (
        "El 01/01/0001 es anterior al 01/01/2000, la fecha más antigua que registra el programa."
    )
    assert limites.error_fecha(D(9999, 12, 31)) == (
        "El 31/12/9999 está a más de 5 años de hoy; la fecha más lejana que se acepta es el "
        "30/11/2031."
    )
    settings.FECHA_MINIMA = D(2010, 1, 1)
    assert "anterior al 01/01/2010" in limites.error_fecha(D(2009, 12, 31))
    assert limites.error_participantes(10**20) == (
        "100,000,000,000,000,000,000 personas en una sola audiencia no es una cifra plausible; "
        "el máximo es 100,000. Revise que no sobren ceros."
    )
    settings.PARTICIPANTES_MAXIMO_POR_AUDIENCIA = 500
    assert "el máximo es 500" in limites.error_participantes(501)
    assert limites.error_participantes(500) is None


def test_el_fin_de_vigencia_de_un_convenio_puede_estar_lejos():
    limites.validar_fin_de_vigencia(D(2060, 12, 31))  # una licencia de uso a 35 años
    with pytest.raises(ValidationError, match="31/12/2100, la fecha más lejana"):
        limites.validar_fin_de_vigencia(D(2101, 1, 1))
    with pytest.raises(ValidationError, match="anterior al 01/01/2000"):
        limites.validar_fin_de_vigencia(D(1999, 12, 31))


@pytest.mark.parametrize(
    ("ajustes", "error"),
    [
        ({}, None),
        ({"FECHA_MINIMA": D(2010, 1, 1), "PARTICIPANTES_MAXIMO_POR_AUDIENCIA": 5000}, None),
        ({"FECHA_MINIMA": D(1995, 1, 1)}, "programa.E001"),
        ({"FECHA_MINIMA": D(2090, 1, 1)}, "programa.E001"),
        ({"PARTICIPANTES_MAXIMO_POR_AUDIENCIA": 20_000_000}, "programa.E002"),
        ({"PARTICIPANTES_MAXIMO_POR_AUDIENCIA": 0}, "programa.E002"),
    ],
)
def test_un_ajuste_fuera_del_rango_de_la_base_no_arranca(settings, ajustes, error):
    for nombre, valor in ajustes.items():
        setattr(settings, nombre, valor)
    assert [e.id for e in limites.revisar_ajustes()] == ([error] if error else [])


def _sin_check(tabla: str, restriccion: str):
    """Quita el CHECK dentro de la transacción de la prueba (vuelve al terminar)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'ALTER TABLE "{tabla}" DROP CONSTRAINT "{restriccion}"')
        else:
            cursor.execute("PRAGMA ignore_check_constraints = ON")


@pytest.fixture
def checks_de_vuelta():
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


def test_la_migracion_se_detiene_y_dice_que_filas_ya_rompen_el_rango(checks_de_vuelta):
    # Antes de insertar: PostgreSQL no altera una tabla con disparadores de FK pendientes.
    _sin_check("capacitaciones_actividad", "actividad_fechas_plausibles")
    buena = f.ActividadFactory()
    mala = f.ActividadFactory(fecha_inicio=D(1, 1, 1), fecha_fin=D(1, 1, 1))
    revisar = revisar_rango(
        "capacitaciones.Actividad",
        fechas=("fecha_inicio", "fecha_fin"),
        piso=D(2000, 1, 1),
        techo=D(2100, 12, 31),
    )

    class Editor:
        connection = connection

    with pytest.raises(RuntimeError) as error:
        revisar.code(apps, Editor())

    mensaje = str(error.value)
    assert "fechas del 2000-01-01 al 2100-12-31" in mensaje
    assert f"actividad id={mala.pk}: fecha_inicio = 0001-01-01" in mensaje
    assert f"id={buena.pk}:" not in mensaje
    assert "Corríjalas en el admin" in mensaje

"""Las reglas de una actividad las guarda la base de datos, no solo el formulario."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from capacitaciones.models import Actividad, Participacion
from programa.fechas import Precision, ajustar, es_coherente
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date


def rechazada_por_la_base(**campos):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ActividadFactory(**campos)


def test_fin_anterior_al_inicio():
    rechazada_por_la_base(fecha_inicio=D(2015, 3, 18), fecha_fin=D(2015, 3, 17))


@pytest.mark.parametrize("estado", ["cancelada", "reprogramada"])
def test_motivo_obligatorio_al_cancelar_o_reprogramar(estado):
    rechazada_por_la_base(estado=estado, motivo="")
    assert f.ActividadFactory(estado=estado, motivo="Lluvias en la sede").pk


@pytest.mark.parametrize(
    ("inicio", "fin", "precision"),
    [
        (D(2015, 7, 2), D(2015, 12, 31), "semestre"),
        (D(2015, 7, 1), D(2015, 12, 30), "semestre"),
        (D(2015, 4, 1), D(2015, 9, 30), "semestre"),
        (D(2015, 5, 1), D(2015, 6, 30), "trimestre"),
        (D(2015, 4, 2), D(2015, 4, 30), "mes"),
        (D(2015, 4, 1), D(2015, 4, 29), "mes"),
        (D(2015, 1, 1), D(2015, 11, 30), "anio"),
        (D(2015, 2, 1), D(2015, 12, 31), "anio"),
    ],
)
def test_fechas_que_no_coinciden_con_su_precision(inicio, fin, precision):
    rechazada_por_la_base(fecha_inicio=inicio, fecha_fin=fin, precision=precision)


@pytest.mark.parametrize(
    ("inicio", "fin", "precision"),
    [
        (D(2015, 7, 1), D(2015, 12, 31), "semestre"),
        (D(2014, 4, 1), D(2014, 4, 30), "mes"),
        (D(2014, 4, 1), D(2014, 5, 31), "mes"),
        (D(2016, 2, 1), D(2016, 2, 29), "mes"),
        (D(2015, 10, 1), D(2015, 12, 31), "trimestre"),
        (D(2014, 1, 1), D(2014, 12, 31), "anio"),
        (D(2014, 1, 1), D(2015, 12, 31), "anio"),
    ],
)
def test_fechas_que_si_coinciden_con_su_precision(inicio, fin, precision):
    assert f.ActividadFactory(fecha_inicio=inicio, fecha_fin=fin, precision=precision).pk


def test_la_regla_de_python_y_la_de_la_base_coinciden_en_todo_un_anio():
    """Cada par de bordes de mes de 2016 (bisiesto) con cada precisión: misma respuesta."""
    meses = range(1, 13)
    bordes = [D(2016, m, 1) for m in meses] + [
        ajustar(D(2016, m, 1), None, "mes")[1] for m in meses
    ]
    programa = f.ProgramaFactory()
    for inicio, fin in itertools.product(bordes, repeat=2):
        if fin < inicio:
            continue
        for precision in Precision.values:
            actividad = Actividad(
                programa=programa, tipo="taller", titulo="t", fecha_inicio=inicio,
                fecha_fin=fin, precision=precision,
            )  # fmt: skip
            try:
                with transaction.atomic():
                    Actividad.objects.bulk_create([actividad])  # sin historial: solo la regla
                aceptada = True
            except IntegrityError:
                aceptada = False
            assert aceptada == es_coherente(inicio, fin, precision), (inicio, fin, precision)


def test_clean_lleva_cualquier_fecha_al_periodo_de_su_precision():
    actividad = f.ActividadFactory.build(
        fecha_inicio=D(2015, 9, 15), fecha_fin=None, precision="semestre"
    )
    actividad.clean()
    assert (actividad.fecha_inicio, actividad.fecha_fin) == (D(2015, 7, 1), D(2015, 12, 31))


def test_clean_explica_en_espanol_el_motivo_que_falta():
    actividad = f.ActividadFactory.build(estado="cancelada", motivo="  ")
    with pytest.raises(ValidationError) as error:
        actividad.clean()
    assert error.value.message_dict["motivo"] == ["Escriba el motivo: la actividad está cancelada."]


def test_participacion_no_negativa_ni_desglose_mayor_que_el_total():
    actividad = f.ActividadFactory()
    audiencia = f.AudienciaFactory()
    for campos in (
        {"total": -1},
        {"total": 10, "mujeres": 6, "hombres": 5},
        {"total": None, "mujeres": 3},
        {"total": 10, "hombres": -2},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Participacion.objects.create(actividad=actividad, audiencia=audiencia, **campos)
    assert Participacion.objects.create(
        actividad=actividad, audiencia=audiencia, total=10, mujeres=6, hombres=4
    ).pk


def test_folio_automatico_y_unico():
    primera, segunda = f.ActividadFactory(), f.ActividadFactory()
    assert primera.folio.startswith("ACT-") and primera.folio != segunda.folio
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ActividadFactory(folio=primera.folio)


def test_total_de_participantes_suma_audiencias_y_omite_las_sin_dato():
    actividad = f.ActividadFactory()
    f.ParticipacionFactory(actividad=actividad, total=45)
    f.ParticipacionFactory(actividad=actividad, total=12)
    f.ParticipacionFactory(actividad=actividad, total=None)
    assert Actividad.objects.get(pk=actividad.pk).total_participantes == 57


def test_en_periodo_usa_el_traslape_del_periodo_completo():
    semestre = f.ActividadFactory(
        fecha_inicio=D(2015, 7, 1), fecha_fin=D(2015, 12, 31), precision="semestre"
    )
    en_2015 = Actividad.objects.en_periodo(D(2015, 1, 1), D(2015, 12, 31))
    primer_semestre = Actividad.objects.en_periodo(D(2015, 1, 1), D(2015, 6, 30))
    segundo_semestre = Actividad.objects.en_periodo(D(2015, 7, 1), D(2015, 12, 31))
    septiembre = Actividad.objects.en_periodo(D(2015, 9, 1), D(2015, 9, 30))
    assert semestre in en_2015 and semestre in segundo_semestre and semestre in septiembre
    assert semestre not in primer_semestre

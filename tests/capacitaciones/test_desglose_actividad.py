"""Mujeres y hombres de toda la actividad: cuando hay varias audiencias y la lista solo dice
cuántas mujeres y hombres hubo en total."""

import pytest
from django.db import IntegrityError, transaction

from capacitaciones.hojas.columnas import TODAS
from capacitaciones.hojas.exportar import actividades_filas
from capacitaciones.hojas.importar import Accion
from capacitaciones.models import Actividad
from tests import factories as f
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd, importar
from tests.capacitaciones.test_admin_actividades import URL, formulario

pytestmark = pytest.mark.django_db

VARIAS = "Niñas y niños=45; Personal del programa=12"


def test_la_hoja_con_varias_audiencias_guarda_el_desglose_de_la_actividad(demo):
    resultado = importar(
        csv_bytes([fila(folio="SLP-1", participantes=VARIAS, mujeres="30", hombres="20")])
    )

    assert resultado.errores == []
    actividad = Actividad.objects.get(folio="SLP-1")
    assert (actividad.mujeres, actividad.hombres) == (30, 20)
    assert {(p.total, p.mujeres, p.hombres) for p in actividad.participaciones.all()} == {
        (45, None, None),
        (12, None, None),
    }


def test_exportar_y_volver_a_importar_no_cambia_nada(demo):
    importar(csv_bytes([fila(folio="SLP-1", participantes=VARIAS, mujeres="30", hombres="")]))
    (valores,) = actividades_filas(Actividad.objects.filter(folio="SLP-1"))
    exportada = dict(zip(TODAS, valores, strict=True))
    assert (exportada["participantes"], exportada["mujeres"], exportada["hombres"]) == (
        "Niñas y niños=45; Personal del programa=12",
        30,
        None,
    )
    antes = foto_bd()

    resultado = importar(csv_bytes([exportada | {"fecha_inicio": "18/03/2015"}]))

    assert resultado.errores == []
    assert [f.accion for f in resultado.filas] == [Accion.SIN_CAMBIOS]
    assert foto_bd() == antes


def test_con_una_audiencia_sigue_yendo_a_la_audiencia(demo):
    importar(csv_bytes([fila(folio="SLP-1", mujeres="20", hombres="25")]))
    actividad = Actividad.objects.get(folio="SLP-1")
    assert (actividad.mujeres, actividad.hombres) == (None, None)
    assert (actividad.participaciones.get().mujeres, actividad.participaciones.get().hombres) == (
        20,
        25,
    )


def test_con_desglose_por_audiencia_las_columnas_son_la_suma_y_no_se_guardan_aparte(demo):
    participantes = "Niñas y niños=45 (20 mujeres, 25 hombres); Personal del programa=12"
    resultado = importar(
        csv_bytes([fila(folio="SLP-1", participantes=participantes, mujeres="20")])
    )
    assert resultado.errores == []
    actividad = Actividad.objects.get(folio="SLP-1")
    assert (actividad.mujeres, actividad.hombres) == (None, None)


def test_la_base_no_guarda_negativos():
    actividad = f.ActividadFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actividad.objects.filter(pk=actividad.pk).update(mujeres=-1)


def _con_dos_audiencias(**cambios):
    a, b = f.AudienciaFactory(), f.AudienciaFactory()
    return formulario(
        **{
            "participaciones-TOTAL_FORMS": 2,
            "participaciones-0-audiencia": a.pk,
            "participaciones-0-total": 10,
            "participaciones-1-audiencia": b.pk,
            "participaciones-1-total": 5,
        }
        | cambios
    )


def test_el_admin_guarda_el_desglose_de_toda_la_actividad(admin_client):
    respuesta = admin_client.post(URL + "add/", _con_dos_audiencias(mujeres=9, hombres=6))
    assert respuesta.status_code == 302
    assert Actividad.objects.values_list("mujeres", "hombres").get() == (9, 6)
    formulario_vacio = admin_client.get(URL + "add/").content.decode()
    assert "Mujeres y hombres de toda la actividad" in formulario_vacio


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        (
            {"mujeres": 9, "hombres": 7},
            "Mujeres (9) más hombres (7) suman más que las personas registradas (15).",
        ),
        (
            {"mujeres": 2, "participaciones-0-mujeres": 1},
            "Hay desglose por audiencia: deje vacíos mujeres y hombres de toda la actividad",
        ),
        (
            {"mujeres": 2, "participaciones-0-total": "", "participaciones-1-total": ""},
            "Escriba cuántas personas asistieron (por audiencia) antes de desglosar por sexo.",
        ),
    ],
)
def test_el_admin_explica_un_desglose_de_la_actividad_que_no_cuadra(admin_client, cambios, mensaje):
    contenido = admin_client.post(URL + "add/", _con_dos_audiencias(**cambios)).content.decode()
    assert mensaje in contenido
    assert not Actividad.objects.exists()

"""Importar como enlace estatal no revela qué folios existen fuera de sus entidades."""

import io

import pytest
from django.contrib.auth.models import Group, User

from capacitaciones.hojas.importar import Accion, actividades_importar
from capacitaciones.models import Actividad
from programa.models import PerfilUsuario
from programa.roles import ENLACE
from tests import factories as f
from tests.capacitaciones.hojas import csv_bytes, fila

pytestmark = pytest.mark.django_db


@pytest.fixture
def enlace_slp(demo):
    usuario = User.objects.create_user("enlace.slp", is_staff=True)
    usuario.groups.add(Group.objects.get(name=ENLACE))
    PerfilUsuario.objects.create(usuario=usuario).entidades.set(["24"])
    return usuario


def importar_como(usuario, folio: str):
    contenido = csv_bytes([fila(folio=folio, entidades="San Luis Potosí")])
    resultado = actividades_importar(
        archivo=io.BytesIO(contenido), nombre="slp.csv", guardar=True, usuario=usuario
    )
    assert not resultado.guardado
    return [e.replace(folio, "FOLIO") for e in resultado.errores], resultado.filas[0].accion


def test_folio_de_otra_entidad_y_folio_inexistente_reciben_el_mismo_mensaje(enlace_slp):
    f.ActividadFactory(folio="OAX-2031-007", titulo="Taller en Oaxaca", entidades=["20"])
    antes = Actividad.objects.count()

    ajeno = importar_como(enlace_slp, "OAX-2031-007")
    inexistente = importar_como(enlace_slp, "OAX-2031-008")

    assert ajeno == inexistente
    assert ajeno == (
        [
            "Fila 2, columna «folio»: No hay una actividad con el folio 'FOLIO' en sus "
            "entidades. Para registrar una actividad nueva, deje el folio vacío: el sistema "
            "le asigna uno."
        ],
        Accion.ERROR,
    )
    assert Actividad.objects.count() == antes
    assert Actividad.objects.get(folio="OAX-2031-007").titulo == "Taller en Oaxaca"


def test_el_enlace_actualiza_por_folio_las_suyas_y_crea_sin_folio(enlace_slp):
    f.ActividadFactory(folio="SLP-2031-001", titulo="Plática vieja", entidades=["24"])
    contenido = csv_bytes(
        [fila(folio="SLP-2031-001", titulo="Plática corregida"), fila(titulo="Plática nueva")]
    )

    resultado = actividades_importar(
        archivo=io.BytesIO(contenido), nombre="slp.csv", guardar=True, usuario=enlace_slp
    )

    assert resultado.guardado, resultado.errores
    assert resultado.conteo["actualizadas"] == 1 and resultado.conteo["nuevas"] == 1
    assert Actividad.objects.get(folio="SLP-2031-001").titulo == "Plática corregida"
    assert Actividad.objects.filter(titulo="Plática nueva").exists()


def test_una_compartida_que_ve_dice_por_que_no_la_cambia(enlace_slp):
    f.ActividadFactory(folio="REG-2031-002", entidades=["24", "20"])  # la ve en su lista
    errores, accion = importar_como(enlace_slp, "REG-2031-002")
    assert accion == Accion.ERROR
    assert any("es también de otra entidad" in e for e in errores)

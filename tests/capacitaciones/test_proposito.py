"""El propósito entra al informe tras «para» / «to»: su gramática se revisa al capturarlo."""

import pytest
from django.core.exceptions import ValidationError

from capacitaciones.hojas.columnas import COLUMNAS
from capacitaciones.models import Actividad
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd, importar
from tests.factories import ActividadFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "valido", ["brindar herramientas al personal", "fortalecerlos", "reír y convivir", "oír"]
)
def test_un_infinitivo_en_minuscula_es_un_proposito(valido):
    actividad = ActividadFactory.build(proposito=valido, proposito_en="to listen")
    actividad.clean_fields(exclude=["programa", "folio"])


@pytest.mark.parametrize(
    "malo", ["Reforzar el autocuidado", "Sesión con grupos de tercer grado.", "para brindar…"]
)
def test_lo_que_no_empieza_con_infinitivo_da_un_mensaje_claro(malo):
    actividad = ActividadFactory.build(proposito=malo, proposito_en="strengthen")
    with pytest.raises(ValidationError) as error:
        actividad.clean_fields(exclude=["programa", "folio"])
    mensajes = error.value.message_dict
    assert "empiece con un verbo en infinitivo y en minúscula" in mensajes["proposito"][0]
    assert "empieza con «to »" in mensajes["proposito_en"][0]


def test_la_hoja_con_columna_proposito_la_valida_y_la_guarda(demo):
    columnas = (*COLUMNAS, "proposito")
    foto = foto_bd()
    malo = importar(csv_bytes([fila(proposito="Reforzar valores")], columnas=columnas))
    assert not malo.guardado
    assert any("columna «proposito»" in e and "infinitivo" in e for e in malo.errores), malo.errores
    assert foto_bd() == foto

    bueno = importar(
        csv_bytes([fila(folio="P-1", proposito="reforzar valores")], columnas=columnas)
    )
    assert bueno.guardado, bueno.errores
    assert Actividad.objects.get(folio="P-1").proposito == "reforzar valores"

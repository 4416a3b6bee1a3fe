"""Las recomendaciones de la ONU como registros: su referencia escrita y sus reglas."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from programa.models import Recomendacion, SeguimientoRecomendacion
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_la_referencia_se_escribe_documento_parr_parrafo():
    documento = f.DocumentoOnuFactory(simbolo="CRC/C/MEX/CO/4-5")
    recomendacion = f.RecomendacionFactory(documento=documento, parrafo="42 b)")
    assert str(recomendacion) == "CRC/C/MEX/CO/4-5 párr. 42 b)"
    assert recomendacion.referencia == "CRC/C/MEX/CO/4-5 párr. 42 b)"


@pytest.mark.parametrize(
    "escrita",
    [
        "CRC/C/MEX/CO/4-5 párr. 42 b)",
        "  crc/c/mex/co/4-5   parr. 42b) ",
        "CRC/C/MEX/CO/4-5, párrafo 42 B)",
        "CRC/C/MEX/CO/4-5 para. 42 b)",
    ],
)
def test_por_referencia_lee_lo_que_la_gente_escribe(escrita):
    documento = f.DocumentoOnuFactory(simbolo="CRC/C/MEX/CO/4-5")
    buscada = f.RecomendacionFactory(documento=documento, parrafo="42 b)")
    f.RecomendacionFactory(documento=documento, parrafo="42")
    assert Recomendacion.objects.por_referencia(escrita) == buscada


@pytest.mark.parametrize("escrita", ["CRC/C/MEX/CO/4-5", "párr. 42", "CRC/C/MEX/CO/4-5 párr. 43"])
def test_por_referencia_sin_coincidencia_da_none(escrita):
    documento = f.DocumentoOnuFactory(simbolo="CRC/C/MEX/CO/4-5")
    f.RecomendacionFactory(documento=documento, parrafo="42")
    assert Recomendacion.objects.por_referencia(escrita) is None


def test_partir_referencia_separa_simbolo_y_parrafo():
    assert Recomendacion.partir_referencia("A/HRC/7/8/Add.2 párr. 3") == ("A/HRC/7/8/Add.2", "3")
    with pytest.raises(ValueError):
        Recomendacion.partir_referencia("A/HRC/7/8/Add.2")


def test_la_fecha_de_la_recomendacion_es_la_del_documento_si_falta():
    recomendacion = f.RecomendacionFactory(fecha=None)
    assert recomendacion.fecha_efectiva == recomendacion.documento.fecha


def test_un_parrafo_no_se_repite_en_un_documento():
    recomendacion = f.RecomendacionFactory(parrafo="7")
    with pytest.raises(IntegrityError), transaction.atomic():
        Recomendacion.objects.create(documento=recomendacion.documento, parrafo="7")


def test_un_estado_confirmado_necesita_fecha_de_confirmacion():
    recomendacion = f.RecomendacionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SeguimientoRecomendacion.objects.create(
            recomendacion=recomendacion, anio=2015, estado="cumplida"
        )
    SeguimientoRecomendacion.objects.create(
        recomendacion=recomendacion, anio=2015, estado="cumplida", confirmado_en=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SeguimientoRecomendacion.objects.create(recomendacion=recomendacion, anio=2015)

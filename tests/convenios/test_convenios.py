import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from convenios.models import Convenio
from tests import factories as f

pytestmark = pytest.mark.django_db
HOY = dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("fin", "estado"),
    [
        (None, "vigente"),
        (HOY + dt.timedelta(days=91), "vigente"),
        (HOY + dt.timedelta(days=90), "por_vencer"),
        (HOY, "por_vencer"),
        (HOY - dt.timedelta(days=1), "vencido"),
    ],
)
def test_estado_derivado_de_las_fechas_en_el_modelo_y_en_la_consulta(fin, estado):
    convenio = f.ConvenioFactory(vigencia_inicio=dt.date(2014, 10, 29), vigencia_fin=fin)

    assert convenio.estado(HOY) == estado
    consultas = {
        "vigente": Convenio.objects.vigentes,
        "por_vencer": Convenio.objects.por_vencer,
        "vencido": Convenio.objects.vencidos,
    }
    for nombre, consulta in consultas.items():
        assert (convenio in consulta(HOY)) == (nombre == estado), nombre


def test_vigencia_en_orden():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ConvenioFactory(vigencia_inicio=dt.date(2015, 1, 1), vigencia_fin=dt.date(2014, 1, 1))


def test_una_institucion_es_parte_una_sola_vez():
    parte = f.ParteConvenioFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ParteConvenioFactory(convenio=parte.convenio, institucion=parte.institucion)


def test_filtro_de_estado_en_el_admin(admin_client, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 28, 12))
    f.ConvenioFactory(folio="VENCIDO-1", vigencia_fin=dt.date(2020, 1, 1))
    f.ConvenioFactory(folio="INDEFINIDO-1", vigencia_fin=None)
    f.ConvenioFactory(folio="PRONTO-1", vigencia_fin=dt.date(2027, 1, 15))

    vencidos = admin_client.get("/admin/convenios/convenio/?estado=vencido").content.decode()
    por_vencer = admin_client.get("/admin/convenios/convenio/?estado=por_vencer").content.decode()

    assert "VENCIDO-1" in vencidos and "INDEFINIDO-1" not in vencidos
    assert "PRONTO-1" in por_vencer and "VENCIDO-1" not in por_vencer
    assert "Por vencer" in por_vencer

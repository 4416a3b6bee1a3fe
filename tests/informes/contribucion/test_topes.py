"""Un año de datos nacionales no se narra actividad por actividad: se destacan unas y se
cuentan las demás; el anexo siempre cuenta todas."""

import datetime as dt

import pytest

from informes.contribucion.hechos import MAX_VINETAS, contribucion_construir
from informes.contribucion.redaccion import redactar
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_se_destacan_las_platicas_con_mas_participantes_y_se_cuentan_las_demas():
    for n in range(MAX_VINETAS + 8):
        actividad = f.ActividadFactory(
            titulo=f"Plática {n:02d}",
            fecha_inicio=dt.date(2015, 3, 1) + dt.timedelta(days=n),
            entidades=["24"],
        )
        f.ParticipacionFactory(actividad=actividad, total=100 - n)

    contribucion = contribucion_construir(
        desde=dt.date(2015, 1, 1), hasta=dt.date(2015, 12, 31), corte=dt.date(2015, 12, 31)
    )
    bloques = redactar(contribucion, "es")

    vinetas = next(b for b in bloques if b.tipo == "vinetas").elementos
    assert len(vinetas) == MAX_VINETAS
    assert ["Plática 00" in vinetas[0], "Plática 11" in vinetas[-1]] == [True, True]
    assert any(b.texto == "Además, en el periodo se realizaron ocho pláticas." for b in bloques)
    slp = next(e for e in contribucion["anexo"]["entidades"] if e["clave"] == "24")
    assert slp["por_tipo"] == {"platica": MAX_VINETAS + 8}

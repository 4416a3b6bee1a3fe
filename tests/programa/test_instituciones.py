import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_vigencia_de_institucion_en_orden():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.InstitucionFactory(vigente_desde=dt.date(2019, 1, 1), vigente_hasta=dt.date(2018, 1, 1))


def test_sucesora_de_la_policia_federal():
    guardia = f.InstitucionFactory(nombre="Guardia Nacional", siglas="GN")
    policia = f.InstitucionFactory(nombre="Policía Federal", siglas="PF", sucesora=guardia)
    assert list(guardia.predecesoras.all()) == [policia]
    policia.sucesora = policia
    with pytest.raises(IntegrityError), transaction.atomic():
        policia.save()

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

CONSULTAS = [
    "fecha_firma__year=0", "fecha_firma__year=10000", "fecha_firma__year=2015&fecha_firma__month=2&fecha_firma__day=30",
    "fecha__year=99999999999999999999", "fecha__year=2015&fecha__month=0",
    "o=-0.999.abc", "o=99999999999999999999", "p=-1", "p=99999999999999999999",
    "anio=2099", "anio=٢٠١٥", "anio=２０１５", "entidad=" + "x" * 5000,
    "temas__id__exact=99999999999999999999", "convenio__id__exact=99999999999999999999",
    "programa__id__exact=abc", "convenio__isnull=maybe", "estado=%00", "q=%00", "q=" + "%25_" * 60,
    "q=" + '"' * 150, "_facets=1", "all=1", "_to_field=password", "_popup=1&_to_field=folio",
]


def test_ninguna_lista_da_500(admin_user):
    c = Client(raise_request_exception=False)
    c.force_login(admin_user)
    f.ActividadFactory(entidades=["24"])
    f.ParteConvenioFactory()
    malos = []
    for modelo, ma in admin.site._registry.items():
        url = reverse(f"admin:{modelo._meta.app_label}_{modelo._meta.model_name}_changelist")
        for q in CONSULTAS:
            r = c.get(f"{url}?{q}")
            if r.status_code >= 500:
                malos.append((url, q[:60], r.status_code))
    assert not malos, malos


import pytest
from django.contrib.auth.models import User
from django.test import Client

from capacitaciones.models import Participacion
from tests import factories as f
from tests.test_revision import formulario_abierto

pytestmark = pytest.mark.django_db


@pytest.fixture
def lector(db):
    """Solo lectura en el admin (ver actividades y programas)."""
    from django.contrib.auth.models import Permission

    u = User.objects.create_user("lector", "l@x.mx", "clave-larga-2026", is_staff=True)
    u.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_actividad", "view_programa", "view_producto"]
        )
    )
    c = Client(raise_request_exception=False)
    c.force_login(u)
    return c


def test_autocomplete_term_sin_tope(lector):
    f.ActividadFactory(entidades=["24"])
    term = " ".join(["a"] * 1000)  # 2 KB: cabe en la línea de 4 KB de gunicorn
    r = lector.get(
        "/admin/autocomplete/",
        {
            "term": term,
            "app_label": "capacitaciones",
            "model_name": "producto",
            "field_name": "actividad",
        },
    )
    # La lista rechaza una búsqueda de más de 200 caracteres / 20 palabras; el autocompletado no.
    assert r.status_code in (400, 403), r.status_code


def test_mil_con_punto_se_guarda_como_uno(admin_client):
    actividad = f.ActividadFactory(entidades=["24"])
    f.ParticipacionFactory(actividad=actividad, total=20)
    url = f"/admin/capacitaciones/actividad/{actividad.pk}/change/"
    datos = formulario_abierto(admin_client, url)
    r = admin_client.post(url, datos | {"participaciones-0-total": "1.000"})
    assert r.status_code == 302
    # «1.000» (mil, con punto de miles) quedó como 1 persona, sin aviso.
    assert Participacion.objects.get(actividad=actividad).total != 1

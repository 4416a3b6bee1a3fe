import pytest

from capacitaciones.models import Actividad, desglose_actividad_errores
from tests import factories as f
from tests.test_revision import formulario_abierto

pytestmark = pytest.mark.django_db


def test_revertir_actividad_deja_un_desglose_que_el_formulario_rechaza(admin_client):
    actividad = f.ActividadFactory(entidades=["24"])
    p1 = f.ParticipacionFactory(actividad=actividad, total=60)
    p2 = f.ParticipacionFactory(actividad=actividad, total=40)
    actividad.mujeres, actividad.hombres = 50, 50  # versión 1: desglose de toda la actividad
    actividad.save()
    v1 = actividad.historial.latest("history_date", "history_id")
    # Después: el desglose pasa a cada audiencia y se vacía el de toda la actividad.
    p1.mujeres, p1.hombres = 30, 30
    p1.save()
    p2.mujeres, p2.hombres = 20, 20
    p2.save()
    actividad.mujeres = actividad.hombres = None
    actividad.save()

    url = f"/admin/capacitaciones/actividad/{actividad.pk}/history/{v1.history_id}/"
    r = admin_client.post(url, formulario_abierto(admin_client, url))

    actividad = Actividad.objects.get(pk=actividad.pk)
    filas = [(p.total, p.mujeres, p.hombres) for p in actividad.participaciones.all()]
    assert r.status_code != 302 or not desglose_actividad_errores(
        actividad.mujeres, actividad.hombres, filas
    ), f"guardado con desglose doble: {actividad.mujeres=} {actividad.hombres=} {filas=}"

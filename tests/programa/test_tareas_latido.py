"""El latido: un hilo del trabajador anota que sigue vivo aunque el servicio pase mucho tiempo
en un solo paso, y le avisa si la tarea se canceló mientras tanto."""

import time

import pytest
from django_tasks import task

from programa import tareas
from programa.models import Tarea
from programa.tareas import con_avance

# El hilo escribe con su propia conexión: la tarea tiene que estar guardada de verdad.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@task()
@con_avance(directo=False)
def lenta(tarea, avance) -> dict:
    avance.al_abrir(40)
    for _ in range(40):
        if tarea.datos.get("cancelar_en") == avance.hechos:
            Tarea.objects.filter(pk=tarea.pk).update(estado=Tarea.Estado.CANCELADA)
        time.sleep(0.02)
        avance(1)
    return {"mensaje": "Listo."}


@pytest.fixture
def latido_rapido(monkeypatch):
    monkeypatch.setattr(tareas, "LATIDO_SEGUNDOS", 0.05)


def test_el_latido_anota_vida_y_avance_desde_su_hilo(admin_user, latido_rapido):
    tarea = Tarea.objects.create(tipo=Tarea.Tipo.RESPALDO, usuario=admin_user)
    latidos = []
    original = tareas._Latido._latir

    def latir_y_anotar(hilo):
        original(hilo)
        latidos.append(Tarea.objects.values_list("latido", "hechos").get(pk=tarea.pk))

    tareas._Latido._latir = latir_y_anotar
    try:
        lenta.enqueue(str(tarea.pk))
    finally:
        tareas._Latido._latir = original
    tarea.refresh_from_db()
    assert (tarea.estado, tarea.hechos, tarea.resultado) == ("terminada", 40, {"mensaje": "Listo."})
    # Varios latidos, cada uno más tarde que el anterior, con el avance de ese momento.
    assert len(latidos) >= 3
    assert [momento for momento, _ in latidos] == sorted(momento for momento, _ in latidos)
    assert 0 < latidos[0][1] < 40


def test_cancelada_mientras_corre_se_detiene_en_el_siguiente_paso(admin_user, latido_rapido):
    tarea = Tarea.objects.create(
        tipo=Tarea.Tipo.RESPALDO, usuario=admin_user, datos={"cancelar_en": 5}
    )
    lenta.enqueue(str(tarea.pk))
    tarea.refresh_from_db()
    assert tarea.estado == Tarea.Estado.CANCELADA
    assert tarea.resultado == {}
    assert tarea.hechos < 40

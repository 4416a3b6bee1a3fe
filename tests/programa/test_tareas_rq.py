"""La cola de tareas en Redis (TAREAS_BACKEND=rq), como con varias máquinas: el sitio encola y
un trabajador de RQ (aquí en la misma prueba, sin fork) la toma."""

import socket
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from capacitaciones.hojas.tareas import hoja_revisar
from programa.models import Tarea
from tests.capacitaciones.hojas import csv_bytes, fila

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/0"


def _redis_responde() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
        return True
    except OSError:
        return False


@pytest.mark.redis
@pytest.mark.skipif(not _redis_responde(), reason="Redis no responde en 127.0.0.1:6379")
def test_revisar_una_hoja_con_rq_en_redis(demo, admin_client, settings, monkeypatch):
    from django_rq import get_queue
    from django_tasks_rq import Job
    from rq import SimpleWorker

    # Una cola propia: otras pruebas (u otro sitio) en el mismo Redis no la ven ni la vacían.
    cola = f"prueba-{uuid.uuid4().hex[:12]}"
    settings.RQ_QUEUES = {cola: {"URL": REDIS}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [cola]}}
    monkeypatch.setattr(
        "capacitaciones.hojas.admin.hoja_revisar", hoja_revisar.using(queue_name=cola)
    )
    queue = get_queue(cola, job_class=Job)
    redis = queue.connection
    trabajos = []
    try:
        filas = [fila(folio=f"OAX-2019-{i}", fecha_inicio=f"0{i}/03/2019") for i in (1, 2)]
        subida = admin_client.post(
            "/admin/capacitaciones/actividad/importar/",
            {"archivo": SimpleUploadedFile("oaxaca.csv", csv_bytes(filas))},
        )
        tarea = Tarea.objects.get()
        assert subida.url == f"/tareas/{tarea.pk}/"
        trabajos = list(queue.job_ids)
        assert len(trabajos) == 1
        html = admin_client.get(subida.url).content.decode()
        assert "En espera: empezará en cuanto el servidor de tareas la tome." in html

        trabajador = SimpleWorker([queue], connection=redis, job_class=Job, name=cola)
        assert trabajador.work(burst=True)

        tarea.refresh_from_db()
        assert (tarea.estado, tarea.total, tarea.hechos) == ("terminada", 2, 2)
        assert tarea.latido is not None
        previa = admin_client.get(subida.url, follow=True)
        assert "2 filas: 2 nuevas, 0 actualizadas, 0 sin cambios, 0 con errores." in (
            previa.content.decode()
        )
        assert queue.finished_job_registry.get_job_ids() == trabajos
    finally:
        llaves = {f"rq:job:{t}" for t in trabajos} | {f"rq:results:{t}" for t in trabajos}
        llaves |= set(redis.scan_iter(f"*{cola}*"))
        if llaves:
            redis.delete(*llaves)
        redis.srem("rq:queues", queue.key)

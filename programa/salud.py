"""Revisión de salud para el balanceador: base de datos, cachés y cola de tareas.

Cada revisión devuelve «ok» o «error: <motivo en español>». El detalle técnico va a la
bitácora del servidor y nunca a la respuesta: /salud/ es pública (el balanceador no inicia
sesión) y no debe dar a nadie nombres de equipos ni direcciones internas.
"""

import datetime as dt
import logging
import os
import socket
import threading
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Exists, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

OK = "ok"
CACHES_REVISADAS = ("default", "versiones")


def _error(parte: str, motivo: str, exc: Exception) -> str:
    logger.error("/salud/: falla %s: %s", parte, exc, exc_info=exc)
    return f"error: {motivo} ({type(exc).__name__})"


def revisar_base() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return _error("base", "la base de datos no responde", exc)
    return OK


def revisar_cache() -> str:
    # Una llave por proceso (se reescribe en cada revisión y caduca sola: las revisiones no
    # llenan la caché) y un valor nuevo cada vez: lo leído es lo que esta revisión escribió.
    llave = f"salud:{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
    valor = uuid.uuid4().hex
    for alias in CACHES_REVISADAS:
        try:
            cache = caches[alias]
            cache.set(llave, valor, timeout=10)
            leido = cache.get(llave)
        except Exception as exc:
            return _error("cache", f"la caché «{alias}» no responde", exc)
        if leido != valor:
            return f"error: la caché «{alias}» no devuelve lo que se guardó en ella"
    return OK


def revisar_tareas() -> str:
    backend = settings.TASKS["default"]["BACKEND"]
    try:
        if backend == "django_tasks_db.DatabaseBackend":
            return _revisar_cola_en_base()
        if backend == "django_tasks_rq.RQBackend":
            from django_rq import get_connection

            get_connection("default").ping()
    except Exception as exc:
        return _error("tareas", "la cola de tareas no responde", exc)
    # Backend inmediato (pruebas): corre dentro de la petición, no hay cola que revisar.
    return OK


def _revisar_cola_en_base() -> str:
    """La tabla de la cola responde y, si hay trabajo esperando, un trabajador lo atiende.

    Un trabajador ocioso no escribe nada, así que no se le puede pedir «visto hace poco» sin
    un latido aparte. Se mira en cambio la cola: una tarea lista desde hace más de
    SALUD_TAREAS_ESPERA_MAXIMA minutos sin ninguna en curso quiere decir que no hay trabajador.
    Con un trabajador vivo nunca pasa (aunque una importación larga haga esperar a otra, hay
    una en curso), así que no da falsas alarmas. Una sola consulta.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    minutos = settings.SALUD_TAREAS_ESPERA_MAXIMA
    if not minutos:
        DBTaskResult.objects.exists()  # solo que la tabla responda
        return OK
    limite = timezone.now() - dt.timedelta(minutes=minutos)
    atascada = (
        DBTaskResult.objects.filter(status=TaskResultStatus.READY, enqueued_at__lt=limite)
        .filter(Q(run_after=get_date_max()) | Q(run_after__lt=limite))
        .filter(~Exists(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)))
        .exists()
    )
    if atascada:
        return (
            f"error: hay tareas esperando desde hace más de {minutos} minutos y ninguna en "
            "curso; revise que el trabajador (manage.py db_worker) esté corriendo"
        )
    return OK


def revisar() -> dict[str, str]:
    return {"base": revisar_base(), "cache": revisar_cache(), "tareas": revisar_tareas()}

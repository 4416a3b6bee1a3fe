"""/salud/ para el balanceador de carga: base, cachés y cola de tareas; 200 o 503."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

RAIZ = Path(__file__).resolve().parent.parent.parent
SALUD = "/salud/"
TODO_BIEN = {"base": "ok", "cache": "ok", "tareas": "ok"}
AHORA = dt.datetime(2023, 11, 6, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def cola_en_base(settings):
    """La cola de tareas en la base, como en producción (las pruebas corren inmediato)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _en_cola(estado=TaskResultStatus.READY, hace=dt.timedelta(minutes=20), **campos):
    tarea = DBTaskResult.objects.create(
        status=estado,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="capacitaciones.hojas.tareas.importar",
        backend_name="default",
        run_after=campos.pop("run_after", dt.datetime(9999, 1, 1, tzinfo=dt.UTC)),
        **campos,
    )
    DBTaskResult.objects.filter(pk=tarea.pk).update(enqueued_at=AHORA - hace)
    return tarea


def test_todo_bien_200_sin_cookies_ni_cache(client, cola_en_base, django_assert_num_queries):
    # 1 SELECT 1
    # 6 caché «versiones» en la base (dbcache): set = cuenta para podar, SAVEPOINT, busca la
    #   llave, INSERT, RELEASE; get = 1 SELECT (la «default» vive en memoria; con Redis, 0)
    # 1 la cola: ¿una tarea lista hace mucho y ninguna en curso?
    with django_assert_num_queries(8):
        respuesta = client.get(SALUD)
    assert respuesta.status_code == 200
    assert respuesta.json() == TODO_BIEN
    assert "Set-Cookie" not in respuesta.headers
    assert "no-cache" in respuesta["Cache-Control"]


def test_cache_inalcanzable_503_y_dice_cual(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        # Nadie escucha en el puerto 1: la conexión se rechaza en el acto.
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    respuesta = client.get(SALUD)
    assert respuesta.status_code == 503
    assert respuesta.json() == {
        "base": "ok",
        "cache": "error: la caché «default» no responde (ConnectionError)",
        "tareas": "ok",
    }
    # Nada de direcciones internas en una respuesta pública.
    assert "127.0.0.1" not in respuesta.content.decode()


def test_base_caida_503(client, cola_en_base):
    def caida(execute, sql, params, many, context):
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed')

    with connection.execute_wrapper(caida):
        respuesta = client.get(SALUD)
    assert respuesta.status_code == 503
    partes = respuesta.json()
    assert partes["base"] == "error: la base de datos no responde (OperationalError)"
    # La caché de versiones y la cola viven en la misma base: caen con ella.
    assert partes["cache"] == "error: la caché «versiones» no responde (OperationalError)"
    assert partes["tareas"] == "error: la cola de tareas no responde (OperationalError)"
    assert "10.0.0.5" not in respuesta.content.decode()


def test_tarea_esperando_sin_trabajador_503(client, cola_en_base, time_machine):
    time_machine.move_to(AHORA, tick=False)
    _en_cola(hace=dt.timedelta(minutes=16))
    respuesta = client.get(SALUD)
    assert respuesta.status_code == 503
    assert respuesta.json()["tareas"] == (
        "error: hay tareas esperando desde hace más de 15 minutos y ninguna en curso; "
        "revise que el trabajador (manage.py db_worker) esté corriendo"
    )


@pytest.mark.parametrize(
    "cola",
    [
        pytest.param([{"hace": dt.timedelta(minutes=14)}], id="espera-poco"),
        pytest.param(
            [{"hace": dt.timedelta(hours=3)}, {"estado": TaskResultStatus.RUNNING}],
            id="otra-en-curso",
        ),
        pytest.param(
            [{"hace": dt.timedelta(hours=3), "run_after": AHORA + dt.timedelta(days=1)}],
            id="programada-para-manana",
        ),
        pytest.param(
            [{"hace": dt.timedelta(days=40), "estado": TaskResultStatus.SUCCESSFUL}],
            id="vieja-y-terminada",
        ),
    ],
)
def test_cola_con_trabajador_vivo_o_sin_prisa_200(client, cola_en_base, time_machine, cola):
    time_machine.move_to(AHORA, tick=False)
    for campos in cola:
        _en_cola(**campos)
    respuesta = client.get(SALUD)
    assert (respuesta.status_code, respuesta.json()) == (200, TODO_BIEN)


def test_sin_revisar_al_trabajador(client, cola_en_base, settings, time_machine):
    settings.SALUD_TAREAS_ESPERA_MAXIMA = 0
    time_machine.move_to(AHORA, tick=False)
    _en_cola(hace=dt.timedelta(days=2))
    assert client.get(SALUD).status_code == 200


def test_por_http_sin_redirigir_a_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/admin/").status_code == 301
    assert client.get(SALUD).status_code == 200


def test_solo_lectura(client):
    assert client.post(SALUD).status_code == 405


def test_redis_con_tiempo_limite():
    # Un Redis inalcanzable (no solo apagado) colgaría cada proceso de gunicorn minutos.
    codigo = "import programa.settings as s; print(s.CACHES['default']['OPTIONS'])"
    entorno = {"PATH": os.environ["PATH"], "CACHE_URL": "redis://10.255.255.1:6379/1"}
    resultado = subprocess.run(
        [sys.executable, "-c", codigo], cwd=RAIZ, env=entorno, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert resultado.stdout.strip() == "{'socket_connect_timeout': 2, 'socket_timeout': 2}"

"""Trabajo largo en segundo plano: la página de avance y las dos maneras de correr una tarea."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from capacitaciones.models import Actividad
from programa.models import Tarea
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd

pytestmark = pytest.mark.django_db

IMPORTAR = "/admin/capacitaciones/actividad/importar/"
AHORA = dt.datetime(2019, 7, 4, 10, 0, tzinfo=dt.UTC)


def _tarea(usuario, **campos) -> Tarea:
    return Tarea.objects.create(
        tipo=Tarea.Tipo.VISTA_PREVIA, usuario=usuario, descripcion="oaxaca-2019.xlsx", **campos
    )


def test_la_pagina_de_avance_dice_filas_porcentaje_y_tiempo_restante(
    admin_client, admin_user, time_machine
):
    time_machine.move_to(AHORA, tick=False)
    tarea = _tarea(
        admin_user,
        estado=Tarea.Estado.EN_CURSO,
        total=50_000,
        hechos=12_000,
        iniciada=AHORA - dt.timedelta(seconds=13),
    )
    html = admin_client.get(f"/tareas/{tarea.pk}/").content.decode()
    assert "Revisar una hoja de actividades: oaxaca-2019.xlsx" in html
    assert "12,000 de 50,000 filas (24 %), faltan unos 40 s." in html
    assert '<progress max="50000" value="12000"' in html
    # Se recarga sola mientras corre, sin scripts en línea (la CSP no los deja).
    assert '<meta http-equiv="refresh" content="2">' in html


def test_avance_en_espera_y_al_comparar_con_lo_guardado(admin_client, admin_user):
    en_espera = _tarea(admin_user)
    assert "En espera: empezará en cuanto el servidor de tareas la tome." in (
        admin_client.get(f"/tareas/{en_espera.pk}/").content.decode()
    )
    al_final = _tarea(
        admin_user, estado=Tarea.Estado.EN_CURSO, total=7, hechos=7, iniciada=timezone.now()
    )
    assert "7 de 7 filas (100 %); ahora se compara con lo guardado y se termina." in (
        admin_client.get(f"/tareas/{al_final.pk}/").content.decode()
    )


def test_la_tarea_de_otra_persona_no_existe(client, admin_user):
    tarea = _tarea(admin_user, estado=Tarea.Estado.EN_CURSO, total=10, hechos=3)
    otra = User.objects.create_user("otra", password="x", is_staff=True, is_superuser=True)
    client.force_login(otra)
    assert client.get(f"/tareas/{tarea.pk}/").status_code == 404
    client.logout()
    # Sin sesión: a iniciar sesión, sin decir nada de la tarea.
    respuesta = client.get(f"/tareas/{tarea.pk}/")
    assert respuesta.status_code == 302
    assert respuesta.url.startswith("/admin/login/")


def test_la_pagina_de_avance_cuesta_pocas_consultas(
    admin_client, admin_user, django_assert_num_queries
):
    tarea = _tarea(admin_user, estado=Tarea.Estado.EN_CURSO, total=50_000, hechos=500)
    # Sesión, usuario, la tarea; guardar la sesión: SAVEPOINT, UPDATE, RELEASE.
    with django_assert_num_queries(6):
        assert admin_client.get(f"/tareas/{tarea.pk}/").status_code == 200


def test_importar_de_punta_a_punta_con_avance(demo, admin_client, admin_user):
    filas = [fila(folio=f"OAX-2019-{i}", fecha_inicio=f"0{i}/03/2019") for i in range(1, 4)]
    subida = admin_client.post(
        IMPORTAR, {"archivo": SimpleUploadedFile("oaxaca.csv", csv_bytes(filas))}
    )
    revisar = Tarea.objects.get()
    assert subida.url == f"/tareas/{revisar.pk}/"
    assert (revisar.estado, revisar.total, revisar.hechos) == ("terminada", 3, 3)

    previa = admin_client.get(subida.url, follow=True)
    token = previa.context["token"]
    assert "3 filas: 3 nuevas, 0 actualizadas, 0 sin cambios, 0 con errores." in (
        previa.content.decode()
    )

    confirmada = admin_client.post(f"{IMPORTAR}confirmar/", {"token": token}, follow=True)
    html = confirmada.content.decode()
    assert "3 de 3 filas (100 %)." in html
    assert "Se importó «oaxaca.csv»: 3 nuevas, 0 actualizadas, 0 sin cambios." in html
    assert "http-equiv" not in html  # terminada: ya no se recarga
    assert Actividad.objects.filter(folio__startswith="OAX-2019-").count() == 3
    # Dos clics en «Confirmar» no importan dos veces.
    otra = admin_client.post(f"{IMPORTAR}confirmar/", {"token": token}, follow=True)
    assert "La vista previa ya no está disponible" in otra.content.decode()
    assert Tarea.objects.filter(tipo=Tarea.Tipo.IMPORTACION).count() == 1


def test_una_tarea_que_falla_da_un_mensaje_en_espanol_sin_traza(
    demo, admin_client, monkeypatch, caplog
):
    def truena(**_):
        raise RuntimeError("detalle interno que la persona no debe ver")

    monkeypatch.setattr("capacitaciones.hojas.tareas.actividades_importar", truena)
    foto = foto_bd()
    respuesta = admin_client.post(
        IMPORTAR,
        {"archivo": SimpleUploadedFile("oaxaca.csv", csv_bytes([fila()]))},
        follow=True,
    )
    html = respuesta.content.decode()
    tarea = Tarea.objects.get()
    assert respuesta.status_code == 200
    assert (
        "No se pudo terminar: ocurrió un error inesperado en el servidor y no se guardó nada. "
        f"Vuelva a intentarlo; si se repite, avise al área de sistemas (referencia "
        f"{str(tarea.pk)[:8]})." in html
    )
    assert "detalle interno" not in html and "Traceback" not in html
    assert "http-equiv" not in html
    assert foto_bd() == foto
    # El detalle sí queda en la bitácora del servidor.
    assert "detalle interno que la persona no debe ver" in caplog.text


def test_con_el_backend_de_base_de_datos_la_tarea_espera_al_trabajador(
    demo, admin_client, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # El trabajador cierra las conexiones que no están en autocommit; la de la prueba vive
    # dentro de su transacción (que deshace todo al final), así que se la deja abierta.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    subida = admin_client.post(
        IMPORTAR, {"archivo": SimpleUploadedFile("oaxaca.csv", csv_bytes([fila()]))}
    )
    html = admin_client.get(subida.url).content.decode()
    assert "En espera: empezará en cuanto el servidor de tareas la tome." in html
    assert '<meta http-equiv="refresh" content="2">' in html

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    previa = admin_client.get(subida.url, follow=True)
    assert "1 filas: 1 nuevas, 0 actualizadas, 0 sin cambios, 0 con errores." in (
        previa.content.decode()
    )
    assert Tarea.objects.get().estado == Tarea.Estado.TERMINADA

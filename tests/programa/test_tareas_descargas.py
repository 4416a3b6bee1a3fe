"""Descargas grandes en segundo plano: la página de avance ofrece el archivo al terminar, y
solo a quien lo pidió, con el alcance de su rol."""

import csv
import datetime as dt
import io
import json
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from capacitaciones.hojas.columnas import TODAS
from programa import tareas
from programa.models import Evento, Tarea

pytestmark = pytest.mark.django_db

A = "/admin/capacitaciones/actividad/"


def _filas_csv(respuesta) -> list[dict]:
    texto = b"".join(respuesta.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(texto)))


@pytest.fixture
def umbral_bajo(settings):
    settings.EXPORTAR_EN_SEGUNDO_PLANO_DESDE = 2


def test_exportar_muchas_va_a_la_pagina_de_avance_y_ofrece_la_descarga(
    client,
    escenario,
    umbral_bajo,
):
    coordinacion = escenario["usuarios"]["coordinacion"]
    client.force_login(coordinacion)
    respuesta = client.get(A + "exportar/csv/")
    tarea = Tarea.objects.get()
    assert respuesta.status_code == 302
    assert respuesta.url == f"/tareas/{tarea.pk}/"
    html = client.get(respuesta.url).content.decode()
    nombre = tarea.resultado["descarga"]
    assert nombre.startswith("actividades-") and nombre.endswith(".csv")
    assert "Exportar actividades: " + nombre in html
    assert "3 de 3 actividades (100 %)." in html
    assert "Se exportaron 3 actividades." in html
    assert f"Descargar «{nombre}»" in html
    assert "http-equiv" not in html

    descarga = client.get(f"/tareas/{tarea.pk}/descargar/")
    assert descarga["Content-Disposition"] == f'attachment; filename="{nombre}"'
    assert sorted(f["titulo"] for f in _filas_csv(descarga)) == [
        "Foro regional SLP y Oaxaca",
        "Plática en Oaxaca",
        "Plática en San Luis Potosí",
    ]


def test_el_archivo_lleva_el_alcance_de_quien_lo_pidio_y_nadie_mas_lo_baja(
    client,
    escenario,
    umbral_bajo,
):
    enlace = escenario["usuarios"]["enlace-estatal"]
    client.force_login(enlace)
    client.get(A + "exportar/csv/")
    tarea = Tarea.objects.get()
    descarga = client.get(f"/tareas/{tarea.pk}/descargar/")
    # El enlace de San Luis Potosí no ve la plática de Oaxaca, tampoco en el archivo.
    assert sorted(f["titulo"] for f in _filas_csv(descarga)) == [
        "Foro regional SLP y Oaxaca",
        "Plática en San Luis Potosí",
    ]
    # Nadie más lo descarga, ni con más permisos: el archivo lleva el alcance del enlace.
    for otro in ("administracion", "coordinacion"):
        client.force_login(escenario["usuarios"][otro])
        assert client.get(f"/tareas/{tarea.pk}/descargar/").status_code == 404
        assert client.get(f"/tareas/{tarea.pk}/").status_code == 404
    client.logout()
    respuesta = client.get(f"/tareas/{tarea.pk}/descargar/")
    assert respuesta.status_code == 302 and respuesta.url.startswith("/admin/login/")


def test_quien_pierde_el_permiso_ya_no_baja_su_archivo(client, escenario, umbral_bajo):
    coordinacion = escenario["usuarios"]["coordinacion"]
    client.force_login(coordinacion)
    client.get(A + "exportar/xlsx/")
    tarea = Tarea.objects.get()
    assert client.get(f"/tareas/{tarea.pk}/descargar/").status_code == 200
    coordinacion.groups.clear()
    assert client.get(f"/tareas/{tarea.pk}/descargar/").status_code == 404


def test_exportar_elegidas_a_xlsx_en_segundo_plano(client, escenario, umbral_bajo):
    client.force_login(escenario["usuarios"]["coordinacion"])
    elegidas = [escenario["slp"].pk, escenario["ambas"].pk]
    respuesta = client.post(A, {"action": "exportar_xlsx", "_selected_action": elegidas})
    tarea = Tarea.objects.get()
    assert respuesta.url == f"/tareas/{tarea.pk}/"
    descarga = client.get(f"/tareas/{tarea.pk}/descargar/")
    libro = openpyxl.load_workbook(io.BytesIO(b"".join(descarga.streaming_content)))
    columna = TODAS.index("titulo")
    titulos = sorted(fila[columna] for fila in libro["Actividades"].iter_rows(2, values_only=True))
    assert titulos == ["Foro regional SLP y Oaxaca", "Plática en San Luis Potosí"]


def test_con_pocas_actividades_la_descarga_es_directa(client, escenario, settings):
    settings.EXPORTAR_EN_SEGUNDO_PLANO_DESDE = 4
    client.force_login(escenario["usuarios"]["coordinacion"])
    respuesta = client.get(A + "exportar/csv/")
    assert respuesta.status_code == 200 and len(_filas_csv(respuesta)) == 3
    assert not Tarea.objects.exists()


# Como el trabajador: el respaldo abre su propia transacción (en PostgreSQL, REPEATABLE READ).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_crear_respaldo_desde_el_admin_y_descargarlo(client, escenario):
    superusuario = User.objects.create_superuser("raiz", password="x" * 12)
    client.force_login(superusuario)
    assert "Crear respaldo" in client.get("/admin/").content.decode()
    respuesta = client.post("/admin/respaldo/")
    tarea = Tarea.objects.get(tipo=Tarea.Tipo.RESPALDO)
    assert respuesta.url == f"/tareas/{tarea.pk}/"
    html = client.get(respuesta.url).content.decode()
    assert "Crear un respaldo: respaldo-" in html
    assert "Respaldo listo: " in html and "100 %" in html
    assert tarea.total == tarea.hechos > 0
    assert Evento.objects.filter(tipo=Evento.Tipo.RESPALDO, usuario=superusuario).exists()

    descarga = client.get(f"/tareas/{tarea.pk}/descargar/")
    with zipfile.ZipFile(io.BytesIO(b"".join(descarga.streaming_content))) as zip_:
        manifiesto = json.loads(zip_.read("manifiesto.json"))
    assert manifiesto["tablas"]["capacitaciones.actividad"]["filas"] == 3
    # Un respaldo no lleva dentro los archivos de otras tareas (ni respaldos anteriores).
    assert not any(a.startswith("tmp/") for a in manifiesto["archivos"])
    assert manifiesto["archivos"]  # sí las evidencias


def test_solo_un_superusuario_crea_o_baja_un_respaldo(client, escenario):
    administracion = escenario["usuarios"]["administracion"]
    client.force_login(administracion)
    assert "Crear respaldo" not in client.get("/admin/").content.decode()
    assert client.post("/admin/respaldo/").status_code == 403
    assert client.get("/admin/respaldo/").status_code == 405
    assert not Tarea.objects.exists()
    # Un respaldo que pidió quien después dejó de ser superusuario ya no se descarga.
    administracion.is_superuser = True
    administracion.save()
    client.post("/admin/respaldo/")
    tarea = Tarea.objects.get()
    administracion.is_superuser = False
    administracion.save()
    assert client.get(f"/tareas/{tarea.pk}/descargar/").status_code == 404


def test_una_tarea_sin_latido_se_muestra_fallida(client, admin_user, settings, time_machine):
    settings.TAREAS_SIN_LATIDO_MINUTOS = 5
    ahora = timezone.now()
    time_machine.move_to(ahora, tick=False)
    tarea = Tarea.objects.create(
        tipo=Tarea.Tipo.EXPORTACION,
        usuario=admin_user,
        descripcion="actividades.csv",
        estado=Tarea.Estado.EN_CURSO,
        iniciada=ahora - dt.timedelta(minutes=20),
        latido=ahora - dt.timedelta(minutes=4),
        total=100_000,
        hechos=40_000,
    )
    client.force_login(admin_user)
    assert "40,000 de 100,000 filas (40 %)" in client.get(f"/tareas/{tarea.pk}/").content.decode()
    time_machine.move_to(ahora + dt.timedelta(minutes=2), tick=False)
    html = client.get(f"/tareas/{tarea.pk}/").content.decode()
    assert "Falló" in html
    assert (
        "No se pudo terminar: el servidor de tareas dejó de trabajar en esto (no da señales "
        "desde hace más de 5 min) y no se guardó nada. Vuelva a pedirlo" in html
    )
    assert "http-equiv" not in html
    assert Tarea.objects.get().estado == Tarea.Estado.FALLIDA


def test_cancelar_una_exportacion_en_curso_la_detiene_sin_archivo(
    client, escenario, umbral_bajo, monkeypatch
):
    coordinacion = escenario["usuarios"]["coordinacion"]
    client.force_login(coordinacion)
    # La persona pide cancelar mientras la tarea corre (el botón de la página de avance): el
    # servicio se detiene en su siguiente anotación de avance.
    monkeypatch.setattr("programa.tareas.CADA_FILAS", 1)
    original = tareas.Avance.al_abrir

    def al_abrir_y_cancelar(avance, total):
        original(avance, total)
        cliente = Client()
        cliente.force_login(coordinacion)
        assert cliente.post(f"/tareas/{avance.tarea.pk}/cancelar/").status_code == 302

    monkeypatch.setattr(tareas.Avance, "al_abrir", al_abrir_y_cancelar)
    respuesta = client.get(A + "exportar/csv/", follow=True)
    html = respuesta.content.decode()
    tarea = Tarea.objects.get()
    assert tarea.estado == Tarea.Estado.CANCELADA and not tarea.archivo
    assert "Cancelada" in html
    assert "Se canceló a petición suya antes de terminar; no se guardó nada." in html
    assert "Descargar" not in html
    assert client.get(f"/tareas/{tarea.pk}/descargar/").status_code == 404


def test_cancelar_una_que_espera_y_otra_persona_no_puede(client, escenario):
    coordinacion = escenario["usuarios"]["coordinacion"]
    tarea = Tarea.objects.create(tipo=Tarea.Tipo.EXPORTACION, usuario=coordinacion)
    client.force_login(escenario["usuarios"]["administracion"])
    assert client.post(f"/tareas/{tarea.pk}/cancelar/").status_code == 404
    client.force_login(coordinacion)
    html = client.get(f"/tareas/{tarea.pk}/").content.decode()
    assert ">Cancelar</button>" in html
    client.post(f"/tareas/{tarea.pk}/cancelar/")
    tarea.refresh_from_db()
    assert tarea.estado == Tarea.Estado.CANCELADA
    # Si un trabajador la toma después, no hace nada.
    tareas.respaldo_tarea.call(str(tarea.pk))
    assert Tarea.objects.get().estado == Tarea.Estado.CANCELADA


def test_la_pagina_de_una_descarga_lista_cuesta_pocas_consultas(
    client, escenario, umbral_bajo, django_assert_num_queries
):
    client.force_login(escenario["usuarios"]["coordinacion"])
    tarea = Tarea.objects.get(pk=client.get(A + "exportar/csv/").url.split("/")[2])
    # Sesión, usuario (2); la tarea (1); permisos propios y de sus grupos, para el menú del
    # admin (2). La sesión se renueva a lo más una vez por minuto: no se guarda.
    with django_assert_num_queries(5):
        html = client.get(f"/tareas/{tarea.pk}/").content.decode()
    assert "Descargar «" in html
    # La descarga: sesión, usuario (2); la tarea (1); permisos propios y de sus grupos (2).
    with django_assert_num_queries(5):
        assert client.get(f"/tareas/{tarea.pk}/descargar/").status_code == 200


def test_los_archivos_de_tareas_viejas_se_borran(client, escenario, umbral_bajo, time_machine):
    client.force_login(escenario["usuarios"]["coordinacion"])
    client.get(A + "exportar/csv/")
    vieja = Tarea.objects.get()
    assert default_storage.exists(vieja.archivo)
    time_machine.move_to(timezone.now() + dt.timedelta(days=8))
    client.force_login(escenario["usuarios"]["coordinacion"])  # la sesión ya caducó
    client.get(A + "exportar/csv/")
    vieja.refresh_from_db()
    assert not vieja.archivo
    html = client.get(f"/tareas/{vieja.pk}/").content.decode()
    assert "El archivo ya no está disponible (se guarda 7 días): vuelva a pedirlo." in html


def test_una_sola_actividad_se_dice_en_singular(client, escenario, settings):
    settings.EXPORTAR_EN_SEGUNDO_PLANO_DESDE = 1
    client.force_login(escenario["usuarios"]["coordinacion"])
    respuesta = client.post(
        A, {"action": "exportar_csv", "_selected_action": [escenario["slp"].pk]}, follow=True
    )
    html = respuesta.content.decode()
    assert "1 de 1 actividad (100 %)." in html
    assert "Se exportó 1 actividad." in html
    assert "1 actividades" not in html

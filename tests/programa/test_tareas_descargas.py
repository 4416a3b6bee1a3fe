"""Descargas grandes en segundo plano: la página de avance ofrece el archivo al terminar, y
solo a quien lo pidió, con el alcance de su rol."""

import csv
import io

import openpyxl
import pytest

from capacitaciones.hojas.columnas import TODAS
from programa.models import Tarea

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

"""Recorrido 3: la coordinación redacta la aportación de 2015, la edita, la descarga y la cierra."""

import importlib
import io
from pathlib import Path

import pytest
from django.db import connection
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.teclado import entrar
from tests.e2e.usuarios import CLAVE, coordinacion_nacional

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AGREGADO = "Este párrafo lo escribió la coordinación nacional para la prueba."  # 10 palabras


@pytest.fixture
def _finales_borrables(transactional_db):
    """Al terminar, la base se vacía; en SQLite el disparador que protege los informes finales
    impide el DELETE del vaciado (PostgreSQL usa TRUNCATE, que no lo dispara). Se quita solo
    para borrar el informe de esta prueba y se vuelve a poner."""
    yield
    if connection.vendor != "sqlite":
        return
    disparadores = importlib.import_module("informes.migrations.0002_informe_final_inmutable")
    with connection.cursor() as cursor:
        for sentencia in disparadores.SQLITE_REVERSA:
            cursor.execute(sentencia)
        cursor.execute("DELETE FROM informes_informecontribucion")
        for sentencia in disparadores.SQLITE:
            cursor.execute(sentencia)


def descargar(pagina, nombre_enlace: str) -> tuple[str, bytes]:
    with pagina.expect_download() as descarga:
        pagina.get_by_role("link", name=nombre_enlace, exact=True).click()
    return descarga.value.suggested_filename, Path(descarga.value.path()).read_bytes()


def test_coordinacion_redacta_y_cierra_la_aportacion_2015(
    pagina, recorrido, datos_demo, _finales_borrables
):
    coordinadora = coordinacion_nacional()
    entrar(pagina, coordinadora.username, CLAVE)

    pagina.goto("/informes/contribucion/")
    expect(pagina.locator("h1")).to_have_text("Informes de contribución")
    recorrido.pantalla("Lista de informes vacía")
    pagina.get_by_role("link", name="Nuevo informe").click()
    pagina.locator("#id_desde").fill("2015-01-01")
    pagina.locator("#id_hasta").fill("2015-12-31")
    pagina.locator("#id_corte").fill("2015-06-30")
    recorrido.pantalla("Informe nuevo, lleno")
    pagina.get_by_role("button", name="Crear y redactar desde los registros").click()
    expect(pagina.locator("ul.mensajes")).to_contain_text(
        "Informe creado y redactado desde los registros."
    )
    expect(pagina.locator("body")).to_contain_text("18 de marzo de 2015")
    recorrido.pantalla("Borrador de la aportación 2015")

    # La introducción cambia y el conteo de palabras cambia en vivo, antes de guardar.
    conteo = pagina.locator("#conteo-palabras")
    antes = int(conteo.inner_text())
    introduccion = pagina.locator("#id_introduccion")
    introduccion.press("Control+End")
    introduccion.type(" " + AGREGADO)
    expect(conteo).to_have_text(str(antes + 10))
    pagina.get_by_role("button", name="Guardar").click()
    expect(pagina.locator("ul.mensajes")).to_contain_text("Cambios guardados.")
    expect(pagina.locator("#conteo-palabras")).to_have_text(str(antes + 10))

    # DOCX y PDF, en español, con el párrafo agregado.
    nombre, docx = descargar(pagina, "Word (DOCX)")
    assert nombre.endswith(".docx")
    texto_docx = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert AGREGADO in texto_docx
    assert "18 de marzo de 2015" in texto_docx
    nombre, pdf = descargar(pagina, "PDF")
    assert nombre.endswith(".pdf")
    texto_pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "18 de marzo de 2015" in " ".join(texto_pdf.split())
    assert "coordinación nacional para la prueba" in " ".join(texto_pdf.split())

    # Marcarlo como final y verlo entre los finales.
    pagina.get_by_role("link", name="Marcar como final").click()
    recorrido.pantalla("Confirmar que el informe es final")
    pagina.get_by_role("button", name="Sí, marcar como final").click()
    expect(pagina.locator("ul.mensajes")).to_contain_text("El informe es final")
    expect(pagina.locator("#id_introduccion")).to_have_count(0)
    pagina.goto("/informes/contribucion/")
    fila = pagina.locator("tbody tr").first
    expect(fila).to_contain_text("Final")
    expect(fila).to_contain_text("01/01/2015 – 31/12/2015")
    expect(fila).to_contain_text(coordinadora.username)
    recorrido.pantalla("Lista de informes con el final")

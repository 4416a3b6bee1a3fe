"""Recorrido 2: la coordinación encuentra las entidades sin actividad en un año y descarga la tabla.

Y otro recorrido de la cobertura de 2015: mapa, tabla, detalle y XLSX. En 2015 hubo actividades
realizadas en San Luis Potosí, Nayarit, Campeche y Guanajuato (las capacitaciones) y en la Ciudad
de México (las dos pláticas): esas cinco se colorean en el mapa y son las que la tabla cuenta con
realizadas; el XLSX descargado trae las mismas cifras.
"""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.usuarios import CLAVE, coordinacion_nacional

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CON_REALIZADAS_2015 = {"04", "09", "11", "18", "24"}
CLAVE_NACIONAL = "00"


def tabla_html(pagina) -> dict[str, dict[str, str]]:
    """Clave -> cifras de la tabla, como se leen en la página."""
    encabezados = pagina.locator("table.cobertura thead th").all_inner_texts()
    filas = {}
    for fila in pagina.locator("table.cobertura tbody tr").all():
        celdas = fila.locator("td, th").all_inner_texts()
        filas[celdas[0].strip()] = dict(zip(encabezados, celdas, strict=True))
    celdas = pagina.locator("table.cobertura tfoot tr td, table.cobertura tfoot tr th")
    filas["nacional"] = dict(zip(encabezados, celdas.all_inner_texts(), strict=True))
    return filas


def abrir_filtros(recorrido) -> None:
    """El panel de filtros se abre solo si hace falta (no cuenta un paso si ya está abierto)."""
    filtros = recorrido.pagina.locator("details.panel-filtros")
    if filtros.get_attribute("open") is None:
        recorrido.clic(filtros.locator("summary"), "Filtros")


def test_coordinacion_encuentra_las_entidades_sin_actividad_y_descarga_la_tabla(
    pagina, recorrido, datos_demo
):
    coordinadora = coordinacion_nacional()
    recorrido.abrir("/admin/")
    recorrido.entrar(coordinadora.username, CLAVE)
    recorrido.clic(
        pagina.locator("#header").get_by_role("link", name="Cobertura por entidad"),
        "Cobertura por entidad",
    )
    abrir_filtros(recorrido)
    recorrido.escribir(pagina.get_by_label("Año"), "2015", "Año")
    recorrido.marcar(
        pagina.get_by_label("Solo entidades sin actividades realizadas"),
        "Solo entidades sin actividades realizadas",
    )
    recorrido.clic(pagina.get_by_role("button", name="Ver cobertura"), "Ver cobertura")
    expect(pagina.locator("h1")).to_have_text("Cobertura por entidad federativa, 2015")

    # La tabla muestra solo las 27 sin actividades realizadas, y el total nacional al pie.
    filas = pagina.locator("table.cobertura tbody tr")
    expect(filas).to_have_count(32 - len(CON_REALIZADAS_2015))
    tabla = tabla_html(pagina)
    sin_cobertura = [c for c in tabla if c != "nacional"]
    assert set(sin_cobertura).isdisjoint(CON_REALIZADAS_2015)
    assert {f["Realizadas"] for c, f in tabla.items() if c != "nacional"} == {"0"}
    expect(pagina.locator("table.cobertura caption")).to_contain_text(
        "Solo las 27 entidades sin actividades realizadas"
    )
    recorrido.pantalla("Entidades sin cobertura en 2015")

    descarga = recorrido.descargar(pagina.get_by_role("link", name="CSV", exact=True), "CSV")
    assert descarga.suggested_filename == "cobertura-20150101-20151231.csv"
    texto = Path(descarga.path()).read_bytes().decode("utf-8-sig")
    renglones = list(csv.DictReader(io.StringIO(texto)))
    entidades = [r for r in renglones if r["clave"] != CLAVE_NACIONAL]
    # Las mismas entidades que la página, en el mismo orden, todas sin cobertura.
    assert [r["clave"] for r in entidades] == sin_cobertura
    assert [r["entidad"] for r in entidades] == [
        tabla[c]["Entidad"].removesuffix(" sin actividades realizadas") for c in sin_cobertura
    ]
    assert {r["con_cobertura"] for r in entidades} == {"no"}
    assert {r["realizadas"] for r in entidades} == {"0"}
    assert renglones[-1]["clave"] == CLAVE_NACIONAL
    recorrido.afirmar_maximo(10)


def test_coordinacion_revisa_la_cobertura_de_2015(pagina, recorrido, datos_demo):
    coordinadora = coordinacion_nacional()
    recorrido.abrir("/admin/")
    recorrido.entrar(coordinadora.username, CLAVE)

    recorrido.abrir("/informes/")
    expect(pagina.locator("h1")).to_contain_text("Tablero")
    recorrido.pantalla("Tablero")
    menu = pagina.get_by_role("navigation", name="Principal")
    recorrido.clic(menu.get_by_role("link", name="Cobertura por entidad"), "Cobertura por entidad")
    abrir_filtros(recorrido)
    recorrido.escribir(pagina.get_by_label("Año"), "2015", "Año")
    recorrido.clic(pagina.get_by_role("button", name="Ver cobertura"), "Ver cobertura")
    expect(pagina.locator("h1")).to_have_text("Cobertura por entidad federativa, 2015")

    # El mapa tiene texto alternativo: un título para todo y un nombre para cada entidad.
    mapa = pagina.locator("svg.mapa")
    expect(mapa.locator("> title")).to_contain_text("2015")
    etiquetas = mapa.locator("a[aria-label], g[role=img][aria-label]")
    expect(etiquetas).to_have_count(32)
    expect(mapa.locator('a[aria-label^="San Luis Potosí:"]')).to_have_attribute(
        "aria-label", "San Luis Potosí: 1 actividad realizada"
    )
    recorrido.pantalla("Cobertura 2015")

    # Mapa y tabla coinciden: las entidades coloreadas son las que tienen realizadas.
    coloreadas = {
        trazo.get_attribute("data-clave")
        for trazo in mapa.locator("path[data-clave]").all()
        if not trazo.get_attribute("fill").startswith("url(")
    }
    tabla = tabla_html(pagina)
    con_realizadas = {c for c, f in tabla.items() if c != "nacional" and f["Realizadas"] != "0"}
    assert coloreadas == con_realizadas == CON_REALIZADAS_2015
    assert len(tabla) == 33  # 32 entidades y el total nacional

    # El detalle de San Luis Potosí, desde el mapa.
    recorrido.clic(mapa.locator('a[aria-label^="San Luis Potosí:"]'), "San Luis Potosí (mapa)")
    expect(pagina.locator("h1")).to_have_text("San Luis Potosí: cobertura, 2015")
    cifras = pagina.locator("dl.cifras")
    expect(cifras.locator("div", has_text="Realizadas").locator("dd")).to_have_text(
        tabla["24"]["Realizadas"]
    )
    expect(cifras.locator("div", has_text="Participantes").locator("dd")).to_have_text(
        tabla["24"]["Participantes"]
    )
    expect(pagina.locator("table.actividades tbody")).to_contain_text("SNDIF-2015-CAP-SLP")
    recorrido.pantalla("Detalle de San Luis Potosí 2015")

    # El XLSX: se abre con openpyxl y trae las mismas cifras que la tabla de la página.
    volver = "← Cobertura de las 32 entidades"
    recorrido.clic(pagina.get_by_role("link", name=volver), volver)
    descarga = recorrido.descargar(pagina.get_by_role("link", name="XLSX (Excel)"), "XLSX (Excel)")
    assert descarga.suggested_filename == "cobertura-20150101-20151231.xlsx"
    libro = load_workbook(io.BytesIO(Path(descarga.path()).read_bytes()), read_only=True)
    hoja = libro["Cobertura"]
    renglones = list(hoja.iter_rows(values_only=True))
    columnas = renglones[0]
    assert len(renglones) == 34  # encabezado, 32 entidades y el total nacional
    for renglon in renglones[1:]:
        xlsx = dict(zip(columnas, renglon, strict=True))
        html = tabla[xlsx["clave"]] if xlsx["clave"] in tabla else tabla["nacional"]
        for columna, encabezado in [
            ("realizadas", "Realizadas"),
            ("programadas", "Programadas"),
            ("canceladas", "Canceladas"),
            ("participantes", "Participantes"),
        ]:
            assert f"{xlsx[columna]:,}" == html[encabezado].replace("\u202f", ","), (
                xlsx["entidad"],
                columna,
            )
    assert tabla["24"]["Realizadas"] == "1"
    recorrido.afirmar_maximo(12)

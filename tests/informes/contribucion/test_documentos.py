"""Los documentos que envía una dependencia: el DOCX con los estilos de Word, el mapa como
imagen con texto alternativo y las cifras a la derecha; el PDF etiquetado (PDF/UA-1) con su
idioma, la figura del mapa con /Alt y un solo pie de figura."""

import datetime as dt
import io
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import docx
import pypdf
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from informes.contribucion.anexo import mapa_cobertura_svg
from informes.contribucion.exportar.docx import exportar_docx
from informes.contribucion.exportar.pdf import MotorPDFNoDisponible, exportar_pdf
from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.servicios import documento_armar
from informes.graficos.mapa import mapa_svg
from tests.informes.anio_2019 import CORTE, DESDE, HASTA
from tests.informes.contribucion.test_golden import _documento

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SVG = "{http://www.w3.org/2000/svg}"
MAPA_ES = "Cobertura: actividades realizadas por entidad federativa"
MAPA_EN = "Coverage: activities held by state"


def _docx(documento):
    contenido = exportar_docx(documento)
    return contenido, docx.Document(io.BytesIO(contenido))


def _idioma_docx(contenido: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
        estilos = ET.fromstring(archivo.read("word/styles.xml"))
    return estilos.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val")


def _figuras(nodo, encontradas):
    nodo = nodo.get_object()
    if isinstance(nodo, dict):
        if nodo.get("/S") == "/Figure":
            encontradas.append(nodo)
        hijos = nodo.get("/K")
        if hijos is not None:
            for hijo in hijos if isinstance(hijos, list) else [hijos]:
                _figuras(hijo, encontradas)
    return encontradas


def test_el_docx_usa_los_estilos_de_word_y_alinea_las_cifras(demo):
    contenido, leido = _docx(_documento())
    estilos = [(p.style.name, p.text) for p in leido.paragraphs if p.text]

    assert estilos[0] == ("Title", "Aportación 2015")
    assert ("Heading 1", "Anexo estadístico") in estilos
    assert ("Heading 2", "Actividades y participantes por entidad federativa") in estilos
    tabla = leido.tables[0]
    assert tabla.style.name == "Light Grid Accent 1"
    # La entidad a la izquierda; cada cifra (y su encabezado) a la derecha.
    for fila in tabla.rows:
        assert fila.cells[0].paragraphs[0].alignment is None
        assert {c.paragraphs[0].alignment for c in fila.cells[1:]} == {WD_ALIGN_PARAGRAPH.RIGHT}
    assert tabla.rows[-1].cells[0].text == "Total nacional"
    assert tabla.rows[-1].cells[1].text == "8"
    assert _idioma_docx(contenido) == "es-MX"
    assert leido.core_properties.language == "es-MX"
    assert leido.core_properties.title == "Aportación 2015"


def test_el_docx_lleva_el_mapa_con_texto_alternativo_y_un_pie(demo):
    documento = _documento()
    contenido, leido = _docx(documento)

    assert len(leido.inline_shapes) == 1
    imagen = leido.inline_shapes[0]
    descr = imagen._inline.docPr.get("descr")
    assert descr == documento.mapa_alt
    assert descr.startswith("Mapa de México con las 32 entidades federativas")
    assert "5 de 32 con alguna; más actividades: Ciudad de México (2)" in descr
    # El PNG viene del mismo SVG del PDF: ancho de 16 cm, proporción del lienzo del mapa.
    assert imagen.width.cm == pytest.approx(16, abs=0.01)
    pies = [p for p in leido.paragraphs if p.text == MAPA_ES]
    assert [p.style.name for p in pies] == ["Caption"]
    # El título no va dibujado dentro de la imagen: solo el pie lo dice.
    assert f">{MAPA_ES}<" not in str(documento.mapa_svg)


def test_el_docx_en_ingles(demo):
    documento = _documento("en")
    contenido, leido = _docx(documento)

    assert _idioma_docx(contenido) == "en-US"
    assert leido.core_properties.language == "en-US"
    assert leido.inline_shapes[0]._inline.docPr.get("descr").startswith("Map of Mexico")
    assert [p.style.name for p in leido.paragraphs if p.text == MAPA_EN] == ["Caption"]


def test_el_pdf_esta_etiquetado_con_idioma_y_el_mapa_con_alt(demo):
    documento = _documento()
    lector = pypdf.PdfReader(io.BytesIO(exportar_pdf(documento)))
    raiz = lector.trailer["/Root"]

    assert bool(raiz["/MarkInfo"]["/Marked"])
    assert raiz["/Lang"] == "es-MX"
    assert bool(raiz["/ViewerPreferences"]["/DisplayDocTitle"])
    figuras = _figuras(raiz["/StructTreeRoot"], [])
    assert [f["/Alt"] for f in figuras] == [documento.mapa_alt]
    texto = " ".join(" ".join(p.extract_text().split()) for p in lector.pages)
    assert texto.count(MAPA_ES) == 1


def test_el_pdf_en_ingles(demo):
    lector = pypdf.PdfReader(io.BytesIO(exportar_pdf(_documento("en"))))
    raiz = lector.trailer["/Root"]

    assert raiz["/Lang"] == "en-US"
    assert _figuras(raiz["/StructTreeRoot"], [])[0]["/Alt"].startswith("Map of Mexico")
    texto = " ".join(" ".join(p.extract_text().split()) for p in lector.pages)
    assert texto.count(MAPA_EN) == 1


def test_la_leyenda_del_mapa_en_ingles():
    raiz = ET.fromstring(mapa_cobertura_svg({"14": 10, "09": 1, "24": 2}, "en"))
    leyenda = ["".join(t.itertext()) for t in raiz.iter(f"{SVG}text")]

    assert "0 (no activities held)" in leyenda
    assert "9 to 10" in leyenda
    assert not any("sin " in t or " a " in t for t in leyenda)
    espanol = ["".join(t.itertext()) for t in ET.fromstring(mapa_cobertura_svg({"14": 4}, "es"))]
    assert "0 (sin actividades realizadas)" in " ".join(espanol)


def test_mapa_sin_titulo_dibujado_conserva_su_nombre_accesible():
    con = ET.fromstring(mapa_svg({"01": 1}, "Prueba"))
    sin = ET.fromstring(mapa_svg({"01": 1}, "Prueba", con_titulo=False))

    assert sin.find(f"{SVG}title").text == "Prueba"
    assert "Prueba" in ["".join(t.itertext()) for t in con.iter(f"{SVG}text")]
    assert "Prueba" not in ["".join(t.itertext()) for t in sin.iter(f"{SVG}text")]
    assert sin.get("viewBox") == "0 0 793 540"


def test_otro_anio_sin_actividades_da_documentos_sin_mapa(db):
    """Un periodo sin registros: ni imagen ni figura, y los dos documentos se generan."""
    contribucion = contribucion_construir(
        desde=dt.date(2031, 1, 1), hasta=dt.date(2031, 12, 31), corte=dt.date(2031, 12, 31)
    )
    documento = documento_armar(
        contribucion=contribucion, idioma="es", titulo="Informe <b>2031</b> & «prueba»"
    )
    _contenido, leido = _docx(documento)
    assert len(leido.inline_shapes) == 0
    assert leido.paragraphs[0].text == "Informe <b>2031</b> & «prueba»"
    lector = pypdf.PdfReader(io.BytesIO(exportar_pdf(documento)))
    assert lector.trailer["/Root"]["/Lang"] == "es-MX"
    assert _figuras(lector.trailer["/Root"]["/StructTreeRoot"], []) == []


def test_el_anio_2019_lleva_su_mapa(anio_2019):
    documento = documento_armar(
        contribucion=contribucion_construir(desde=DESDE, hasta=HASTA, corte=CORTE),
        idioma="en",
        titulo="Contribution 2019",
    )
    _contenido, leido = _docx(documento)
    descr = leido.inline_shapes[0]._inline.docPr.get("descr")
    assert descr == documento.mapa_alt and "most activities: Jalisco" in descr


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice no está instalado")
def test_libreoffice_abre_el_docx(demo, tmp_path):
    entrada = tmp_path / "aportacion.docx"
    entrada.write_bytes(exportar_docx(_documento()))
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(entrada)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    lector = pypdf.PdfReader(tmp_path / "aportacion.pdf")
    texto = " ".join(" ".join(p.extract_text().split()) for p in lector.pages)
    assert "firmó el Convenio de colaboración con la Policía Federal" in texto
    assert MAPA_ES in texto


def test_sin_cairo_el_docx_dice_que_instalar(demo, monkeypatch):
    """Quien ya atrapa la falta de WeasyPrint (vista, comando, finalizar) atrapa también esta."""
    monkeypatch.setitem(sys.modules, "cairosvg", None)  # como si no estuviera instalado

    with pytest.raises(MotorPDFNoDisponible, match="sudo apt-get install libcairo2"):
        exportar_docx(_documento())

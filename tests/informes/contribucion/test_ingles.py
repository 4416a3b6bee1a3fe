"""El informe en inglés no deja pasar español: ni en el texto, ni en el anexo, ni en el mapa.

Se arma el informe de 2019 (``tests/informes/anio_2019.py``, que no es la semilla) en inglés y
se lee cada formato como lo leería quien lo recibe: el texto del DOCX (párrafos, tablas y el
texto alternativo del mapa), el del PDF, el HTML visible (con los nombres y la leyenda del mapa
SVG) y el Markdown. Los nombres propios sin traducción (Michoacán, Fundación Infancia Segura)
no tocan la lista de palabras.
"""

import io
import re
import zipfile

import docx
import pypdf
import pytest

from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.servicios import documento_armar, exportar
from tests.informes.anio_2019 import CORTE, DESDE, HASTA
from tests.programa.test_textos import texto_visible

pytestmark = pytest.mark.django_db

# Palabras españolas comunes que no son inglesas; con que salga una, algo quedó sin traducir.
ESPANOL = re.compile(
    r"\b(de|del|la|las|los|el|y|en|con|para|por|sin|una?|que|entidad(es)?|actividad(es)?"
    r"|realizadas?|programadas?|participantes|mujeres|hombres|anexo|geometría|licencia"
    r"|ciudad|estados?|niñas|niños|personas|cobertura|mapa|fuente|total nacional)\b"
    r"|[«»¿¡]",
    re.IGNORECASE,
)


def espanol(texto: str) -> list[str]:
    return sorted({texto[max(0, m.start() - 25) : m.end() + 25] for m in ESPANOL.finditer(texto)})


@pytest.fixture
def documento(anio_2019):
    return documento_armar(
        contribucion=contribucion_construir(desde=DESDE, hasta=HASTA, corte=CORTE),
        idioma="en",
        titulo="Mexico's contribution, 2019",
    )


def _docx(contenido: bytes) -> str:
    leido = docx.Document(io.BytesIO(contenido))
    partes = [p.text for p in leido.paragraphs]
    partes += [c.text for t in leido.tables for fila in t.rows for c in fila.cells]
    partes += [s._inline.docPr.get("descr") for s in leido.inline_shapes]
    return "\n".join(partes)


def test_ningun_formato_del_informe_en_ingles_trae_espanol(documento):
    textos = {
        "docx": _docx(exportar(documento, "docx")),
        "pdf": "\n".join(
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(exportar(documento, "pdf"))).pages
        ),
        "html": texto_visible(exportar(documento, "html").decode()),
        "md": exportar(documento, "md").decode(),
    }

    assert {formato: espanol(texto) for formato, texto in textos.items()} == {
        "docx": [],
        "pdf": [],
        "html": [],
        "md": [],
    }
    # Y sí es el informe completo, con su anexo y su mapa.
    for texto in textos.values():
        assert "Mexico City" in texto and "National total" in texto


def test_el_mapa_del_anexo_en_ingles(documento):
    html = exportar(documento, "html").decode()
    mapa = html[html.index("<svg") : html.index("</svg>")]

    assert 'aria-label="Mexico City: 2 activities"' in mapa
    assert 'aria-label="State of Mexico: 1 activity"' in mapa
    assert "Geometry: @svg-maps/mexico © Victor Cazanave, CC BY 4.0 licence" in mapa
    assert "0 (no activities held)" in mapa and ">Activities<" in mapa
    assert "Coverage: activities held by state" in html  # el pie de la figura


def test_la_imagen_del_mapa_en_el_docx_sale_del_svg_en_ingles(documento, monkeypatch):
    """El DOCX lleva el mapa como PNG dibujado del mismo SVG: se revisa el SVG que recibe."""
    from informes.contribucion.exportar import docx as exportar_docx

    dibujados = []
    original = exportar_docx._png

    def espiar(svg, *args, **kwargs):
        dibujados.append(svg)
        return original(svg, *args, **kwargs)

    monkeypatch.setattr(exportar_docx, "_png", espiar)
    contenido = exportar(documento, "docx")

    assert len(dibujados) == 1 and not espanol(texto_visible(dibujados[0]))
    assert "Mexico City: 2 activities" in dibujados[0]
    with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
        assert any(n.endswith(".png") for n in archivo.namelist())

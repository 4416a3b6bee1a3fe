"""El informe como DOCX (python-docx) con los estilos propios de Word: Title, Heading 1 y 2,
List Bullet, Caption y un estilo de tabla. Así quien lo recibe puede cambiar el aspecto de todo
el documento desde Word, navegar por sus títulos y generar un índice.

El mapa del anexo es el mismo SVG del PDF y la página, pasado a PNG con CairoSVG (necesita
libcairo2 del sistema), con su texto alternativo y un solo pie de figura.
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image

from informes.contribucion.documento import Bloque, Documento
from informes.contribucion.exportar.pdf import MotorPDFNoDisponible


class MotorMapaNoDisponible(MotorPDFNoDisponible):
    """Falta Cairo para dibujar el mapa; quien atrapa la falta del PDF atrapa también esta."""


ESTILO_TABLA = "Light Grid Accent 1"
ANCHO_MAPA = Cm(16)
# Unos 250 ppp a 16 cm: nítido impreso sin inflar el archivo.
PIXELES_MAPA = 1600


def _bloques(doc, bloques: list[Bloque]) -> None:
    for bloque in bloques:
        if bloque.tipo == "encabezado":
            doc.add_heading(bloque.texto, level=1)
        elif bloque.tipo == "vinetas":
            for elemento in bloque.elementos:
                doc.add_paragraph(elemento, style="List Bullet")
        else:
            doc.add_paragraph(bloque.texto)


def _idioma(doc, lang: str) -> None:
    """El idioma de todo el texto (ortografía y lectura en voz alta): w:lang en rPrDefault."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), lang)  # eastAsia y bidi son para otras escrituras


def _es_cifra(texto: str) -> bool:
    return texto.replace(",", "").replace(".", "").isdigit() or texto == "—"


def _alinear(celda, derecha: bool) -> None:
    if derecha:
        for parrafo in celda.paragraphs:
            parrafo.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _tabla(doc, tabla) -> None:
    # Una columna es de cifras si todas sus celdas (salvo el encabezado) son números.
    cifras = [
        all(_es_cifra(fila[i]) for fila in tabla.filas) and bool(tabla.filas) and i > 0
        for i in range(len(tabla.encabezados))
    ]
    t = doc.add_table(rows=1, cols=len(tabla.encabezados))
    t.style = ESTILO_TABLA
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    encabezado = t.rows[0]
    # El renglón de encabezados se repite en cada página y lo anuncian los lectores de pantalla.
    encabezado._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for celda, texto, derecha in zip(encabezado.cells, tabla.encabezados, cifras, strict=True):
        celda.text = texto
        _alinear(celda, derecha)
    for fila in tabla.filas:
        for celda, texto, derecha in zip(t.add_row().cells, fila, cifras, strict=True):
            celda.text = texto
            _alinear(celda, derecha)


def _png(svg: str) -> io.BytesIO:
    """El SVG como PNG de 64 colores: el mapa usa unos pocos, y pesa la cuarta parte."""
    try:
        import cairosvg  # aquí: sin libcairo2 falla solo el DOCX con mapa, no todo el sitio
    except (ImportError, OSError) as error:
        raise MotorMapaNoDisponible(
            "No se puede generar el DOCX: falta la biblioteca Cairo que dibuja el mapa "
            f"({str(error).splitlines()[0]}). En Debian o Ubuntu instálela con: "
            "sudo apt-get install libcairo2. Si falta el paquete de Python: pip install cairosvg."
        ) from error
    png = cairosvg.svg2png(
        bytestring=svg.encode(), output_width=PIXELES_MAPA, background_color="white"
    )
    imagen = Image.open(io.BytesIO(png)).convert("RGB").quantize(64, Image.Quantize.FASTOCTREE)
    salida = io.BytesIO()
    imagen.save(salida, "PNG")
    return salida


def _mapa(doc, documento: Documento) -> None:
    doc.add_picture(_png(str(documento.mapa_svg)), width=ANCHO_MAPA)
    imagen = doc.inline_shapes[-1]._inline.docPr
    imagen.set("descr", documento.mapa_alt)
    imagen.set("title", documento.mapa_titulo)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(documento.mapa_titulo, style="Caption")


def exportar_docx(documento: Documento) -> bytes:
    doc = Document()
    doc.core_properties.title = documento.titulo
    doc.core_properties.language = documento.lang
    _idioma(doc, documento.lang)
    estilo = doc.styles["Normal"]
    estilo.font.name = "Arial"
    estilo.font.size = Pt(11)
    doc.add_heading(documento.titulo, level=0)  # estilo «Title»
    _bloques(doc, documento.bloques_texto)
    if documento.tablas:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(documento.titulo_anexo, level=1)
        for tabla in documento.tablas:
            doc.add_heading(tabla.titulo, level=2)
            _tabla(doc, tabla)
        for nota in documento.notas_anexo:
            doc.add_paragraph(nota)
        if documento.mapa_svg:
            _mapa(doc, documento)
    salida = io.BytesIO()
    doc.save(salida)
    return salida.getvalue()

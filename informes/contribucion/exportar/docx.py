"""El informe como DOCX (python-docx): encabezados, viñetas y tablas de verdad."""

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from informes.contribucion.documento import Bloque, Documento


def _bloques(doc, bloques: list[Bloque]) -> None:
    for bloque in bloques:
        if bloque.tipo == "encabezado":
            doc.add_heading(bloque.texto, level=2)
        elif bloque.tipo == "vinetas":
            for elemento in bloque.elementos:
                doc.add_paragraph(elemento, style="List Bullet")
        else:
            doc.add_paragraph(bloque.texto)


def exportar_docx(documento: Documento) -> bytes:
    doc = Document()
    doc.core_properties.title = documento.titulo
    doc.core_properties.language = documento.idioma
    estilo = doc.styles["Normal"]
    estilo.font.name = "Arial"
    estilo.font.size = Pt(11)
    doc.add_heading(documento.titulo, level=1)
    _bloques(doc, documento.bloques_texto)
    if documento.tablas:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(documento.titulo_anexo, level=1)
        for tabla in documento.tablas:
            doc.add_heading(tabla.titulo, level=2)
            t = doc.add_table(rows=1, cols=len(tabla.encabezados))
            t.style = "Table Grid"
            for celda, texto in zip(t.rows[0].cells, tabla.encabezados, strict=True):
                celda.text = texto
                for run in celda.paragraphs[0].runs:
                    run.bold = True
            for fila in tabla.filas:
                for celda, texto in zip(t.add_row().cells, fila, strict=True):
                    celda.text = texto
        for nota in documento.notas_anexo:
            doc.add_paragraph(nota)
    salida = io.BytesIO()
    doc.save(salida)
    return salida.getvalue()

"""La matriz de seguimiento en archivos: un registro de formatos (como los exportadores de
pretix), cada uno una función que recibe la matriz ya armada y devuelve los bytes."""

import io
from collections.abc import Callable
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from informes.cobertura import tabla
from informes.seguimiento.matriz import COLUMNAS, Matriz

ENCABEZADOS = {
    "tema": "Tema",
    "mecanismo": "Mecanismo",
    "documento": "Documento",
    "parrafo": "Párrafo",
    "texto": "Recomendación",
    "estado": "Estado",
    "instituciones": "Instituciones involucradas",
    "acciones": "Acciones del periodo que la atienden",
}
ANCHOS_XLSX = {"texto": 60, "acciones": 80, "instituciones": 30}
TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Formato:
    extension: str
    tipo: str
    nombre: str
    escribir: Callable[[Matriz], bytes]


def _csv(matriz: Matriz) -> bytes:
    # Las columnas con los nombres de la orden (sin acentos): para otra hoja o un programa.
    return tabla.a_csv(COLUMNAS, [f.valores() for f in matriz.filas])


def _xlsx(matriz: Matriz) -> bytes:
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Matriz de seguimiento"
    hoja.append([ENCABEZADOS[c] for c in COLUMNAS])
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for fila in matriz.filas:
        hoja.append(fila.valores())
    tabla.como_texto(hoja)
    for renglon in hoja.iter_rows(min_row=2):
        for celda in renglon:
            celda.alignment = Alignment(wrap_text=True, vertical="top")
    hoja.freeze_panes = "B2"
    for i, columna in enumerate(COLUMNAS, start=1):
        hoja.column_dimensions[get_column_letter(i)].width = ANCHOS_XLSX.get(columna, 18)
    notas = libro.create_sheet("Notas")
    for nota in matriz.notas():
        notas.append([nota])
    notas.column_dimensions["A"].width = 120
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _docx(matriz: Matriz) -> bytes:
    documento = Document()
    seccion = documento.sections[0]
    # Ocho columnas con textos largos: la página horizontal.
    seccion.orientation = WD_ORIENT.LANDSCAPE
    seccion.page_width, seccion.page_height = seccion.page_height, seccion.page_width
    for margen in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(seccion, margen, Cm(1.5))
    documento.add_heading(f"Matriz de seguimiento de recomendaciones, {matriz.periodo.nombre}", 0)
    for nota in matriz.notas()[1:]:
        documento.add_paragraph(nota)
    cuadro = documento.add_table(rows=1, cols=len(COLUMNAS))
    cuadro.style = "Light Grid Accent 1"
    for celda, columna in zip(cuadro.rows[0].cells, COLUMNAS, strict=True):
        celda.text = ENCABEZADOS[columna]
    for fila in matriz.filas:
        celdas = cuadro.add_row().cells
        for celda, valor in zip(celdas, fila.valores(), strict=True):
            lineas = valor.split("\n")
            celda.text = lineas[0]
            for linea in lineas[1:]:
                celda.add_paragraph(linea)
    for parrafo in (p for r in cuadro.rows for c in r.cells for p in c.paragraphs):
        for trozo in parrafo.runs:
            trozo.font.size = Pt(8)
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


FORMATOS = {
    "csv": Formato("csv", tabla.TIPO_CSV, "CSV", _csv),
    "xlsx": Formato("xlsx", tabla.TIPO_XLSX, "XLSX (Excel)", _xlsx),
    "docx": Formato("docx", TIPO_DOCX, "DOCX (Word)", _docx),
}


def nombre_archivo(matriz: Matriz, formato: str) -> str:
    periodo = matriz.periodo
    return f"matriz-seguimiento-{periodo.desde:%Y%m%d}-{periodo.hasta:%Y%m%d}.{formato}"

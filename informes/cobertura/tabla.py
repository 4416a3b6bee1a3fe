"""Una tabla (encabezados y filas de datos simples) como CSV, XLSX o JSON.

No sabe de dónde vienen las filas: la cobertura, o cualquier otra tabla de informes.
"""

import csv
import io
import json

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from capacitaciones.hojas.exportar import INICIOS_DE_FORMULA, texto_seguro

TIPO_CSV = "text/csv; charset=utf-8"
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIPO_JSON = "application/json"


def a_csv(columnas: list[str], filas: list[list]) -> bytes:
    """UTF-8 con BOM, para que Excel abra bien los acentos."""
    salida = io.StringIO(newline="")
    escritor = csv.writer(salida)
    escritor.writerow(columnas)
    # Los textos vienen de hojas y formularios de otras personas: ninguno entra como fórmula.
    escritor.writerows([texto_seguro(v) for v in fila] for fila in filas)
    return salida.getvalue().encode("utf-8-sig")


def a_xlsx(columnas: list[str], filas: list[list], *, hoja: str, notas: list[str]) -> bytes:
    """Una hoja con la tabla (encabezado fijo) y otra, «Notas», con periodo y reglas."""
    libro = Workbook()
    tabla = libro.active
    tabla.title = hoja[:31]
    tabla.append(columnas)
    for celda in tabla[1]:
        celda.font = Font(bold=True)
    for fila in filas:
        tabla.append(fila)
    como_texto(tabla)
    tabla.freeze_panes = "C2"
    for i, columna in enumerate(columnas, start=1):
        tabla.column_dimensions[get_column_letter(i)].width = max(10, min(len(columna) + 2, 40))
    hoja_notas = libro.create_sheet("Notas")
    for nota in notas:
        hoja_notas.append([nota])
    hoja_notas.column_dimensions["A"].width = 120
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def como_texto(hoja) -> None:
    """Marca como texto cada celda que Excel tomaría por fórmula («=HYPERLINK(…)»).

    openpyxl guarda como fórmula toda cadena que empieza con «=»: un texto ajeno no debe
    ejecutarse ni volverse vínculo al abrir el archivo.
    """
    for renglon in hoja.iter_rows(min_row=2):
        for celda in renglon:
            if isinstance(celda.value, str) and celda.value.startswith(INICIOS_DE_FORMULA):
                celda.data_type = "s"


def a_json(columnas: list[str], filas: list[list], **metadatos) -> bytes:
    datos = metadatos | {"filas": [dict(zip(columnas, f, strict=True)) for f in filas]}
    return json.dumps(datos, ensure_ascii=False, indent=2).encode("utf-8")


def archivo(
    formato: str, columnas: list[str], filas: list[list], *, hoja: str, notas: list[str]
) -> tuple[bytes, str]:
    """El contenido y su tipo MIME, en CSV o XLSX."""
    if formato == "csv":
        return a_csv(columnas, filas), TIPO_CSV
    return a_xlsx(columnas, filas, hoja=hoja, notas=notas), TIPO_XLSX

"""La plantilla para llenar: los encabezados, las instrucciones y los catálogos vigentes."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from capacitaciones.hojas.columnas import OPCIONES, TODAS
from convenios.models import Convenio
from programa.models import Audiencia, EntidadFederativa, Institucion, Recomendacion, Tema

INSTRUCCIONES = [
    "Cómo llenar la hoja «Actividades»",
    "",
    "Una fila por actividad. No cambie los encabezados de la primera fila. Guarde el archivo "
    "como .xlsx o como «CSV UTF-8» (separado por comas o por punto y coma).",
    "Mayúsculas y acentos no importan: «nayarit», «NAYARIT» y «Nayarit» valen lo mismo.",
    "Si cualquier fila tiene un error, no se guarda ninguna: corrija lo que indique el informe "
    "de errores (fila y columna) y vuelva a importar el mismo archivo.",
    "",
    "Columnas",
    "folio: opcional. Déjelo vacío en una actividad nueva y el sistema le asigna uno. Si el "
    "folio ya existe, la fila actualiza esa actividad; así, un archivo corregido se puede "
    "importar otra vez sin duplicar nada. Un folio no puede repetirse en el archivo. Con el "
    "rol de enlace estatal, solo se escriben folios de actividades de sus entidades.",
    "tipo: obligatorio; uno de la hoja «Tipos» (plática, curso, taller…).",
    "titulo: obligatorio.",
    "estado: obligatorio; programada, realizada, cancelada o reprogramada (hoja «Estados»).",
    "fecha_inicio: obligatoria; AAAA-MM-DD (2015-03-18), DD/MM/AAAA (18/03/2015) o una "
    "celda con formato de fecha.",
    "fecha_fin: opcional; si se deja vacía, la actividad dura el día (o el periodo) de inicio. "
    "No puede ser anterior a fecha_inicio.",
    "precision: dia (si se omite), mes, trimestre, semestre o anio. Con precisión de mes o más, "
    "cualquier fecha dentro basta: 2015-09-15 con «semestre» es el segundo semestre de 2015 "
    "(01/07/2015 a 31/12/2015).",
    "entidades: dónde se realiza. Lista separada por «;» con la clave INEGI (24), el nombre "
    "oficial o corto (San Luis Potosí) o una abreviatura (SLP). Ver hoja «Entidades».",
    "entidades_participantes: entidades cuyo personal participa, con la misma forma.",
    "modalidad: presencial (si se omite), en línea o mixta.",
    "sede: texto libre.",
    "temas: lista separada por «;» de la hoja «Temas».",
    "participantes: cuántas personas de cada audiencia, separadas por «;»: "
    "«Niñas y niños=45; Personal del programa=12». El desglose por sexo va entre paréntesis: "
    "«Niñas y niños=45 (20 mujeres, 25 hombres)». Sin número («Niñas y niños») registra la "
    "audiencia sin cifra. Audiencias: hoja «Audiencias».",
    "mujeres, hombres: totales de la actividad. Con una sola audiencia son su desglose. Con "
    "varias: si «participantes» trae el desglose de cada audiencia, estas columnas, si se "
    "llenan, deben ser la suma; si no, son el desglose de toda la actividad. Mujeres más "
    "hombres no puede pasar del total.",
    "organiza, imparte: instituciones separadas por «;», por nombre o siglas (hoja "
    "«Instituciones»).",
    "convenio: folio de un convenio registrado (hoja «Convenios»).",
    "descripcion: descripción, texto libre (el informe de contribución no la narra).",
    "motivo: obligatorio si la actividad está cancelada o reprogramada.",
    "participa (opcional, después de las anteriores): instituciones que participan. Si la "
    "columna no está, no se modifican.",
    "proposito (opcional): para qué, como lo dice el informe tras «para»: empieza con un verbo "
    "en infinitivo y en minúscula («brindar…», «fortalecer…»). Si la columna no está, no se "
    "modifica.",
    "revision (opcional): la escribe la exportación; no la cambie. Al importar, una "
    "fila cuya actividad alguien cambió después de exportar la hoja se rechaza (y con ella toda "
    "la hoja), para no borrar ese cambio: exporte de nuevo y vuelva a hacer sus cambios. En "
    "una actividad nueva, déjela vacía.",
    "recomendaciones (opcional, la última): las recomendaciones de la ONU que atiende la "
    "actividad, separadas por «;» y escritas «DOCUMENTO párr. N», p. ej. "
    "«CRC/C/MEX/CO/4-5 párr. 42; A/HRC/7/8/Add.2 párr. 3» (hoja «Recomendaciones»). Una "
    "referencia que no está registrada es un error de la fila. Si la columna no está, los "
    "vínculos de cada actividad no se modifican; si está vacía, se quitan.",
    "",
    "Exportar desde el sistema produce estas mismas columnas: puede exportar, corregir y "
    "volver a importar.",
]


def _hoja_catalogo(libro, titulo: str, encabezados: list[str], filas) -> None:
    hoja = libro.create_sheet(titulo)
    hoja.append(encabezados)
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for fila in filas:
        hoja.append(list(fila))
    for letra, _ in zip("ABCD", encabezados, strict=False):
        hoja.column_dimensions[letra].width = 45


def plantilla_escribir(destino) -> None:
    """Escribe la plantilla .xlsx en ``destino`` (ruta o archivo binario)."""
    libro = Workbook()
    hoja = libro.active
    hoja.title = "Actividades"
    hoja.append(list(TODAS))
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    hoja.freeze_panes = "A2"
    for indice, columna in enumerate(TODAS, start=1):
        hoja.column_dimensions[hoja.cell(1, indice).column_letter].width = max(14, len(columna) + 4)

    instrucciones = libro.create_sheet("Instrucciones")
    instrucciones.column_dimensions["A"].width = 120
    for renglon in INSTRUCCIONES:
        instrucciones.append([renglon])
        instrucciones.cell(instrucciones.max_row, 1).alignment = Alignment(wrap_text=True)
    instrucciones["A1"].font = Font(bold=True, size=14)

    hojas_opciones = {
        "tipo": "Tipos",
        "estado": "Estados",
        "modalidad": "Modalidades",
        "precision": "Precisiones",
    }
    for columna, titulo in hojas_opciones.items():
        choices = OPCIONES[columna]
        _hoja_catalogo(libro, titulo, [columna], ([str(e)] for _, e in choices.choices))
        # Una lista desplegable en la columna, con los valores del catálogo.
        letra = hoja.cell(1, TODAS.index(columna) + 1).column_letter
        validacion = DataValidation(
            type="list",
            formula1=f"={titulo}!$A$2:$A${len(choices.choices) + 1}",
            allow_blank=True,
            showErrorMessage=False,
        )
        validacion.add(f"{letra}2:{letra}5000")
        hoja.add_data_validation(validacion)

    _hoja_catalogo(
        libro,
        "Entidades",
        ["clave", "nombre corto", "nombre oficial", "abreviatura"],
        EntidadFederativa.objects.values_list("clave", "nombre_corto", "nombre", "abreviatura"),
    )
    _hoja_catalogo(libro, "Temas", ["tema"], Tema.objects.values_list("nombre"))
    _hoja_catalogo(libro, "Audiencias", ["audiencia"], Audiencia.objects.values_list("nombre"))
    _hoja_catalogo(
        libro,
        "Instituciones",
        ["nombre", "siglas"],
        Institucion.objects.values_list("nombre", "siglas"),
    )
    _hoja_catalogo(
        libro, "Convenios", ["folio", "título"], Convenio.objects.values_list("folio", "titulo")
    )
    _hoja_catalogo(
        libro,
        "Recomendaciones",
        ["referencia", "texto"],
        ((r.referencia, r.texto) for r in Recomendacion.objects.select_related("documento")),
    )
    libro.save(destino)

"""Exportar actividades con las columnas de la plantilla: las filas como datos, y dos formatos.

``actividades_filas()`` recorre la consulta por lotes con sus relaciones precargadas (un número
fijo de consultas por lote); ``lineas_csv()`` y ``escribir_xlsx()`` solo dan formato, sin
tener el archivo entero en memoria.
"""

import csv
import datetime as dt
from collections.abc import Iterable, Iterator

import openpyxl
from django.db.models import Count, Prefetch
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from capacitaciones.hojas.columnas import (
    OPCIONES,
    TODAS,
    etiqueta,
    lista,
    participante,
)
from capacitaciones.models import ActividadInstitucion, Participacion
from programa.fechas import fecha_corta
from programa.models import Institucion, Recomendacion

LOTE = 1000
FORMATO_FECHA = "DD/MM/YYYY"


def _suma(valores) -> int | None:
    presentes = [v for v in valores if v is not None]
    return sum(presentes) if presentes else None


def _desglose(actividad, participaciones) -> dict:
    if any(p.mujeres is not None or p.hombres is not None for p in participaciones):
        return {
            "mujeres": _suma(p.mujeres for p in participaciones),
            "hombres": _suma(p.hombres for p in participaciones),
        }
    return {"mujeres": actividad.mujeres, "hombres": actividad.hombres}


def actividades_filas(actividades) -> Iterator[list]:
    """Una lista de valores por actividad, en el orden de ``TODAS`` las columnas.

    Consultas: 1 (siglas repetidas) + por cada lote de hasta LOTE actividades, 1 (actividades
    con convenio) + 6 (entidades, entidades participantes, temas, participaciones con su
    audiencia, instituciones con la suya, recomendaciones con su documento).
    """
    repetidas = set(
        Institucion.objects.exclude(siglas="")
        .values("siglas")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("siglas", flat=True)
    )

    def nombre(institucion: Institucion) -> str:
        # Las siglas son más cómodas de leer; el nombre, cuando las siglas no bastan.
        if institucion.siglas and institucion.siglas not in repetidas:
            return institucion.siglas
        return institucion.nombre

    # Sin las precargas que traiga la consulta (p. ej. la del admin): aquí van las necesarias.
    consulta = (
        actividades.prefetch_related(None)
        .select_related("convenio")
        .prefetch_related(
            "entidades",
            "entidades_participantes",
            "temas",
            Prefetch(
                "recomendaciones",
                queryset=Recomendacion.objects.select_related("documento"),
            ),
            Prefetch("participaciones", queryset=Participacion.objects.select_related("audiencia")),
            Prefetch(
                "actividadinstitucion_set",
                queryset=ActividadInstitucion.objects.select_related("institucion"),
            ),
        )
    )
    for actividad in consulta.iterator(chunk_size=LOTE):
        participaciones = list(actividad.participaciones.all())
        por_rol = {rol: [] for rol in ActividadInstitucion.Rol.values}
        for ai in actividad.actividadinstitucion_set.all():
            por_rol[ai.rol].append(nombre(ai.institucion))
        valores = {
            "folio": actividad.folio,
            "titulo": actividad.titulo,
            "fecha_inicio": actividad.fecha_inicio,
            "fecha_fin": actividad.fecha_fin,
            "entidades": lista(e.nombre_corto for e in actividad.entidades.all()),
            "entidades_participantes": lista(
                e.nombre_corto for e in actividad.entidades_participantes.all()
            ),
            "sede": actividad.sede,
            "temas": lista(t.nombre for t in actividad.temas.all()),
            "participantes": lista(
                participante(p.audiencia.nombre, p.total, p.mujeres, p.hombres)
                for p in participaciones
            ),
            # Por audiencia si alguna lo trae; si no, el de toda la actividad (la regla de
            # la cobertura): así la hoja vuelve a importarse igual.
            **_desglose(actividad, participaciones),
            "convenio": actividad.convenio.folio if actividad.convenio else "",
            "descripcion": actividad.descripcion,
            "motivo": actividad.motivo,
            "proposito": actividad.proposito,
            "revision": actividad.revision,
            "recomendaciones": lista(r.referencia for r in actividad.recomendaciones.all()),
            **{rol: lista(nombres) for rol, nombres in por_rol.items()},
            **{c: etiqueta(choices, getattr(actividad, c)) for c, choices in OPCIONES.items()},
        }
        yield [valores[c] for c in TODAS]


class _Eco:
    """Un «archivo» que devuelve lo que se le escribe, para producir el CSV línea a línea."""

    def write(self, texto):
        return texto


# Una celda que empieza así, Excel la toma por fórmula («=HYPERLINK(…)»): en el CSV se antepone
# un apóstrofo, que la importación quita; en el XLSX la celda se marca como texto.
INICIOS_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def texto_seguro(valor):
    if isinstance(valor, str) and valor.startswith(INICIOS_DE_FORMULA):
        return "'" + valor
    return valor


def lineas_csv(filas: Iterable[list]) -> Iterator[str]:
    """El CSV (UTF-8 con BOM para que Excel respete los acentos), una línea a la vez."""
    escritor = csv.writer(_Eco())
    yield "\ufeff" + escritor.writerow(TODAS)
    for fila in filas:
        yield escritor.writerow(
            [
                fecha_corta(v) if isinstance(v, dt.date) else ("" if v is None else texto_seguro(v))
                for v in fila
            ]
        )


def escribir_xlsx(filas: Iterable[list], destino) -> None:
    """Escribe el libro en ``destino`` (ruta o archivo binario) en modo de solo escritura."""
    libro = openpyxl.Workbook(write_only=True)
    hoja = libro.create_sheet("Actividades")
    hoja.freeze_panes = "A2"
    encabezados = []
    for columna in TODAS:
        celda = WriteOnlyCell(hoja, value=columna)
        celda.font = Font(bold=True)
        encabezados.append(celda)
    hoja.append(encabezados)
    for fila in filas:
        celdas = []
        for valor in fila:
            if isinstance(valor, dt.date):
                celda = WriteOnlyCell(hoja, value=valor)
                celda.number_format = FORMATO_FECHA
                celdas.append(celda)
            elif isinstance(valor, str) and valor.startswith(INICIOS_DE_FORMULA):
                celda = WriteOnlyCell(hoja, value=valor)
                celda.data_type = "s"  # texto, nunca fórmula
                celdas.append(celda)
            else:
                celdas.append(valor)
        hoja.append(celdas)
    libro.save(destino)

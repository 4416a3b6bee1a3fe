"""Fechas conocidas con cierta precisión: un día, un mes, un trimestre, un semestre o un año.

Una actividad "en el último semestre de 2015" se guarda como el periodo completo
(1/07/2015–31/12/2015) con precisión semestral; así, comparar periodos es comparar fechas.
"""

import calendar
import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DIA = "dia", _("Día")
    MES = "mes", _("Mes")
    TRIMESTRE = "trimestre", _("Trimestre")
    SEMESTRE = "semestre", _("Semestre")
    ANIO = "anio", _("Año")


# Meses con que empieza un periodo de cada precisión (la de día y mes empiezan en cualquiera).
_MESES_INICIO = {
    Precision.TRIMESTRE: (1, 4, 7, 10),
    Precision.SEMESTRE: (1, 7),
    Precision.ANIO: (1,),
}
_MESES_POR_PERIODO = {
    Precision.MES: 1,
    Precision.TRIMESTRE: 3,
    Precision.SEMESTRE: 6,
    Precision.ANIO: 12,
}


def fin_de_mes(anio: int, mes: int) -> dt.date:
    return dt.date(anio, mes, calendar.monthrange(anio, mes)[1])


def periodo(fecha: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """El periodo de esa precisión que contiene la fecha: (primer día, último día)."""
    if precision == Precision.DIA:
        return fecha, fecha
    meses = _MESES_POR_PERIODO[precision]
    primer_mes = (fecha.month - 1) // meses * meses + 1
    return dt.date(fecha.year, primer_mes, 1), fin_de_mes(fecha.year, primer_mes + meses - 1)


def ajustar(inicio: dt.date, fin: dt.date | None, precision: str) -> tuple[dt.date, dt.date]:
    """Lleva inicio y fin a los bordes de sus periodos; sin fin, el periodo del inicio."""
    inicio_periodo = periodo(inicio, precision)[0]
    fin_periodo = periodo(fin or inicio, precision)[1]
    return inicio_periodo, fin_periodo


def es_coherente(inicio: dt.date, fin: dt.date, precision: str) -> bool:
    """¿Empiezan y terminan las fechas en los bordes de periodos de esa precisión?"""
    return (inicio, fin) == ajustar(inicio, fin, precision)


def condicion_coherente(inicio: str, fin: str, campo_precision: str) -> Q:
    """La misma regla que es_coherente(), como condición para un CheckConstraint.

    Solo usa día y mes de cada fecha, que SQLite y PostgreSQL extraen igual. El 28 de febrero
    de un año bisiesto pasa la base de datos como fin de mes; clean() lo rechaza.
    """
    fin_de_algun_mes = (
        Q(**{f"{fin}__month__in": (1, 3, 5, 7, 8, 10, 12), f"{fin}__day": 31})
        | Q(**{f"{fin}__month__in": (4, 6, 9, 11), f"{fin}__day": 30})
        | Q(**{f"{fin}__month": 2, f"{fin}__day__in": (28, 29)})
    )
    condicion = Q(**{campo_precision: Precision.DIA})
    condicion |= Q(**{campo_precision: Precision.MES, f"{inicio}__day": 1}) & fin_de_algun_mes
    for precision, meses in _MESES_INICIO.items():
        meses_fin = tuple(m + _MESES_POR_PERIODO[precision] - 1 for m in meses)
        condicion |= (
            Q(**{campo_precision: precision, f"{inicio}__day": 1, f"{inicio}__month__in": meses})
            & Q(**{f"{fin}__month__in": meses_fin})
            & fin_de_algun_mes
        )
    return condicion


MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
_ORDINALES = {1: "1.er", 2: "2.º", 3: "3.er", 4: "4.º"}


def fecha_corta(fecha: dt.date) -> str:
    """Como en las tablas: 18/03/2015."""
    return fecha.strftime("%d/%m/%Y")


def fecha_larga(fecha: dt.date) -> str:
    """Como en la prosa: 18 de marzo de 2015."""
    return f"{fecha.day} de {MESES[fecha.month - 1]} de {fecha.year}"


def _nombre_periodo(fecha: dt.date, precision: str) -> str:
    if precision == Precision.DIA:
        return fecha_corta(fecha)
    if precision == Precision.MES:
        return f"{MESES[fecha.month - 1]} de {fecha.year}"
    if precision == Precision.ANIO:
        return str(fecha.year)
    meses = _MESES_POR_PERIODO[precision]
    numero = (fecha.month - 1) // meses + 1
    return f"{_ORDINALES[numero]} {Precision(precision).label.lower()} de {fecha.year}"


def texto_corto(inicio: dt.date, fin: dt.date, precision: str) -> str:
    """Para tablas: '18/03/2015', 'abril de 2014', '2.º semestre de 2015', '2014'."""
    primero, ultimo = _nombre_periodo(inicio, precision), _nombre_periodo(fin, precision)
    return primero if primero == ultimo else f"{primero} a {ultimo}"

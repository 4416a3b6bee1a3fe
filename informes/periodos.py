"""Periodos de consulta (un año, un semestre, un trimestre o dos fechas) y cómo se nombran.

También escribe la fecha de una actividad con su precisión: «18/03/2015», «marzo de 2015»,
«segundo semestre de 2015».
"""

import datetime as dt
from dataclasses import dataclass

from programa.fechas import Precision, fin_de_mes

MESES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
ORDINALES = ("primer", "segundo", "tercer", "cuarto")


def fecha_corta(fecha: dt.date) -> str:
    """Como en las tablas: 18/03/2015."""
    return fecha.strftime("%d/%m/%Y")


def fecha_larga(fecha: dt.date) -> str:
    """Como en la prosa: 18 de marzo de 2015."""
    return f"{fecha.day} de {MESES[fecha.month - 1]} de {fecha.year}"


def fecha_con_precision(inicio: dt.date, fin: dt.date, precision: str) -> str:
    """La fecha de una actividad tal como se conoce; el periodo entero si abarca varios."""
    if precision == Precision.MES and (inicio.year, inicio.month) == (fin.year, fin.month):
        return f"{MESES[inicio.month - 1]} de {inicio.year}"
    if precision == Precision.TRIMESTRE and fin.month - inicio.month == 2:
        return f"{ORDINALES[(inicio.month - 1) // 3]} trimestre de {inicio.year}"
    if precision == Precision.SEMESTRE and fin.month - inicio.month == 5:
        return f"{ORDINALES[(inicio.month - 1) // 6]} semestre de {inicio.year}"
    if precision == Precision.ANIO and inicio.year == fin.year:
        return str(inicio.year)
    if inicio == fin:
        return fecha_corta(inicio)
    return f"{fecha_corta(inicio)} a {fecha_corta(fin)}"


@dataclass(frozen=True)
class Periodo:
    desde: dt.date
    hasta: dt.date
    nombre: str  # «2015», «segundo semestre de 2015», «del 1 de marzo al …»

    @classmethod
    def anio(cls, anio: int) -> "Periodo":
        return cls(dt.date(anio, 1, 1), dt.date(anio, 12, 31), str(anio))

    @classmethod
    def semestre(cls, anio: int, semestre: int) -> "Periodo":
        mes = 6 * (semestre - 1) + 1
        return cls(
            dt.date(anio, mes, 1),
            fin_de_mes(anio, mes + 5),
            f"{ORDINALES[semestre - 1]} semestre de {anio}",
        )

    @classmethod
    def trimestre(cls, anio: int, trimestre: int) -> "Periodo":
        mes = 3 * (trimestre - 1) + 1
        return cls(
            dt.date(anio, mes, 1),
            fin_de_mes(anio, mes + 2),
            f"{ORDINALES[trimestre - 1]} trimestre de {anio}",
        )

    @classmethod
    def entre(cls, desde: dt.date, hasta: dt.date) -> "Periodo":
        """Dos fechas; si son justo un año, un semestre o un trimestre, se nombra como tal."""
        if desde.year == hasta.year:
            candidatos = [cls.anio(desde.year)]
            candidatos += [cls.semestre(desde.year, s) for s in (1, 2)]
            candidatos += [cls.trimestre(desde.year, t) for t in (1, 2, 3, 4)]
            for candidato in candidatos:
                if (candidato.desde, candidato.hasta) == (desde, hasta):
                    return candidato
        return cls(desde, hasta, f"del {fecha_larga(desde)} al {fecha_larga(hasta)}")

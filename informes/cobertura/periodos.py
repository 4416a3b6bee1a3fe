"""Periodos de consulta (un año, un semestre, un trimestre o dos fechas) y cómo se nombran.

La fecha de una actividad con su precisión la escribe ``programa.fechas.texto_corto``.
"""

import datetime as dt
from dataclasses import dataclass

from programa.fechas import fecha_larga, fin_de_mes

ORDINALES = ("primer", "segundo", "tercer", "cuarto")


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
        return cls._parte(anio, semestre, 6, "semestre")

    @classmethod
    def trimestre(cls, anio: int, trimestre: int) -> "Periodo":
        return cls._parte(anio, trimestre, 3, "trimestre")

    @classmethod
    def _parte(cls, anio: int, numero: int, meses: int, nombre: str) -> "Periodo":
        primer_mes = meses * (numero - 1) + 1
        return cls(
            dt.date(anio, primer_mes, 1),
            fin_de_mes(anio, primer_mes + meses - 1),
            f"{ORDINALES[numero - 1]} {nombre} de {anio}",
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

"""Redacción: del informe como datos (``informes.contribucion.hechos``) al texto en un idioma.

Un solo plan (``plan.py``: qué se dice y en qué orden) y un recetario por idioma (``es.py``,
``en.py``: palabras, concordancia, listas, fechas, tiempos y comillas).
"""

from informes.contribucion.documento import Bloque


def redactar(contribucion: dict, idioma: str) -> list[Bloque]:
    """El cuerpo de la aportación en ``idioma`` ("es" o "en"), como bloques de texto."""
    from informes.contribucion.redaccion import en, es, plan

    frases = {"es": es.Frases, "en": en.Frases}[idioma]
    return plan.cuerpo(contribucion, frases(contribucion))

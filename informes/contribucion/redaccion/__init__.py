"""Redactores: del informe como datos (``informes.contribucion.hechos``) al texto en un idioma."""

from informes.contribucion.documento import Bloque


def redactar(contribucion: dict, idioma: str) -> list[Bloque]:
    """El cuerpo de la aportación en ``idioma`` ("es" o "en"), como bloques de texto."""
    from informes.contribucion.redaccion import en, es

    redactor = {"es": es.Redactor, "en": en.Redactor}[idioma]
    return redactor(contribucion).cuerpo()

"""Redactores: del informe como datos (``informes.contribucion``) al texto en un idioma."""

from informes.documento import Bloque


def redactar(contribucion: dict, idioma: str) -> list[Bloque]:
    """El cuerpo de la aportación en ``idioma`` ("es" o "en"), como bloques de texto."""
    from informes.redaccion import en, es

    redactor = {"es": es.Redactor, "en": en.Redactor}[idioma]
    return redactor(contribucion).cuerpo()

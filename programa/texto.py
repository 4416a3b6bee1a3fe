"""Cómo se compara lo que una persona escribe: sin mayúsculas, acentos ni puntuación sobrante."""

import difflib
import re
import unicodedata

_NO_ALFANUMERICO = re.compile(r"[^a-z0-9]+")


def normalizar(texto: str) -> str:
    """'  Querétaro de Arteaga. ' -> 'queretaro de arteaga'; 'Q. Roo' -> 'q roo'."""
    sin_acentos = unicodedata.normalize("NFKD", str(texto)).encode("ascii", "ignore").decode()
    return _NO_ALFANUMERICO.sub(" ", sin_acentos.lower()).strip()


def sugerencia(texto: str, opciones: dict[str, str]) -> str | None:
    """El valor de ``opciones`` (normalizado -> nombre) más parecido a ``texto``, si hay."""
    parecidas = difflib.get_close_matches(normalizar(texto), list(opciones), n=1, cutoff=0.75)
    return opciones[parecidas[0]] if parecidas else None

"""Qué archivos se aceptan al subir evidencias y convenios firmados, y de qué tamaño."""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Extensión -> firmas con que empieza un archivo de verdad de ese tipo.
_FIRMAS = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
EXTENSIONES_EVIDENCIA = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx")


def _validar(archivo, extensiones: tuple[str, ...]) -> None:
    if getattr(archivo, "_committed", False):
        return  # ya guardado y revisado al subirlo
    extension = Path(archivo.name).suffix.lower()
    if extension not in extensiones:
        raise ValidationError(
            _("El archivo «%(nombre)s» no es de un tipo permitido (%(tipos)s)."),
            code="tipo",
            params={"nombre": Path(archivo.name).name, "tipos": ", ".join(extensiones)},
        )
    limite = settings.TAMANO_MAXIMO_ARCHIVO_MB
    if archivo.size > limite * 1024 * 1024:
        raise ValidationError(
            _("El archivo «%(nombre)s» pesa %(mb).1f MB; el máximo es %(limite)s MB."),
            code="tamano",
            params={
                "nombre": Path(archivo.name).name,
                "mb": archivo.size / 1024 / 1024,
                "limite": limite,
            },
        )
    archivo.seek(0)
    inicio = archivo.read(16)
    archivo.seek(0)
    if not inicio.startswith(_FIRMAS[extension]):
        raise ValidationError(
            _("El archivo «%(nombre)s» dice ser %(ext)s pero su contenido no lo es."),
            code="contenido",
            params={"nombre": Path(archivo.name).name, "ext": extension.lstrip(".").upper()},
        )


def validar_archivo_pdf(archivo) -> None:
    _validar(archivo, (".pdf",))


def validar_evidencia(archivo) -> None:
    _validar(archivo, EXTENSIONES_EVIDENCIA)


@contextmanager
def escritura_completa(ruta: Path | str, modo: str = "wb", **abrir):
    """Abre un temporal junto a ``ruta`` y, solo si todo sale bien, lo pone en su lugar.

    Así un error a media escritura (disco lleno, datos inválidos) nunca deja un archivo a
    medias ni borra el que ya estaba.
    """
    ruta = Path(ruta)
    descriptor, temporal = tempfile.mkstemp(dir=ruta.parent or ".", prefix=f".{ruta.name}.")
    try:
        with os.fdopen(descriptor, modo, **abrir) as archivo:
            yield archivo
        os.replace(temporal, ruta)
    except BaseException:
        Path(temporal).unlink(missing_ok=True)
        raise

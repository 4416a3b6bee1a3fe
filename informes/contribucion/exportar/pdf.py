"""El informe como PDF con WeasyPrint, a partir del mismo HTML.

WeasyPrint necesita Pango del sistema. Si falta, ``MotorPDFNoDisponible`` dice exactamente
qué instalar en lugar de una traza.
"""

import importlib

from informes.contribucion.documento import Documento
from informes.contribucion.exportar.html import exportar_html

PAQUETES_DEBIAN = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"


class MotorPDFNoDisponible(Exception):
    pass


def mensaje_falta_motor(detalle: str) -> str:
    return (
        "No se puede generar el PDF: falta una biblioteca del sistema que usa WeasyPrint "
        f"({detalle}). En Debian o Ubuntu instálela con: "
        f"sudo apt-get install {PAQUETES_DEBIAN}. "
        "Si falta el paquete de Python: pip install weasyprint."
    )


def _motor():
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as error:
        raise MotorPDFNoDisponible(mensaje_falta_motor(str(error).splitlines()[0])) from error


def exportar_pdf(documento: Documento) -> bytes:
    weasyprint = _motor()
    # PDF/UA-1: etiquetado (títulos, párrafos, tablas con encabezados, la figura del mapa con
    # su texto alternativo), con idioma y título, para que un lector de pantalla lo recorra.
    return weasyprint.HTML(string=exportar_html(documento, para_pdf=True)).write_pdf(
        pdf_variant="pdf/ua-1"
    )

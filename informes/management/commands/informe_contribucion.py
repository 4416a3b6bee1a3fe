"""python manage.py informe_contribucion --desde 2014-01-01 --hasta 2015-06-30 [--corte …]"""

import argparse
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from informes.contribucion.exportar.pdf import MotorPDFNoDisponible
from informes.contribucion.forms import TITULO_OACNUDH
from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.servicios import FORMATOS, documento_armar, exportar
from programa.archivos import escritura_completa

TITULO_EN = (
    "Contribution of Mexico to the OHCHR report on information and communications technologies "
    "and child sexual exploitation"
)


def _fecha(texto: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{texto}» no es una fecha válida; escríbala como AAAA-MM-DD, p. ej. 2015-06-30."
        ) from None


class Command(BaseCommand):
    help = "Redacta la aportación de un periodo desde los registros y la escribe en un archivo."

    def add_arguments(self, parser):
        parser.add_argument("--desde", type=_fecha, required=True, help="AAAA-MM-DD")
        parser.add_argument("--hasta", type=_fecha, required=True, help="AAAA-MM-DD")
        parser.add_argument("--corte", type=_fecha, help="AAAA-MM-DD; por omisión, --hasta")
        parser.add_argument("--idioma", choices=["es", "en"], default="es")
        parser.add_argument("--formato", choices=list(FORMATOS), default="docx")
        parser.add_argument(
            "--salida", help="Archivo de salida; por omisión aportacion-DESDE-HASTA-IDIOMA.FORMATO"
        )

    def handle(self, *args, desde, hasta, corte, idioma, formato, salida, **options):
        if hasta < desde:
            raise CommandError(
                f"--hasta ({hasta}) no puede ser anterior a --desde ({desde}).", returncode=2
            )
        corte = corte or hasta
        ruta = Path(salida or f"aportacion-{desde:%Y%m%d}-{hasta:%Y%m%d}-{idioma}.{formato}")
        if not ruta.parent.is_dir():
            raise CommandError(f"--salida: la carpeta «{ruta.parent}» no existe.", returncode=2)
        contribucion = contribucion_construir(desde=desde, hasta=hasta, corte=corte)
        documento = documento_armar(
            contribucion=contribucion,
            idioma=idioma,
            titulo=TITULO_OACNUDH if idioma == "es" else TITULO_EN,
        )
        try:
            contenido = exportar(documento, formato)
        except MotorPDFNoDisponible as error:
            raise CommandError(str(error), returncode=1) from None
        with escritura_completa(ruta) as archivo:
            archivo.write(contenido)
        for aviso in contribucion["avisos"]:
            self.stderr.write(f"Aviso: {aviso}")
        self.stdout.write(f"Escrito {ruta} ({len(contenido):,} bytes).")

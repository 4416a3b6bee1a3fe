from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from informes.cobertura.filtros import periodo_de_fechas
from informes.seguimiento.exportar import FORMATOS, nombre_archivo
from informes.seguimiento.matriz import matriz_seguimiento


class Command(BaseCommand):
    help = (
        "La matriz de seguimiento de recomendaciones de un periodo: un renglón por "
        "recomendación con su estado y las acciones que la atienden, en CSV, XLSX o DOCX."
    )

    def add_arguments(self, parser):
        parser.add_argument("--desde", required=True, help="AAAA-MM-DD")
        parser.add_argument("--hasta", required=True, help="AAAA-MM-DD")
        parser.add_argument("--formato", choices=sorted(FORMATOS), default="csv")
        parser.add_argument(
            "--salida",
            help="Archivo donde escribirla; sin él, el CSV sale en pantalla y los demás "
            "formatos en matriz-seguimiento-AAAAMMDD-AAAAMMDD.<formato>.",
        )

    def handle(self, *args, desde, hasta, formato, salida=None, **options):
        try:
            periodo = periodo_de_fechas(desde, hasta)
        except ValueError as error:
            raise CommandError(str(error)) from error
        matriz = matriz_seguimiento(desde=periodo.desde, hasta=periodo.hasta)
        contenido = FORMATOS[formato].escribir(matriz)
        if salida is None and formato == "csv":
            self.stdout.write(contenido.decode("utf-8-sig"), ending="")
            return
        ruta = Path(salida or nombre_archivo(matriz, formato))
        try:
            ruta.write_bytes(contenido)
        except OSError as error:
            raise CommandError(f"No se pudo escribir «{ruta}»: {error.strerror}.") from error
        self.stderr.write(
            f"Matriz de {len(matriz.filas)} recomendaciones ({matriz.con_acciones} con acciones "
            f"en el periodo) escrita en {ruta}."
        )

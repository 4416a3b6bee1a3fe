import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from informes.cobertura import tabla
from informes.cobertura.filtros import periodo_de_fechas
from informes.cobertura.selectores import Filtros, cobertura
from programa.archivos import escritura_completa

FORMATOS = ("csv", "xlsx", "json")
ERROR_DE_USO = 2


class Command(BaseCommand):
    help = (
        "Escribe la tabla de cobertura por entidad federativa de un periodo (la misma de la "
        "página /informes/cobertura/) en CSV, XLSX o JSON."
    )

    def add_arguments(self, parser):
        # Sin «required» ni «choices»: los errores se explican en español y salen con estado 2.
        parser.add_argument("--desde", default="", help="Primer día del periodo, AAAA-MM-DD.")
        parser.add_argument("--hasta", default="", help="Último día del periodo, AAAA-MM-DD.")
        parser.add_argument("--formato", default="csv", help="csv (predeterminado), xlsx o json.")
        parser.add_argument(
            "--salida", default="", help="Archivo donde escribir; sin él, la salida estándar."
        )

    def handle(self, *args, desde, hasta, formato, salida, **options):
        try:
            periodo = periodo_de_fechas(desde, hasta)
        except ValueError as error:
            raise CommandError(str(error), returncode=ERROR_DE_USO) from None
        formato = formato.lower()
        if formato not in FORMATOS:
            raise CommandError(
                f"Formato «{formato}» desconocido; use csv, xlsx o json.", returncode=ERROR_DE_USO
            )
        if salida and not Path(salida).parent.resolve().is_dir():
            raise CommandError(
                f"No existe la carpeta de «{salida}»; créela o elija otra ruta.",
                returncode=ERROR_DE_USO,
            )

        datos = cobertura(Filtros(periodo))
        columnas, filas = datos.columnas(), datos.filas()
        if formato == "csv":
            contenido = tabla.a_csv(columnas, filas)
        elif formato == "xlsx":
            contenido = tabla.a_xlsx(columnas, filas, hoja="Cobertura", notas=datos.notas())
        else:
            contenido = tabla.a_json(
                columnas,
                filas,
                periodo={
                    "nombre": periodo.nombre,
                    "desde": periodo.desde.isoformat(),
                    "hasta": periodo.hasta.isoformat(),
                },
                resumen=datos.resumen(),
                notas=datos.notas(),
            )

        if salida:
            with escritura_completa(salida) as archivo:
                archivo.write(contenido)
            self.stderr.write(f"{datos.resumen()}. Tabla escrita en {salida}.")
        elif formato == "xlsx":
            sys.stdout.buffer.write(contenido)
            sys.stdout.buffer.flush()
        else:
            self.stdout.write(contenido.decode("utf-8"), ending="")

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from capacitaciones.hojas.exportar import actividades_filas, escribir_xlsx, lineas_csv
from capacitaciones.models import Actividad
from programa.archivos import escritura_completa
from programa.limites import FECHA_PISO, FECHA_TECHO


def _fecha(texto: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texto)
    except ValueError as error:
        raise CommandError(f"'{texto}' no es una fecha con formato AAAA-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Exporta actividades con las columnas de la plantilla (se pueden corregir y volver a "
        "importar)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--desde", help="Actividades que terminan en esta fecha o después.")
        parser.add_argument("--hasta", help="Actividades que empiezan en esta fecha o antes.")
        parser.add_argument("--formato", choices=("csv", "xlsx"), default=None)
        parser.add_argument(
            "--salida", help="Archivo de salida (sin él, CSV a la salida estándar)."
        )

    def handle(self, *args, desde=None, hasta=None, formato=None, salida=None, **options):
        desde = _fecha(desde) if desde else None
        hasta = _fecha(hasta) if hasta else None
        if desde and hasta and hasta < desde:
            raise CommandError("--hasta no puede ser anterior a --desde.")
        formato = formato or ("xlsx" if salida and salida.lower().endswith(".xlsx") else "csv")
        if formato == "xlsx" and not salida:
            raise CommandError("Para exportar en XLSX indique el archivo con --salida.")

        actividades = Actividad.objects.order_by("fecha_inicio", "folio")
        if desde or hasta:
            # El mismo traslape que las demás rutas (y su índice GiST en PostgreSQL); sin una de
            # las dos fechas, la cota del programa hace de extremo abierto.
            actividades = actividades.en_periodo(desde or FECHA_PISO, hasta or FECHA_TECHO)
        filas = actividades_filas(actividades)
        if salida:
            filas = tqdm(
                filas,
                total=actividades.count(),
                unit=" filas",
                file=self.stderr,
                disable=options["verbosity"] == 0,
                leave=False,
            )
        try:
            if formato == "xlsx":
                with escritura_completa(salida) as archivo:
                    escribir_xlsx(filas, archivo)
            elif salida:
                with escritura_completa(salida, "w", encoding="utf-8", newline="") as archivo:
                    archivo.writelines(lineas_csv(filas))
            else:
                for linea in lineas_csv(filas):
                    self.stdout.write(linea, ending="")
        except OSError as error:
            raise CommandError(f"No se puede escribir «{salida}»: {error.strerror}.") from error
        if salida:
            self.stdout.write(self.style.SUCCESS(f"Actividades exportadas a {salida}."))

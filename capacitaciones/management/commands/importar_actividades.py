from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from capacitaciones.hojas.importar import actividades_importar


class Command(BaseCommand):
    help = (
        "Importa actividades desde una hoja .xlsx o .csv con las columnas de la plantilla. "
        "Todo o nada: si una fila tiene un error no se guarda ninguna."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="La hoja .xlsx o .csv.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Solo revisa el archivo; no guarda nada."
        )

    def handle(self, *args, archivo, dry_run=False, **options):
        ruta = Path(archivo)
        barra = tqdm(
            unit=" filas", file=self.stderr, disable=options["verbosity"] == 0, leave=False
        )

        def al_abrir(total):
            barra.reset(total=total)

        try:
            with ruta.open("rb") as abierto:
                resultado = actividades_importar(
                    archivo=abierto,
                    nombre=ruta.name,
                    guardar=not dry_run,
                    avance=barra.update,
                    al_abrir=al_abrir,
                )
        except OSError as error:
            raise CommandError(f"No se puede leer «{archivo}»: {error.strerror}.") from error
        finally:
            barra.close()

        if not resultado.valido:
            errores = resultado.errores
            raise CommandError(
                f"No se importó nada: «{ruta.name}» tiene {len(errores)} "
                f"{'error' if len(errores) == 1 else 'errores'}.\n" + "\n".join(errores)
            )
        conteo = resultado.conteo
        resumen = (
            f"{conteo['nuevas']} nuevas, {conteo['actualizadas']} actualizadas, "
            f"{conteo['sin_cambios']} sin cambios."
        )
        if dry_run:
            self.stdout.write(f"El archivo no tiene errores (prueba, no se guardó nada): {resumen}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Actividades importadas: {resumen}"))

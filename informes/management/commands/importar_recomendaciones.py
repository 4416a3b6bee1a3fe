from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from informes.seguimiento.importar import Accion, recomendaciones_importar


class Command(BaseCommand):
    help = (
        "Importa recomendaciones de la ONU desde una hoja .xlsx o .csv con las columnas "
        "mecanismo, documento, parrafo, fecha, texto, texto_en, temas, ods. Todo o nada: si una "
        "fila tiene un error no se guarda ninguna. Volver a importar actualiza sin duplicar."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="La hoja .xlsx o .csv.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Solo revisa el archivo; no guarda nada."
        )

    def handle(self, *args, archivo, dry_run=False, **options):
        ruta = Path(archivo)
        try:
            with ruta.open("rb") as abierto:
                resultado = recomendaciones_importar(
                    archivo=abierto, nombre=ruta.name, guardar=not dry_run
                )
        except OSError as error:
            raise CommandError(f"No se puede leer «{archivo}»: {error.strerror}.") from error

        if not resultado.valido:
            errores = resultado.errores
            raise CommandError(
                f"No se importó nada: «{ruta.name}» tiene {len(errores)} "
                f"{'error' if len(errores) == 1 else 'errores'}.\n" + "\n".join(errores)
            )
        resumen = (
            f"{resultado.cuenta(Accion.NUEVA)} nuevas, "
            f"{resultado.cuenta(Accion.ACTUALIZA)} actualizadas, "
            f"{resultado.cuenta(Accion.SIN_CAMBIOS)} sin cambios"
        )
        if resultado.documentos_nuevos:
            resumen += "; documentos nuevos: " + ", ".join(resultado.documentos_nuevos)
        if dry_run:
            self.stdout.write(
                f"El archivo no tiene errores (prueba, no se guardó nada): {resumen}."
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Recomendaciones importadas: {resumen}."))

from django.core.management.base import BaseCommand, CommandError

from capacitaciones.hojas.plantilla import plantilla_escribir


class Command(BaseCommand):
    help = "Escribe la plantilla .xlsx para importar actividades, con instrucciones y catálogos."

    def add_arguments(self, parser):
        parser.add_argument(
            "--salida", required=True, help="Archivo .xlsx donde escribir la plantilla."
        )

    def handle(self, *args, salida, **options):
        if not salida.lower().endswith(".xlsx"):
            raise CommandError(
                f"La plantilla es un libro de Excel: «{salida}» debe terminar en .xlsx."
            )
        try:
            plantilla_escribir(salida)
        except OSError as error:
            raise CommandError(f"No se puede escribir «{salida}»: {error.strerror}.") from error
        self.stdout.write(self.style.SUCCESS(f"Plantilla escrita en {salida}."))

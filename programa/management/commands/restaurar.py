from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programa.respaldo import ErrorDeRespaldo, respaldo_restaurar


class Command(BaseCommand):
    help = "Restaura un respaldo de `respaldar` en una base de datos recién creada y migrada."

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path)

    def handle(self, *args, archivo, **options):
        try:
            manifiesto = respaldo_restaurar(origen=archivo)
        except ErrorDeRespaldo as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo del {manifiesto['creado'][:16].replace('T', ' ')} restaurado: "
                f"{sum(manifiesto['registros'].values())} registros y "
                f"{len(manifiesto['archivos'])} archivos."
            )
        )

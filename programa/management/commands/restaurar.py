from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from programa.respaldo import ErrorDeRespaldo, respaldo_restaurar


class Command(BaseCommand):
    help = "Restaura un respaldo de `respaldar` en una base de datos recién creada y migrada."

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path)

    def handle(self, *args, archivo, **options):
        barra = tqdm(
            unit=" filas", file=self.stderr, disable=options["verbosity"] == 0, leave=False
        )

        def avanzar(etiqueta, n):
            barra.set_postfix_str(etiqueta, refresh=False)
            barra.update(n)

        try:
            manifiesto = respaldo_restaurar(origen=archivo, progreso=avanzar)
        except ErrorDeRespaldo as error:
            raise CommandError(str(error)) from None
        finally:
            barra.close()
        filas = sum(t["filas"] for t in manifiesto["tablas"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo del {manifiesto['creado'][:16].replace('T', ' ')} restaurado: "
                f"{filas} filas de {len(manifiesto['tablas'])} tablas y "
                f"{len(manifiesto['archivos'])} archivos."
            )
        )

from django.core.management.base import BaseCommand, CommandError

from informes.seguimiento.propuesta import seguimiento_proponer
from programa.limites import FECHA_PISO, FECHA_TECHO


class Command(BaseCommand):
    help = (
        "Propone el estado de seguimiento de cada recomendación en un año, con las acciones "
        "ligadas (en proceso si hay al menos una realizada en el año; sin avances si no). Lo "
        "confirmado por una persona no se toca."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anio", type=int, required=True, help="AAAA")

    def handle(self, *args, anio, **options):
        if not FECHA_PISO.year <= anio <= FECHA_TECHO.year:
            raise CommandError(
                f"El año {anio} está fuera de rango: escriba uno entre {FECHA_PISO.year} y "
                f"{FECHA_TECHO.year}."
            )
        n = seguimiento_proponer(anio=anio)
        self.stdout.write(
            self.style.SUCCESS(f"Propuesta de {anio}: cambió en {n} recomendaciones.")
        )

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from programa.bitacora import evento_registrar
from programa.models import Evento
from programa.respaldo import respaldo_crear


class Command(BaseCommand):
    help = "Escribe un respaldo completo (registros, historial y archivos subidos) en un .zip."

    def add_arguments(self, parser):
        parser.add_argument(
            "--salida",
            type=Path,
            default=None,
            help="Archivo .zip de destino (por omisión respaldos/respaldo-AAAAMMDD-HHMM.zip).",
        )

    def handle(self, *args, salida=None, **options):
        salida = salida or Path("respaldos") / f"respaldo-{timezone.localtime():%Y%m%d-%H%M}.zip"
        evento_registrar(tipo=Evento.Tipo.RESPALDO, descripcion=f"Respaldo en {salida}")
        barra = tqdm(
            unit=" filas", file=self.stderr, disable=options["verbosity"] == 0, leave=False
        )

        def avanzar(etiqueta, n):
            barra.set_postfix_str(etiqueta, refresh=False)
            barra.update(n)

        try:
            manifiesto = respaldo_crear(destino=salida, progreso=avanzar)
        finally:
            barra.close()
        filas = sum(t["filas"] for t in manifiesto["tablas"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Respaldo escrito en {salida}: {filas} filas de {len(manifiesto['tablas'])} "
                f"tablas y {len(manifiesto['archivos'])} archivos."
            )
        )

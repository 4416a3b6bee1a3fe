from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from capacitaciones.servicios import demo_cargar
from informes.seguimiento.convocatorias import convocatoria_demo_cargar

USUARIO_DEMO = "admin"
CONTRASENA_DEMO = "demo-sndif-2015"


class Command(BaseCommand):
    help = "Carga los hechos de la aportación de México a la OACNUDH (2015) como datos de ejemplo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--administrador",
            action="store_true",
            help=f"Crea también el usuario de demostración «{USUARIO_DEMO}» (solo para probar).",
        )

    def handle(self, *args, administrador=False, **options):
        # Aquí y no en capacitaciones: la convocatoria es de informes, que está arriba.
        with transaction.atomic():
            cuentas = demo_cargar()
            convocatoria_demo_cargar()
        self.stdout.write(
            self.style.SUCCESS(
                "Datos de ejemplo listos: {instituciones} instituciones, {convenios} convenios, "
                "{actividades} actividades, {productos} productos, {documentos_onu} documentos "
                "de la ONU y la convocatoria de la OACNUDH de 2015.".format(**cuentas)
            )
        )
        if administrador:
            usuario, _ = get_user_model().objects.get_or_create(
                username=USUARIO_DEMO, defaults={"is_staff": True, "is_superuser": True}
            )
            usuario.is_staff = usuario.is_superuser = True
            usuario.set_password(CONTRASENA_DEMO)
            usuario.save()
            self.stdout.write(
                f"Entre a http://127.0.0.1:8000/admin/ con el usuario «{USUARIO_DEMO}» y la "
                f"contraseña «{CONTRASENA_DEMO}»."
            )

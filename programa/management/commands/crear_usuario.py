import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programa.models import EntidadFederativa, PerfilUsuario
from programa.roles import ENLACE, POR_CLAVE


class Command(BaseCommand):
    help = (
        "Crea una cuenta con su rol. La contraseña se lee de la entrada estándar (nunca de la "
        "línea de órdenes): se pide dos veces en una terminal, o se toma la primera línea."
    )

    def add_arguments(self, parser):
        parser.add_argument("usuario")
        parser.add_argument("--rol", required=True, choices=sorted(POR_CLAVE))
        parser.add_argument(
            "--entidades",
            default="",
            help="Claves INEGI o nombres separados por comas; obligatorio para enlace-estatal.",
        )
        parser.add_argument("--email", default="")

    def handle(self, *args, usuario, rol, entidades, email, **options):
        Usuario = get_user_model()
        if Usuario.objects.filter(username=usuario).exists():
            raise CommandError(f"El usuario «{usuario}» ya existe.")
        grupo = POR_CLAVE[rol]
        asignadas = self._entidades(entidades)
        if grupo == ENLACE and not asignadas:
            raise CommandError(
                "Un enlace estatal necesita --entidades (por ejemplo --entidades 24)."
            )
        if asignadas and grupo != ENLACE:
            raise CommandError("--entidades solo aplica al rol enlace-estatal.")

        contrasena = self._contrasena()
        try:
            validate_password(contrasena, Usuario(username=usuario, email=email))
        except ValidationError as error:
            raise CommandError("La contraseña no es válida: " + " ".join(error.messages)) from None

        with transaction.atomic():
            cuenta = Usuario.objects.create_user(
                username=usuario,
                email=email,
                password=contrasena,
                is_staff=True,
                is_superuser=False,
            )
            cuenta.groups.add(Group.objects.get(name=grupo))
            if asignadas:
                PerfilUsuario.objects.create(usuario=cuenta).entidades.set(asignadas)
        lugar = f" para {', '.join(e.nombre_corto for e in asignadas)}" if asignadas else ""
        self.stdout.write(self.style.SUCCESS(f"Se creó «{usuario}» con el rol {grupo}{lugar}."))

    def _entidades(self, texto: str) -> list[EntidadFederativa]:
        entidades = []
        for parte in filter(None, (p.strip() for p in texto.split(","))):
            entidad = EntidadFederativa.objects.buscar(parte)
            if entidad is None:
                sugerida = EntidadFederativa.objects.sugerir(parte)
                pista = f"; ¿quiso decir {sugerida}?" if sugerida else ""
                raise CommandError(f"«{parte}» no es una entidad federativa{pista}")
            entidades.append(entidad)
        return entidades

    def _contrasena(self) -> str:
        if sys.stdin.isatty():
            primera = getpass.getpass("Contraseña: ")
            if primera != getpass.getpass("Repítala: "):
                raise CommandError("Las contraseñas no coinciden.")
            return primera
        linea = sys.stdin.readline().rstrip("\n")
        if not linea:
            raise CommandError("Escriba la contraseña en la entrada estándar.")
        return linea

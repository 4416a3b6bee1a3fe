"""Las personas de los recorridos, con su rol (los grupos de programa/roles.py)."""

from django.contrib.auth.models import Group, User

from programa.models import EntidadFederativa, PerfilUsuario
from programa.roles import CAPTURISTA, COORDINACION, ENLACE

CLAVE = "clave-de-prueba-2015"


def _persona(username: str, rol: str, nombre: str) -> User:
    usuario = User.objects.create_user(username, password=CLAVE, is_staff=True, first_name=nombre)
    usuario.groups.add(Group.objects.get(name=rol))
    return usuario


def capturista_nacional(username: str = "capturista") -> User:
    return _persona(username, CAPTURISTA, "Carmen")


def coordinacion_nacional(username: str = "coordinadora") -> User:
    return _persona(username, COORDINACION, "Rosa")


def enlace_estatal(username: str = "enlace-slp", claves: tuple[str, ...] = ("24",)) -> User:
    usuario = _persona(username, ENLACE, "Esteban")
    perfil = PerfilUsuario.objects.create(usuario=usuario)
    perfil.entidades.set(EntidadFederativa.objects.filter(clave__in=claves))
    return usuario

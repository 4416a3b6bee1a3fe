"""Las personas de los recorridos, con los permisos de su papel."""

from django.contrib.auth.models import Permission, User

CLAVE = "clave-de-prueba-2015"

# Mientras no existan los grupos de papeles (issue 6): lo que una capturista nacional hace en
# el admin. Ver para los catálogos que elige en los autocompletados; agregar, cambiar y ver
# para lo que registra.
_CAPTURA = ["convenio", "parteconvenio", "actividad", "participacion", "actividadinstitucion"]
_CAPTURA += ["evidencia"]
_CONSULTA = ["programa", "institucion", "audiencia", "tema", "entidadfederativa", "estrategia"]


def capturista_nacional(username: str = "capturista") -> User:
    usuario = User.objects.create_user(
        username, password=CLAVE, is_staff=True, first_name="Carmen", last_name="Capturista"
    )
    codenames = [
        f"{accion}_{modelo}" for modelo in _CAPTURA for accion in ("add", "change", "view")
    ]
    codenames += [f"view_{modelo}" for modelo in _CONSULTA]
    permisos = Permission.objects.filter(codename__in=codenames)
    assert permisos.count() == len(codenames)
    usuario.user_permissions.set(permisos)
    return usuario

from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProgramaConfig(AppConfig):
    default = True
    name = "programa"
    verbose_name = _("Programa y catálogos")

    def ready(self):
        from django.core import checks

        from programa import bitacora  # noqa: F401  (conecta las señales de acceso)
        from programa.limites import revisar_ajustes

        checks.register(revisar_ajustes)

        post_migrate.connect(_sincronizar_roles, dispatch_uid="programa_roles")
        post_migrate.connect(_crear_tablas_de_cache, sender=self, dispatch_uid="programa_cache")

        from programa import models, versiones

        # Los catálogos se ven en todos los años de los informes: renuevan la versión global.
        versiones.vigilar_global(
            models.EntidadFederativa,
            models.Institucion,
            models.Programa,
            models.Tema,
            models.Audiencia,
            models.Estrategia,
            # Su mecanismo y su documento cambian la cobertura de recomendaciones de todo año.
            models.DocumentoOnu,
            models.Recomendacion,
        )


def _sincronizar_roles(sender, **kwargs):
    """Tras cada migrate, los roles tienen exactamente los permisos de programa/roles.py."""
    from django.contrib.auth.models import Group, Permission

    from programa.roles import roles_sincronizar

    roles_sincronizar(Group, Permission)


def _crear_tablas_de_cache(sender, using="default", **kwargs):
    """La caché en la base (las versiones de los datos, sin configurar) necesita su tabla;
    createcachetable no hace nada si ya existe o si ninguna caché usa la base.

    Tras migrar (una versión nueva del sistema puede contar distinto) o vaciar la base
    (``flush``), nada de lo calculado antes vale: se renueva la versión global.
    """
    from django.core.management import call_command

    from programa.versiones import renovar_todo

    call_command("createcachetable", database=using, verbosity=0)
    renovar_todo()


class SitioAdminConfig(admin_apps.AdminConfig):
    """El admin de Django con el sitio propio del programa (encabezado y orden del índice)."""

    default = False
    default_site = "programa.sitio.SitioAdmin"


class AccesosConfig(AxesConfig):
    """django-axes con nombre en español en el índice del admin (sin él dice «Axes»)."""

    verbose_name = _("Intentos de acceso")

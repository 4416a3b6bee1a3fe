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


def _sincronizar_roles(sender, **kwargs):
    """Tras cada migrate, los roles tienen exactamente los permisos de programa/roles.py."""
    from django.contrib.auth.models import Group, Permission

    from programa.roles import roles_sincronizar

    roles_sincronizar(Group, Permission)


class SitioAdminConfig(admin_apps.AdminConfig):
    """El admin de Django con el sitio propio del programa (encabezado y orden del índice)."""

    default = False
    default_site = "programa.sitio.SitioAdmin"


class AccesosConfig(AxesConfig):
    """django-axes con nombre en español en el índice del admin (sin él dice «Axes»)."""

    verbose_name = _("Intentos de acceso")

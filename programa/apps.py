from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ProgramaConfig(AppConfig):
    default = True
    name = "programa"
    verbose_name = _("Programa y catálogos")


class SitioAdminConfig(admin_apps.AdminConfig):
    """El admin de Django con el sitio propio del programa (encabezado y orden del índice)."""

    default = False
    default_site = "programa.sitio.SitioAdmin"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramaConfig(AppConfig):
    name = "programa"
    verbose_name = _("Programa y catálogos")

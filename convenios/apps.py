from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveniosConfig(AppConfig):
    name = "convenios"
    verbose_name = _("Convenios")

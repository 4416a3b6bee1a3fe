from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacitacionesConfig(AppConfig):
    name = "capacitaciones"
    verbose_name = _("Actividades y productos")

    def ready(self):
        from capacitaciones import senales  # noqa: F401  (avisan a la caché de los informes)

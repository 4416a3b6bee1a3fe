from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveniosConfig(AppConfig):
    name = "convenios"
    verbose_name = _("Convenios")

    def ready(self):
        from convenios.models import Convenio, ParteConvenio
        from programa.versiones import vigilar_global

        # Folios, vigencias y partes se ven en el tablero y en la página de cada entidad.
        vigilar_global(Convenio, ParteConvenio)

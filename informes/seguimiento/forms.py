"""Los filtros de la matriz de seguimiento: dos fechas, en la URL (GET) para compartirla."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from informes.cobertura.filtros import _fecha
from programa.fechas import fecha_corta


class FiltrosMatrizForm(forms.Form):
    desde = _fecha(_("Desde"))
    hasta = _fecha(_("Hasta"))

    def __init__(self, *args, hoy: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.hoy = hoy

    def clean(self):
        datos = super().clean()
        if self.errors:
            return datos
        desde, hasta = datos.get("desde"), datos.get("hasta")
        # Sin fechas, el año en curso: la matriz que se pide a inicio de cada informe.
        datos["desde"] = desde or dt.date((hasta or self.hoy).year, 1, 1)
        datos["hasta"] = hasta or dt.date(datos["desde"].year, 12, 31)
        if datos["hasta"] < datos["desde"]:
            raise forms.ValidationError(
                _("La fecha «Hasta» (%(hasta)s) es anterior a «Desde» (%(desde)s).")
                % {"hasta": fecha_corta(datos["hasta"]), "desde": fecha_corta(datos["desde"])}
            )
        return datos

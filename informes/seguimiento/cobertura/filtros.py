"""Los filtros de la cobertura de recomendaciones: el periodo de la cobertura por entidad (los
mismos campos y mensajes) más el mecanismo y el documento. Viajan en la URL (GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from informes.cobertura.filtros import PeriodoForm
from informes.seguimiento.cobertura.selectores import Filtros
from programa.models import DocumentoOnu, Mecanismo


class FiltrosRecomendacionesForm(PeriodoForm):
    mecanismo = forms.ChoiceField(
        label=_("Mecanismo"),
        required=False,
        choices=[("", _("Todos"))] + Mecanismo.choices,
        error_messages={"invalid_choice": _("El mecanismo «%(value)s» no existe.")},
    )
    documento = forms.ModelChoiceField(
        label=_("Documento"),
        required=False,
        queryset=DocumentoOnu.objects.order_by("simbolo"),
        empty_label=_("Todos"),
        error_messages={"invalid_choice": _("El documento elegido no existe.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documento"].label_from_instance = lambda d: d.simbolo

    def campos_recomendaciones(self):
        return [self["mecanismo"], self["documento"]]

    def clean(self):
        datos = super().clean()
        documento, mecanismo = datos.get("documento"), datos.get("mecanismo")
        if not self.errors and documento and mecanismo and documento.mecanismo != mecanismo:
            # Sin este aviso la página diría «0 recomendaciones», como si no hubiera ninguna.
            raise forms.ValidationError(
                _(
                    "El documento %(simbolo)s es del mecanismo «%(suyo)s», no de «%(elegido)s»: "
                    "quite uno de los dos filtros o elija un documento de ese mecanismo."
                )
                % {
                    "simbolo": documento.simbolo,
                    "suyo": documento.get_mecanismo_display(),
                    "elegido": Mecanismo(mecanismo).label,
                }
            )
        return datos

    def filtros(self, *, entidades: frozenset[str] | None) -> Filtros:
        datos = self.cleaned_data
        return Filtros(
            periodo=datos["periodo"],
            mecanismo=datos.get("mecanismo") or "",
            documento=datos.get("documento"),
            entidades=entidades,
        )

"""Formularios del informe de contribución."""

from django import forms
from django.utils.translation import gettext_lazy as _

from informes.models import InformeContribucion
from programa.revision import FormularioConRevision

TITULO_OACNUDH = (
    "Aportación de México para el informe de la OACNUDH sobre la cuestión de las tecnologías de "
    "la información y las comunicaciones y la explotación sexual infantil"
)


class FechaInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class InformeNuevoForm(forms.ModelForm):
    class Meta:
        model = InformeContribucion
        fields = [
            "titulo",
            "destinatario",
            "desde",
            "hasta",
            "corte",
            "idioma",
            "limite_palabras",
            "programa",
            "temas",
            "convenios",
            "incluir_canceladas",
            "introduccion",
            "cierre",
        ]
        widgets = {"desde": FechaInput(), "hasta": FechaInput(), "corte": FechaInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["titulo"].initial = TITULO_OACNUDH
        for campo in ("desde", "hasta", "corte"):
            self.fields[campo].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
            self.fields[campo].error_messages["invalid"] = _(
                "Escriba una fecha válida, como 2015-06-30 o 30/06/2015."
            )
        self.fields["limite_palabras"].min_value = 1

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and hasta < desde:
            self.add_error("hasta", _("La fecha «hasta» no puede ser anterior a «desde»."))
        return datos


class InformeTextoForm(FormularioConRevision):
    """Lo que se edita de un borrador: título, límite de palabras y el texto.

    Lleva la revisión que se abrió: dos personas con el mismo borrador no se borran el texto.
    """

    class Meta:
        model = InformeContribucion
        fields = ["titulo", "limite_palabras", "introduccion", "cuerpo", "cierre"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for campo in ("introduccion", "cuerpo", "cierre"):
            self.fields[campo].widget.attrs["data-cuenta-palabras"] = ""

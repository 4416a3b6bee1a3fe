"""Formularios del informe de contribución."""

import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from informes.cobertura.periodos import Periodo
from informes.contribucion.documento import Bloque, contar_palabras, texto_a_bloques, texto_plano
from informes.models import Convocatoria, InformeContribucion
from informes.seguimiento.convocatorias import cuerpo_de_respuestas
from programa.revision import FormularioConRevision

TITULO_OACNUDH = (
    "Aportación de México para el informe de la OACNUDH sobre la cuestión de las tecnologías de "
    "la información y las comunicaciones y la explotación sexual infantil"
)


def periodos_rapidos(hoy: dt.date, anios_con_datos: list[int] = ()) -> dict[str, Periodo]:
    """Los periodos de un clic del informe nuevo, con sus semestres: el año en curso, el
    anterior y los más recientes que tienen actividades (hasta diez), del más reciente al más
    antiguo. Quien redacta la aportación de un año pasado lo encuentra sin escribir fechas.

    La clave va en la dirección (``?periodo=2025-S1``): un enlace, sin JavaScript.
    """
    anios = sorted({hoy.year, hoy.year - 1, *list(anios_con_datos)[:10]}, reverse=True)
    rapidos = {}
    for anio in anios:
        rapidos[str(anio)] = Periodo.anio(anio)
        for semestre in (1, 2):
            rapidos[f"{anio}-S{semestre}"] = Periodo.semestre(anio, semestre)
    return rapidos


def periodo_elegido(clave: str) -> Periodo | None:
    """El periodo de «2019» o «2019-S2»: cualquier año plausible, no solo los de la lista."""
    if not (encontrado := re.fullmatch(r"(20[0-9]{2})(?:-S([12]))?", clave.strip())):
        return None
    anio, semestre = int(encontrado[1]), encontrado[2]
    return Periodo.semestre(anio, int(semestre)) if semestre else Periodo.anio(anio)


def campo_limite_palabras() -> forms.IntegerField:
    # Declarado aquí: poner min_value después de construir el campo no agrega el validador.
    return forms.IntegerField(
        label=_("Límite de palabras"),
        required=False,
        min_value=1,
        help_text=InformeContribucion._meta.get_field("limite_palabras").help_text,
        error_messages={
            "min_value": _(
                "El límite de palabras debe ser un número entero mayor que cero, como 3000."
            ),
            "invalid": _("Escriba el límite de palabras solo con cifras, como 3000."),
        },
    )


class FechaInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value):
        # Un <input type="date"> solo admite AAAA-MM-DD; otra cosa (que el navegador nunca
        # envía) se devuelve vacía y el error junto al campo dice qué estaba mal.
        texto = super().format_value(value)
        if texto and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", texto):
            return None
        try:
            return texto and dt.date.fromisoformat(texto).isoformat()
        except ValueError:
            return None


class InformeNuevoForm(forms.ModelForm):
    limite_palabras = campo_limite_palabras()

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
            "convocatoria",
            "introduccion",
            "cierre",
        ]
        # Casillas y no <select multiple>: elegir varios temas o convenios sin Ctrl+clic.
        widgets = {
            "desde": FechaInput(),
            "hasta": FechaInput(),
            "corte": FechaInput(),
            "temas": forms.CheckboxSelectMultiple(attrs={"class": "casillas"}),
            "convenios": forms.CheckboxSelectMultiple(attrs={"class": "casillas"}),
            # Se elige en el tablero («Redactar su informe»), no aquí.
            "convocatoria": forms.HiddenInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["titulo"].initial = TITULO_OACNUDH
        self.fields["convocatoria"].error_messages["invalid_choice"] = _(
            "La convocatoria de este informe ya no existe; elíjala de nuevo en el tablero."
        )
        for campo in ("desde", "hasta", "corte"):
            self.fields[campo].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
            self.fields[campo].error_messages["invalid"] = _(
                "Escriba una fecha válida, como 2015-06-30 o 30/06/2015."
            )

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and hasta < desde:
            self.add_error("hasta", _("La fecha «hasta» no puede ser anterior a «desde»."))
        convocatoria = datos.get("convocatoria")
        if convocatoria and not convocatoria.preguntas.exists():
            self.add_error(
                None,
                _(
                    "La convocatoria «%(titulo)s» no tiene preguntas: agréguelas en la "
                    "administración antes de crear su informe."
                )
                % {"titulo": convocatoria.titulo},
            )
        return datos


AYUDA_TEXTO = _(
    "Párrafos separados por una línea en blanco; viñetas con «- » al inicio del renglón; "
    "un subtítulo con «## » al inicio del renglón."
)


@dataclass
class SeccionEditable:
    """Una sección del texto con su campo, su vista previa y sus palabras, como se ve ahora."""

    campo: forms.BoundField
    bloques: list[Bloque]
    palabras: int


class InformeTextoForm(FormularioConRevision):
    """Lo que se edita de un borrador: título, límite de palabras y el texto, por secciones.

    Lleva la revisión que se abrió: dos personas con el mismo borrador no se borran el texto.
    """

    SECCIONES = ("introduccion", "cuerpo", "cierre")

    limite_palabras = campo_limite_palabras()

    class Meta:
        model = InformeContribucion
        fields = ["titulo", "limite_palabras", "introduccion", "cuerpo", "cierre"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["titulo"].widget.attrs["data-seccion"] = "titulo"
        for campo in self.SECCIONES:
            if campo in self.fields:  # con convocatoria, el cuerpo son las respuestas
                self._preparar_seccion(campo, AYUDA_TEXTO)

    def _preparar_seccion(self, campo: str, ayuda: str) -> None:
        self.fields[campo].help_text = ayuda
        self.fields[campo].widget.attrs.update(
            {
                "data-seccion": campo,
                "aria-describedby": f"ayuda-{campo} palabras-{campo}",
                "rows": 6 if campo in ("introduccion", "cierre") else 12,
            }
        )

    def _valor(self, campo: str) -> str:
        # Con un error, la vista previa muestra lo que se envió, no lo guardado.
        return self[campo].value() or ""

    def palabras_titulo(self) -> int:
        return contar_palabras(self._valor("titulo"))

    def secciones(self) -> list[SeccionEditable]:
        secciones = []
        for campo in self.SECCIONES:
            bloques = texto_a_bloques(self._valor(campo))
            secciones.append(
                SeccionEditable(self[campo], bloques, contar_palabras(texto_plano(bloques)))
            )
        return secciones


# Organismo de la convocatoria -> a quién va dirigido el informe.
DESTINATARIO_DE_ORGANISMO = {
    "oacnudh": InformeContribucion.Destinatario.OACNUDH,
    "comite_derechos_nino": InformeContribucion.Destinatario.CDN,
    "protocolo_venta": InformeContribucion.Destinatario.CDN,
    "relatoria_especial": InformeContribucion.Destinatario.RELATORIA,
    "epu": InformeContribucion.Destinatario.EPU,
}


def inicial_de_convocatoria(convocatoria: Convocatoria) -> dict:
    """Lo que un informe toma de su convocatoria al crearse; quien redacta puede cambiarlo."""
    return {
        "convocatoria": convocatoria.pk,
        "titulo": convocatoria.titulo,
        "destinatario": DESTINATARIO_DE_ORGANISMO.get(
            convocatoria.organismo, InformeContribucion.Destinatario.OTRO
        ),
        "limite_palabras": convocatoria.limite_palabras,
        "idioma": "en" if convocatoria.idiomas == Convocatoria.Idiomas.EN else "es",
    }


class RespuestasForm(InformeTextoForm):
    """El texto de un informe con convocatoria: una caja por respuesta en lugar del cuerpo."""

    class Meta(InformeTextoForm.Meta):
        fields = ["titulo", "limite_palabras", "introduccion", "cierre"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        respuestas = self.instance.respuestas or []
        campos = {}
        for nombre, campo in self.fields.items():
            if nombre == "cierre":
                for r in respuestas:
                    campos[f"respuesta_{r['numero']}"] = forms.CharField(
                        label=_("Respuesta a la pregunta %(n)s") % {"n": r["numero"]},
                        required=False,
                        initial=r["texto"],
                        widget=forms.Textarea,
                    )
            campos[nombre] = campo
        self.fields = campos
        # Cada respuesta es una sección más del editor, con su vista previa y sus palabras; su
        # ayuda es la pregunta que responde.
        self.SECCIONES = (
            "introduccion",
            *(f"respuesta_{r['numero']}" for r in respuestas),
            "cierre",
        )
        for r in respuestas:
            self._preparar_seccion(f"respuesta_{r['numero']}", r["pregunta"] or AYUDA_TEXTO)

    def clean(self):
        datos = super().clean()
        respuestas = [
            r | {"texto": datos.get(f"respuesta_{r['numero']}", r["texto"])}
            for r in self.instance.respuestas or []
        ]
        self.instance.respuestas = respuestas
        self.instance.cuerpo = cuerpo_de_respuestas(respuestas)
        return datos

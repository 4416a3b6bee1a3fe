"""El formulario de filtros de la cobertura: viaja en la URL (GET) para guardarla y compartirla."""

import datetime as dt
from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _

from capacitaciones.models import Actividad
from convenios.models import Convenio
from informes.cobertura.orden import orden_valido
from informes.cobertura.periodos import Periodo
from informes.cobertura.selectores import METRICAS, Filtros
from programa.fechas import fecha_corta
from programa.limites import error_fecha, fecha_maxima, fecha_minima
from programa.models import Programa, Tema

FORMATOS_FECHA = ["%Y-%m-%d", "%d/%m/%Y"]


def _plausible(etiqueta: str):
    """Una fecha de 0001 o 9999 en la URL se rechaza con un mensaje, no se consulta."""

    def validar(fecha):
        if mensaje := error_fecha(fecha):
            raise forms.ValidationError(f"«{etiqueta}»: {mensaje}")

    return validar


# Un valor escrito en la URL que el campo no acepta («dos», «31/12/1999») no cabe en un
# <input type="number"> o type="date": el HTML no sería válido y el navegador lo borraría de
# todos modos. Se omite; el mensaje de error ya lo cita.
class NumeroInput(forms.NumberInput):
    def format_value(self, value):
        texto = super().format_value(value)
        return texto if texto is None or texto.lstrip("-").isdigit() else None


class FechaInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        texto = super().format_value(value)
        try:
            dt.date.fromisoformat(texto or "")
        except ValueError:
            return None
        return texto


class AnioField(forms.IntegerField):
    """Un año entre el de FECHA_MINIMA y el de hoy + 5 años (programa/limites.py)."""

    widget = NumeroInput

    def validate(self, valor):
        super().validate(valor)
        if valor is None:
            return
        if valor < (minimo := fecha_minima().year):
            raise forms.ValidationError(_("El año debe ser %(n)s o posterior.") % {"n": minimo})
        if valor > (maximo := fecha_maxima().year):
            raise forms.ValidationError(_("El año debe ser %(n)s o anterior.") % {"n": maximo})


def _fecha(etiqueta: str) -> forms.DateField:
    return forms.DateField(
        label=etiqueta,
        required=False,
        input_formats=FORMATOS_FECHA,
        validators=[_plausible(etiqueta)],
        widget=FechaInput(format="%Y-%m-%d"),
        error_messages={
            "invalid": _(
                "La fecha «%(campo)s» no es válida: escríbala como AAAA-MM-DD o DD/MM/AAAA."
            )
            % {"campo": etiqueta}
        },
    )


def _opcion(etiqueta: str, queryset, mensaje: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=etiqueta,
        required=False,
        queryset=queryset,
        empty_label=_("Todos"),
        error_messages={"invalid_choice": mensaje},
    )


class PeriodoForm(forms.Form):
    """El periodo de un informe: un año (y, si se quiere, un semestre o un trimestre) o dos
    fechas. Lo comparten la cobertura por entidad y la de recomendaciones: los mismos campos,
    los mismos mensajes y el mismo ``Periodo`` en ``cleaned_data["periodo"]``."""

    anio = AnioField(
        label=_("Año"),
        required=False,
        error_messages={"invalid": _("El año debe ser un número, como 2015.")},
    )
    semestre = forms.TypedChoiceField(
        label=_("Semestre"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Todo el año")), (1, _("Primero")), (2, _("Segundo"))],
        error_messages={"invalid_choice": _("El semestre debe ser 1 o 2.")},
    )
    trimestre = forms.TypedChoiceField(
        label=_("Trimestre"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Todo el año"))] + [(t, f"{t}.º") for t in (1, 2, 3, 4)],
        error_messages={"invalid_choice": _("El trimestre debe ser 1, 2, 3 o 4.")},
    )
    desde = _fecha(_("Desde"))
    hasta = _fecha(_("Hasta"))

    def __init__(self, *args, anio_predeterminado: Callable[[], int], **kwargs):
        super().__init__(*args, **kwargs)
        self._anio_predeterminado = anio_predeterminado

    def campos_periodo(self):
        return [self[nombre] for nombre in ("anio", "semestre", "trimestre", "desde", "hasta")]

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if self.errors:
            return datos
        if datos.get("semestre") and datos.get("trimestre"):
            raise forms.ValidationError(_("Elija un semestre o un trimestre, no los dos."))
        if desde or hasta:
            if not (desde and hasta):
                raise forms.ValidationError(
                    _("Para un rango de fechas escriba las dos: «Desde» y «Hasta».")
                )
            if hasta < desde:
                raise forms.ValidationError(
                    _("La fecha «Hasta» (%(hasta)s) es anterior a «Desde» (%(desde)s).")
                    % {"hasta": fecha_corta(hasta), "desde": fecha_corta(desde)}
                )
            datos["periodo"] = Periodo.entre(desde, hasta)
            return datos
        anio = datos.get("anio") or self._anio_predeterminado()
        datos["anio"] = anio
        if datos.get("semestre"):
            datos["periodo"] = Periodo.semestre(anio, datos["semestre"])
        elif datos.get("trimestre"):
            datos["periodo"] = Periodo.trimestre(anio, datos["trimestre"])
        else:
            datos["periodo"] = Periodo.anio(anio)
        return datos


class FiltrosCoberturaForm(PeriodoForm):
    tipo = forms.ChoiceField(
        label=_("Tipo"),
        required=False,
        choices=[("", _("Todos"))] + Actividad.Tipo.choices,
        error_messages={"invalid_choice": _("El tipo «%(value)s» no existe.")},
    )
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos"))] + Actividad.Estado.choices,
        error_messages={"invalid_choice": _("El estado «%(value)s» no existe.")},
    )
    tema = _opcion(_("Tema"), Tema.objects.all(), _("El tema elegido no existe."))
    convenio = _opcion(
        _("Convenio"), Convenio.objects.order_by("folio"), _("El convenio elegido no existe.")
    )
    programa = _opcion(_("Programa"), Programa.objects.all(), _("El programa elegido no existe."))
    metrica = forms.ChoiceField(
        label=_("Colorear el mapa por"),
        required=False,
        choices=list(METRICAS.items()),
        error_messages={"invalid_choice": _("No hay una métrica «%(value)s» para el mapa.")},
    )

    # Qué filas y en qué orden: no cambian los números, se aplican después del selector.
    sin_cobertura = forms.BooleanField(
        label=_("Solo entidades sin actividades realizadas"), required=False
    )
    orden = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convenio"].label_from_instance = lambda c: c.folio

    def campos_actividades(self):
        nombres = ("tipo", "estado", "tema", "convenio", "programa", "metrica", "sin_cobertura")
        return [self[n] for n in nombres]

    def clean_orden(self) -> str:
        # Un orden desconocido (un enlace viejo, una URL tecleada) es el orden INEGI, no un error.
        return orden_valido(self.cleaned_data.get("orden"))

    def filtros(self) -> Filtros:
        datos = self.cleaned_data
        return Filtros(
            periodo=datos["periodo"],
            tipo=datos.get("tipo") or "",
            estado=datos.get("estado") or "",
            tema=datos.get("tema"),
            convenio=datos.get("convenio"),
            programa=datos.get("programa"),
        )

    @property
    def metrica_elegida(self) -> str:
        return (self.is_valid() and self.cleaned_data.get("metrica")) or "realizadas"


def periodo_de_fechas(desde: str, hasta: str) -> Periodo:
    """Para la línea de órdenes: dos fechas AAAA-MM-DD. ValueError con un mensaje claro."""
    fechas = []
    for nombre, texto in (("--desde", desde), ("--hasta", hasta)):
        if not texto:
            raise ValueError(f"Falta {nombre} AAAA-MM-DD.")
        try:
            fechas.append(dt.date.fromisoformat(texto))
        except ValueError:
            raise ValueError(
                f"{nombre} «{texto}» no es una fecha válida; escríbala como AAAA-MM-DD, "
                "por ejemplo 2015-01-01."
            ) from None
    for nombre, fecha in zip(("--desde", "--hasta"), fechas, strict=True):
        if mensaje := error_fecha(fecha):
            raise ValueError(f"{nombre}: {mensaje}")
    if fechas[1] < fechas[0]:
        raise ValueError(f"--hasta ({hasta}) es anterior a --desde ({desde}).")
    return Periodo.entre(*fechas)


class AnioForm(forms.Form):
    """El año del tablero (se compara con el anterior)."""

    anio = PeriodoForm.base_fields["anio"]

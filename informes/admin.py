import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.validators import MinValueValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from capacitaciones.models import Actividad
from informes.models import Convocatoria, InformeContribucion, PreguntaConvocatoria
from informes.seguimiento.propuesta import (
    estado_propuesto,
    recomendaciones_con_acciones,
    seguimiento_confirmar_propuesto,
    seguimiento_proponer,
)
from programa.models import Recomendacion, SeguimientoRecomendacion
from programa.sitio import HistorialAdmin, RevisionAdmin


@admin.register(InformeContribucion)
class InformeContribucionAdmin(RevisionAdmin, admin.ModelAdmin):
    """Lista y datos del informe; el texto se edita en su página (enlace «Abrir»)."""

    list_display = [
        "titulo",
        "version",
        "idioma",
        "desde",
        "hasta",
        "estado",
        "finalizado_por",
        "finalizado",
        "abrir",
    ]
    list_filter = ["estado", "idioma", "destinatario"]
    list_select_related = ["finalizado_por"]
    show_full_result_count = False
    search_fields = ["titulo"]
    filter_horizontal = ["temas", "convenios"]
    readonly_fields = ["estado", "version", "origen", "finalizado_por", "finalizado", "suma_sha256"]
    exclude = ["hechos", "creado_por"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("docx", "pdf", "hechos", "instantanea")

    def get_readonly_fields(self, request, obj=None):
        # Las respuestas se redactaron para su convocatoria: cambiarla es crear otro informe.
        if obj is not None:
            return [*self.readonly_fields, "convocatoria"]
        return self.readonly_fields

    @admin.display(description=_("página"))
    def abrir(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("informes:contribucion_detalle", args=[obj.pk]),
            _("Abrir"),
        )

    def has_change_permission(self, request, obj=None):
        # Un final se puede ver, no cambiar.
        if obj is not None and obj.es_final:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.es_final:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.creado_por = request.user
        obj.modificado_por = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            from informes.contribucion.servicios import informe_generar

            informe_generar(informe=form.instance)


class PreguntaForm(forms.ModelForm):
    tipos = forms.TypedMultipleChoiceField(
        label=_("tipos de actividad"),
        choices=Actividad.Tipo.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "casillas"}),
        help_text=_("Vacío: cualquier tipo."),
    )

    class Meta:
        model = PreguntaConvocatoria
        fields = [
            "numero",
            "texto",
            "texto_en",
            "temas",
            "tipos",
            "audiencias",
            "recomendaciones",
        ]
        widgets = {
            "texto": forms.Textarea(attrs={"rows": 3}),
            "texto_en": forms.Textarea(attrs={"rows": 3}),
            "temas": forms.CheckboxSelectMultiple(attrs={"class": "casillas"}),
            "audiencias": forms.CheckboxSelectMultiple(attrs={"class": "casillas"}),
        }
        help_texts = {
            "temas": _("Vacío: cualquier tema."),
            "audiencias": _("Vacío: cualquier audiencia."),
            "recomendaciones": _(
                "Vacío: no importa a qué recomendación respondan. Con alguna, solo lo que está "
                "vinculado a ella."
            ),
        }


class PreguntaFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        vigentes = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if len(vigentes) > 1:
            sin_texto = sorted(d["numero"] for d in vigentes if not d.get("texto", "").strip())
            if sin_texto:
                raise forms.ValidationError(
                    _(
                        "Con varias preguntas, cada una necesita su texto (es el encabezado de "
                        "su respuesta); falta en la pregunta %(numeros)s."
                    )
                    % {"numeros": ", ".join(str(n) for n in sin_texto)}
                )


class PreguntaInline(admin.StackedInline):
    model = PreguntaConvocatoria
    form = PreguntaForm
    formset = PreguntaFormSet
    extra = 1

    filter_horizontal = ["recomendaciones"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).prefetch_related("temas", "audiencias", "recomendaciones")
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "recomendaciones":
            kwargs["queryset"] = Recomendacion.objects.select_related("documento")
        campo = super().formfield_for_manytomany(db_field, request, **kwargs)
        # Las opciones se leen una vez por petición para todas las preguntas (el admin arma el
        # formset más de una vez), no una por renglón; iter() evita el COUNT de len().
        leidas = request.__dict__.setdefault("_opciones_preguntas", {})
        if db_field.name not in leidas:
            leidas[db_field.name] = list(iter(campo.choices))
        campo.choices = leidas[db_field.name]
        return campo


@admin.register(Convocatoria)
class ConvocatoriaAdmin(RevisionAdmin, admin.ModelAdmin):
    """Convocatorias con sus preguntas; el informe se redacta desde el tablero.

    Con bloqueo optimista: dos personas que abren la misma convocatoria no se pisan (tampoco
    en las preguntas, que cambian los informes que se redacten después).
    """

    list_display = ["titulo", "organismo", "referencia", "fecha_limite", "limite_palabras"]
    list_filter = ["organismo", "idiomas"]
    search_fields = ["titulo", "referencia"]
    date_hierarchy = "fecha_limite"
    show_full_result_count = False
    inlines = [PreguntaInline]
    fields = [
        "organismo",
        "referencia",
        "titulo",
        "fecha_limite",
        "limite_palabras",
        "idiomas",
        "cuerpo",
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        campo = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "limite_palabras":
            # Declarado en el modelo como positivo (admite 0): aquí, desde 1, con un mensaje claro.
            campo.min_value = 1
            campo.widget.attrs["min"] = 1
            campo.validators = [
                *(v for v in campo.validators if not isinstance(v, MinValueValidator)),
                MinValueValidator(1),
            ]
            campo.error_messages["min_value"] = _(
                "El límite de palabras debe ser un número entero mayor que cero, como 3000."
            )
        return campo


@admin.register(SeguimientoRecomendacion)
class SeguimientoRecomendacionAdmin(HistorialAdmin):
    """El seguimiento anual de cada recomendación: lo que propone el sistema (ver la regla en
    informes/seguimiento/propuesta.py) y lo que una persona confirma."""

    list_display = [
        "recomendacion",
        "anio",
        "estado_propuesto",
        "estado",
        "confirmado_por",
        "confirmado_en",
    ]
    list_filter = ["anio", "estado", "estado_propuesto", "recomendacion__documento__mecanismo"]
    list_select_related = ["recomendacion__documento", "confirmado_por"]
    search_fields = ["recomendacion__documento__simbolo", "recomendacion__parrafo"]
    autocomplete_fields = ["recomendacion"]
    readonly_fields = ["estado_propuesto", "confirmado_por", "confirmado_en"]
    fields = ["recomendacion", "anio", *readonly_fields, "estado", "nota"]
    actions = ["confirmar_lo_propuesto", "volver_a_proponer"]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("recomendacion__documento", "confirmado_por")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "recomendacion":  # la elegida se nombra con su documento
            kwargs["queryset"] = Recomendacion.objects.select_related("documento")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if "estado" in form.changed_data or not change:
            # Quien escribe el estado es quien lo confirma; vacío, vuelve a estar sin confirmar.
            obj.confirmado_por = request.user if obj.estado else None
            obj.confirmado_en = timezone.now() if obj.estado else None
        if not change:
            con_acciones = recomendaciones_con_acciones(
                dt.date(obj.anio, 1, 1), dt.date(obj.anio, 12, 31)
            )
            obj.estado_propuesto = estado_propuesto(obj.recomendacion_id, con_acciones)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Confirmar lo propuesto"), permissions=["change"])
    def confirmar_lo_propuesto(self, request, queryset):
        n = seguimiento_confirmar_propuesto(seguimientos=queryset, usuario=request.user)
        omitidas = queryset.count() - n
        self.message_user(
            request,
            ngettext(
                "Se confirmó lo propuesto en %(n)d recomendación.",
                "Se confirmó lo propuesto en %(n)d recomendaciones.",
                n,
            )
            % {"n": n}
            + (
                " "
                + ngettext(
                    "%(m)d ya estaba confirmada o no tenía propuesta y no se cambió.",
                    "%(m)d ya estaban confirmadas o no tenían propuesta y no se cambiaron.",
                    omitidas,
                )
                % {"m": omitidas}
                if omitidas
                else ""
            ),
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Volver a proponer con las acciones ligadas"), permissions=["change"]
    )
    def volver_a_proponer(self, request, queryset):
        anios = sorted(set(queryset.values_list("anio", flat=True)))
        n = 0
        for anio in anios:
            n += seguimiento_proponer(
                anio=anio,
                recomendaciones=Recomendacion.objects.filter(
                    seguimientos__in=queryset.filter(anio=anio)
                ),
                usuario=request.user,
            )
        self.message_user(
            request,
            ngettext(
                "Cambió la propuesta de %(n)d recomendación.",
                "Cambió la propuesta de %(n)d recomendaciones.",
                n,
            )
            % {"n": n},
            messages.SUCCESS,
        )

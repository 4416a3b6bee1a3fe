import datetime as dt
import hashlib
import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from capacitaciones.hojas.admin import HojasActividadesAdminMixin
from capacitaciones.models import (
    Actividad,
    ActividadInstitucion,
    Evidencia,
    Participacion,
    Producto,
    desglose_actividad_errores,
)
from capacitaciones.servicios import (
    actividad_duplicar,
    actividad_renglones_restaurar,
    actividad_restaurar,
    actividades_eliminadas,
)
from convenios.models import Convenio
from programa import versiones
from programa.alcance import entidades_asignadas
from programa.fechas import texto_corto
from programa.formularios import CampoCifra
from programa.limites import participantes_maximo
from programa.models import EntidadFederativa, Programa
from programa.sitio import (
    AlcanceEstatalAdmin,
    FiltroDesplegable,
    HistorialAdmin,
    InlinePrecargado,
    PaginadorEstimado,
    RevisionAdmin,
)


def opciones_de_la_lista(request, nombre: str, calcular):
    """Opciones de un filtro de la lista que son iguales para todos, guardadas en la caché bajo
    las versiones de datos (la global y la de cada año con actividades): guardar una actividad o
    un convenio las renueva al confirmarse, y nunca se muestra una opción vieja.

    Los años salen de MIN/MAX por índice (una consulta) y las versiones, de una lectura; sin
    caché, preguntar si hay actividades en cada año tardaba 15 ms con un millón.
    """
    if not hasattr(request, "_versiones_lista_actividades"):
        anios = Actividad.objects.rango_de_anios()
        firma = ":".join(versiones.versiones(anios))
        request._versiones_lista_actividades = (
            anios,
            hashlib.sha256(f"{anios.start}:{anios.stop}:{firma}".encode()).hexdigest(),
        )
    anios, firma = request._versiones_lista_actividades
    clave = f"admin:actividades:{nombre}:{firma}"
    opciones = cache.get(clave)
    if opciones is None:
        opciones = calcular(anios)
        cache.set(clave, opciones, timeout=24 * 60 * 60)
    return opciones


class AnioFilter(admin.SimpleListFilter):
    """Año en que ocurre la actividad: cuenta si su periodo toca ese año (como en los informes)."""

    title = _("año")
    parameter_name = "anio"

    def lookups(self, request, model_admin):
        # Solo los años con alguna actividad, no todos los que hay entre la primera y la última.
        anios = opciones_de_la_lista(request, "anios", Actividad.objects.anios_con_datos_entre)
        return [(str(anio), str(anio)) for anio in anios]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not re.fullmatch(r"(19|20|21)[0-9]{2}", self.value()):
            raise IncorrectLookupParameters(_("El año debe tener cuatro cifras, como 2015."))
        anio = int(self.value())
        return queryset.en_periodo(dt.date(anio, 1, 1), dt.date(anio, 12, 31))


class EntidadFilter(admin.SimpleListFilter):
    title = _("entidad federativa")
    parameter_name = "entidad"

    def lookups(self, request, model_admin):
        entidades = EntidadFederativa.objects.all()
        if (claves := entidades_asignadas(request.user)) is not None:
            entidades = entidades.filter(clave__in=claves)
        return [(e.clave, e.nombre_corto) for e in entidades]

    def queryset(self, request, queryset):
        if self.value():
            # EXISTS, no JOIN: la actividad aparece una vez y el índice (entidad, actividad)
            # de la tabla intermedia resuelve la entidad.
            return queryset.en_entidades([self.value()])
        return queryset


class ConvenioFilter(FiltroDesplegable):
    """Cientos de convenios: una lista desplegable, con el mismo parámetro que el filtro de
    Django (los enlaces guardados siguen sirviendo)."""

    title = _("convenio")
    parameter_name = "convenio__id__exact"

    SIN_CONVENIO = "sin"

    def lookups(self, request, model_admin):
        convenios = opciones_de_la_lista(
            request,
            "convenios",
            lambda _anios: [(c.pk, str(c)) for c in Convenio.objects.only("folio", "titulo")],
        )
        return [(self.SIN_CONVENIO, _("Sin convenio")), *convenios]

    def filtrar(self, queryset, valor):
        if valor == self.SIN_CONVENIO:
            return queryset.filter(convenio__isnull=True)
        if not valor.isdigit() or len(valor) > 18:
            raise IncorrectLookupParameters(_("El convenio debe ser un número de registro."))
        return queryset.filter(convenio_id=int(valor))


def avisar_archivos_por_adjuntar(request, inline_admin_formsets) -> None:
    """Tras un error, junto a cada campo de archivo: el navegador no vuelve a enviar el archivo.

    Django no puede volver a llenar un <input type="file">; sin este aviso el archivo se pierde
    en silencio al corregir el error y guardar.
    """
    for inline in inline_admin_formsets:
        for form in inline.formset.forms:
            for nombre, campo in form.fields.items():
                archivo = request.FILES.get(form.add_prefix(nombre))
                # Un archivo rechazado ya tiene su motivo junto al campo; este aviso es para
                # los buenos, que se pierden por un error en otro lado.
                if (
                    archivo is not None
                    and isinstance(campo, forms.FileField)
                    and nombre not in form.errors
                ):
                    form.add_error(
                        nombre,
                        _(
                            "Adjunte de nuevo «%(nombre)s»: el navegador no conserva los "
                            "archivos cuando hay un error."
                        )
                        % {"nombre": archivo.name},
                    )


class ParticipacionFormSet(BaseInlineFormSet):
    """El desglose de toda la actividad se revisa aquí, con las audiencias que se guardan."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        filas = [
            (
                f.cleaned_data.get("total"),
                f.cleaned_data.get("mujeres"),
                f.cleaned_data.get("hombres"),
            )
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        errores = desglose_actividad_errores(self.instance.mujeres, self.instance.hombres, filas)
        if errores:
            raise ValidationError(errores)


class ParticipacionInline(InlinePrecargado, admin.TabularInline):
    model = Participacion
    formset = ParticipacionFormSet
    # Un renglón vacío a la vista; si no se toca, Django no lo valida ni lo guarda.
    extra = 1
    autocomplete_fields = ["audiencia"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("total", "mujeres", "hombres"):
            kwargs["form_class"] = CampoCifra
        campo = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("total", "mujeres", "hombres"):
            # El navegador avisa antes de enviar; el validador del modelo da el mensaje.
            campo.widget.attrs["max"] = participantes_maximo()
        return campo


class ActividadInstitucionInline(InlinePrecargado, admin.TabularInline):
    model = ActividadInstitucion
    extra = 0
    autocomplete_fields = ["institucion"]


class EvidenciaInline(admin.TabularInline):
    model = Evidencia
    extra = 1
    fields = ["tipo", "archivo", "descripcion", "subida"]
    readonly_fields = ["subida"]


@admin.register(Actividad)
class ActividadAdmin(
    HojasActividadesAdminMixin, RevisionAdmin, AlcanceEstatalAdmin, HistorialAdmin
):
    # Lo que cabe en 1,366 px con el menú lateral y los filtros: el tipo y el convenio quedan
    # en los filtros y en la exportación.
    list_display = [
        "folio",
        "titulo",
        "estado",
        "fecha",
        "lista_entidades",
        "participantes",
    ]
    list_display_links = ["folio", "titulo"]
    list_filter = [AnioFilter, EntidadFilter, "tipo", "estado", "temas", ConvenioFilter, "programa"]
    list_select_related = ["convenio"]
    # Buscada con los índices de trigramas de la migración 0004 (en PostgreSQL).
    search_fields = ["folio", "titulo", "sede"]
    # Sin date_hierarchy: repetía el filtro de año (por fecha de inicio en vez de por traslape)
    # y sus años salían de un SELECT DISTINCT sobre toda la tabla (200 ms con un millón).
    autocomplete_fields = [
        "programa",
        "convenio",
        "estrategia",
        "temas",
        "entidades",
        "entidades_participantes",
        "recomendaciones",
    ]
    inlines = [ParticipacionInline, ActividadInstitucionInline, EvidenciaInline]
    actions = ["marcar_realizadas", "duplicar"]
    show_full_result_count = False
    # 50 filas y no las 100 de Django: cada fila pasa por items_for_result del admin (0.23 ms
    # por fila); con 100 la página tardaba 40 ms y con 50, 28 ms con un millón de actividades.
    list_per_page = 50
    # Ningún COUNT(*) de un millón por página: total estimado sin filtros, acotado con filtros.
    paginator = PaginadorEstimado
    fieldsets = [
        (None, {"fields": ["folio", "tipo", "titulo", "descripcion", "proposito", "publico"]}),
        (
            _("Estado y fechas"),
            {"fields": ["estado", "motivo", "precision", "fecha_inicio", "fecha_fin"]},
        ),
        (_("Dónde"), {"fields": ["modalidad", "sede", "entidades", "entidades_participantes"]}),
        (
            _("Mujeres y hombres de toda la actividad"),
            {
                "fields": ["mujeres", "hombres"],
                "description": _(
                    "Si la lista de asistencia da el desglose por audiencia, escríbalo en cada "
                    "audiencia (abajo) y deje esto vacío."
                ),
            },
        ),
        (
            _("Marco"),
            {"fields": ["programa", "convenio", "estrategia", "temas", "recomendaciones"]},
        ),
        (
            _("En inglés (para informes)"),
            {
                "fields": [
                    "titulo_en",
                    "descripcion_en",
                    "proposito_en",
                    "publico_en",
                    "motivo_en",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("entidades", "participaciones")

    def get_changeform_initial_data(self, request):
        """Lo que no hay que elegir: la única entidad del enlace y el único programa."""
        inicial = super().get_changeform_initial_data(request)
        claves = entidades_asignadas(request.user)
        if "entidades" not in inicial and claves is not None and len(claves) == 1:
            inicial["entidades"] = list(claves)
        if "programa" not in inicial:
            programas = list(Programa.objects.values_list("pk", flat=True)[:2])
            if len(programas) == 1:
                inicial["programa"] = programas[0]
        return inicial

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and request.FILES:
            avisar_archivos_por_adjuntar(request, context.get("inline_admin_formsets", ()))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def restaurar_relacionadas(self, request, actividad, version):
        omitidos = actividad_renglones_restaurar(
            actividad=actividad, version=version, usuario=request.user
        )
        if omitidos:
            self.message_user(
                request,
                ngettext(
                    "%(n)d renglón de participación o instituciones de esa versión no volvió "
                    "porque su audiencia o institución ya no existe; agréguelo de nuevo.",
                    "%(n)d renglones de participación o instituciones de esa versión no "
                    "volvieron porque su audiencia o institución ya no existe; agréguelos de "
                    "nuevo.",
                    omitidos,
                )
                % {"n": omitidos},
                messages.WARNING,
            )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("mujeres", "hombres"):
            kwargs["form_class"] = CampoCifra  # «1.000» no es una persona
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        return [
            path(
                "eliminadas/",
                self.admin_site.admin_view(self.eliminadas_view),
                name="capacitaciones_actividad_eliminadas",
            ),
            *super().get_urls(),
        ]

    def eliminadas_view(self, request):
        """Actividades borradas, con el botón para restaurarlas (solo alcance nacional)."""
        if entidades_asignadas(request.user) is not None or not (
            self.has_add_permission(request) and self.has_change_permission(request)
        ):
            raise PermissionDenied
        if request.method == "POST":
            try:
                actividad = actividad_restaurar(
                    actividad_id=int(request.POST.get("actividad", "")), usuario=request.user
                )
            except (ValueError, Actividad.historial.model.DoesNotExist) as error:
                raise Http404(_("Esa actividad no está entre las eliminadas.")) from error
            self.log_addition(request, actividad, _("Restaurada desde el historial."))
            self.message_user(
                request,
                _("Se restauró la actividad %(folio)s con su participación y evidencias.")
                % {"folio": actividad.folio},
                messages.SUCCESS,
            )
            return redirect("admin:capacitaciones_actividad_change", actividad.pk)
        contexto = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Actividades eliminadas"),
            "eliminadas": actividades_eliminadas()[:200],
        }
        return TemplateResponse(request, "admin/capacitaciones/actividad/eliminadas.html", contexto)

    @admin.display(description=_("fecha"), ordering="fecha_inicio")
    def fecha(self, actividad):
        return texto_corto(actividad.fecha_inicio, actividad.fecha_fin, actividad.precision)

    @admin.display(description=_("entidades"))
    def lista_entidades(self, actividad):
        return ", ".join(e.nombre_corto for e in actividad.entidades.all()) or "—"

    @admin.display(description=_("participantes"))
    def participantes(self, actividad):
        return actividad.total_participantes

    @admin.action(description=_("Marcar como realizadas"), permissions=["change"])
    def marcar_realizadas(self, request, queryset):
        hoy = timezone.localdate()
        marcadas = futuras = canceladas = ajenas = 0
        with transaction.atomic():
            for actividad in queryset.select_for_update(of=("self",)):
                if actividad.estado == Actividad.Estado.REALIZADA:
                    continue
                if not self.has_change_permission(request, actividad):
                    ajenas += 1  # de otra entidad además de las suyas
                elif actividad.estado == Actividad.Estado.CANCELADA:
                    canceladas += 1
                elif actividad.fecha_inicio > hoy:
                    futuras += 1
                else:
                    actividad.estado = Actividad.Estado.REALIZADA
                    actividad.save(update_fields=["estado"])
                    self.log_change(request, actividad, _("Marcada como realizada."))
                    marcadas += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d actividad marcada como realizada.",
                "%(n)d actividades marcadas como realizadas.",
                marcadas,
            )
            % {"n": marcadas},
            messages.SUCCESS,
        )
        if futuras:
            self.message_user(
                request,
                ngettext(
                    "%(n)d no se marcó: su fecha aún no llega.",
                    "%(n)d no se marcaron: su fecha aún no llega.",
                    futuras,
                )
                % {"n": futuras},
                messages.WARNING,
            )
        if ajenas:
            self.message_user(
                request,
                ngettext(
                    "%(n)d no se marcó: también es de una entidad que no tiene asignada.",
                    "%(n)d no se marcaron: también son de entidades que no tiene asignadas.",
                    ajenas,
                )
                % {"n": ajenas},
                messages.WARNING,
            )
        if canceladas:
            self.message_user(
                request,
                ngettext(
                    "%(n)d no se marcó porque está cancelada; cambie su estado en la actividad.",
                    "%(n)d no se marcaron porque están canceladas; cambie su estado en cada una.",
                    canceladas,
                )
                % {"n": canceladas},
                messages.WARNING,
            )

    @admin.action(description=_("Duplicar (para registrarla en otra entidad)"), permissions=["add"])
    def duplicar(self, request, queryset):
        copias = []
        for actividad in queryset:
            copia = actividad_duplicar(original=actividad, usuario=request.user)
            mensaje = _("Duplicada de %(folio)s.") % {"folio": actividad.folio}
            self.log_addition(request, copia, mensaje)
            copias.append(copia)
        if len(copias) == 1:
            self.message_user(
                request,
                _("Se creó la copia %(folio)s. Elija sus entidades y revise sus fechas.")
                % {"folio": copias[0].folio},
                messages.SUCCESS,
            )
            return redirect("admin:capacitaciones_actividad_change", copias[0].pk)
        self.message_user(
            request,
            _("Se crearon %(n)d copias (sin entidades ni evidencias): %(folios)s.")
            % {"n": len(copias), "folios": ", ".join(c.folio for c in copias)},
            messages.SUCCESS,
        )
        return None


@admin.register(Producto)
class ProductoAdmin(RevisionAdmin, AlcanceEstatalAdmin, HistorialAdmin):
    list_display = ["nombre", "tipo", "convenio", "actividad", "fecha"]
    campo_entidades = "entidades_difusion"
    list_filter = ["tipo", "convenio", "entidades_difusion"]
    list_select_related = ["convenio", "actividad"]
    search_fields = ["nombre", "descripcion"]
    autocomplete_fields = [
        "convenio",
        "actividad",
        "temas",
        "entidades_difusion",
        "audiencias",
        "recomendaciones",
    ]
    show_full_result_count = False
    # 50 filas y no las 100 de Django: cada fila pasa por items_for_result del admin (0.23 ms
    # por fila); con 100 la página tardaba 40 ms y con 50, 28 ms con un millón de actividades.
    list_per_page = 50

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "actividad":  # un enlace solo liga actividades de sus entidades
            kwargs["queryset"] = Actividad.objects.visibles_para(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from convenios.models import Convenio, ParteConvenio
from convenios.servicios import convenio_partes_restaurar, partes_en_version
from programa.sitio import HistorialAdmin, InlinePrecargado, RevisionAdmin


class EstadoConvenioFilter(admin.SimpleListFilter):
    """Vigente, por vencer o vencido: se calcula con las fechas, igual que Convenio.estado()."""

    title = _("estado")
    parameter_name = "estado"

    def lookups(self, request, model_admin):
        return Convenio.Estado.choices

    def queryset(self, request, queryset):
        consultas = {
            Convenio.Estado.VIGENTE: queryset.vigentes,
            Convenio.Estado.POR_VENCER: queryset.por_vencer,
            Convenio.Estado.VENCIDO: queryset.vencidos,
        }
        consulta = consultas.get(self.value())
        return consulta() if consulta else queryset


class ParteConvenioInline(InlinePrecargado, admin.TabularInline):
    model = ParteConvenio
    extra = 0
    min_num = 1
    autocomplete_fields = ["institucion"]


@admin.register(Convenio)
class ConvenioAdmin(RevisionAdmin, HistorialAdmin):
    list_display = ["folio", "titulo", "tipo", "fecha_firma", "vigencia_fin", "estado", "partes"]
    list_display_links = ["folio", "titulo"]
    list_filter = [EstadoConvenioFilter, "tipo", "programa"]
    list_select_related = ["programa"]
    search_fields = [
        "folio",
        "titulo",
        "partes__institucion__nombre",
        "partes__institucion__siglas",
    ]
    date_hierarchy = "fecha_firma"
    autocomplete_fields = ["programa", "recomendaciones"]
    inlines = [ParteConvenioInline]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["folio", "tipo", "titulo", "objeto", "programa"]}),
        (_("Fechas"), {"fields": ["fecha_firma", "vigencia_inicio", "vigencia_fin"]}),
        (_("Documento y notas"), {"fields": ["documento", "notas"]}),
        (_("Recomendaciones que atiende"), {"fields": ["recomendaciones"]}),
        (
            _("En inglés (para informes)"),
            {"fields": ["titulo_en", "objeto_en"], "classes": ["collapse"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("partes__institucion")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "GET":
            version = Convenio.historial.filter(id=object_id, history_id=version_id).first()
            if version is not None:
                partes = "; ".join(
                    f"{r.institucion.nombre_corto} ({r.get_rol_display()})"
                    for r in partes_en_version(version)
                )
                self.message_user(
                    request,
                    _("Las partes de esta versión, que vuelven con ella: %(partes)s.")
                    % {"partes": partes or _("ninguna")},
                    messages.INFO,
                )
        return super().history_form_view(request, object_id, version_id, extra_context)

    def restaurar_relacionadas(self, request, convenio, version):
        omitidas = convenio_partes_restaurar(
            convenio=convenio, version=version, usuario=request.user
        )
        if omitidas:
            self.message_user(
                request,
                _(
                    "%(n)d parte de esa versión no volvió porque su institución ya no existe; "
                    "agréguela de nuevo."
                )
                % {"n": omitidas},
                messages.WARNING,
            )

    @admin.display(description=_("estado"))
    def estado(self, convenio):
        estado = convenio.estado()
        return format_html('<span class="estado-{}">{}</span>', estado.value, estado.label)

    @admin.display(description=_("partes"))
    def partes(self, convenio):
        return ", ".join(p.institucion.nombre_corto for p in convenio.partes.all())

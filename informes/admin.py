from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from informes.models import InformeContribucion
from programa.sitio import RevisionAdmin


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

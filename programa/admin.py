from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programa.alcance import entidades_asignadas
from programa.bitacora import sesiones_cerrar
from programa.models import (
    Audiencia,
    EntidadFederativa,
    Estrategia,
    Evento,
    Institucion,
    PerfilUsuario,
    Programa,
    Tema,
)
from programa.sitio import HistorialAdmin, RevisionAdmin
from programa.texto import normalizar


@admin.register(EntidadFederativa)
class EntidadFederativaAdmin(HistorialAdmin):
    list_display = ["clave", "nombre", "nombre_corto", "iso_3166_2", "renapo", "abreviatura"]
    search_fields = ["clave", "nombre", "nombre_corto"]
    readonly_fields = ["clave"]

    def has_add_permission(self, request):
        return False  # las 32 entidades vienen de la migración

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        entidades = super().get_queryset(request)
        if (claves := entidades_asignadas(request.user)) is not None:
            entidades = entidades.filter(clave__in=claves)  # también en el autocompletado
        return entidades

    def get_search_results(self, request, queryset, search_term):
        """Busca también por alias, ISO, RENAPO o abreviatura, sin importar acentos ("cdmx")."""
        buscado = normalizar(search_term)
        if not buscado:
            return queryset, False
        claves = [
            e.clave
            for e in EntidadFederativa.objects.all()
            if any(buscado in normalizar(forma) for forma in e.formas())
        ]
        return queryset.filter(clave__in=claves), False


@admin.register(Institucion)
class InstitucionAdmin(RevisionAdmin, HistorialAdmin):
    list_display = ["nombre", "siglas", "tipo", "entidad", "vigente_hasta", "sucesora"]
    list_filter = ["tipo", "entidad"]
    list_select_related = ["entidad", "sucesora"]
    search_fields = ["nombre", "siglas", "nombre_en"]
    autocomplete_fields = ["entidad", "sucesora"]
    show_full_result_count = False


@admin.register(Programa)
class ProgramaAdmin(RevisionAdmin, HistorialAdmin):
    list_display = ["nombre", "institucion_responsable"]
    list_select_related = ["institucion_responsable"]
    search_fields = ["nombre"]
    autocomplete_fields = ["institucion_responsable"]


class CatalogoAdmin(HistorialAdmin):
    list_display = ["nombre", "nombre_en", "orden"]
    list_editable = ["orden"]
    search_fields = ["nombre", "nombre_en"]


admin.site.register(Tema, CatalogoAdmin)
admin.site.register(Audiencia, CatalogoAdmin)


@admin.register(Estrategia)
class EstrategiaAdmin(RevisionAdmin, HistorialAdmin):
    list_display = ["nombre", "programa", "fecha_inicio", "fecha_fin"]
    list_select_related = ["programa"]
    list_filter = ["temas"]
    search_fields = ["nombre", "nombre_en"]
    autocomplete_fields = ["programa", "instituciones", "temas"]


class PerfilUsuarioInline(admin.StackedInline):
    model = PerfilUsuario
    can_delete = False
    autocomplete_fields = ["entidades"]
    verbose_name_plural = _("entidades asignadas (solo para el rol «Enlace estatal»)")


admin.site.unregister(User)


@admin.register(User)
class UsuarioAdmin(UserAdmin):
    inlines = [PerfilUsuarioInline]
    list_display = ["username", "first_name", "last_name", "email", "roles", "is_active"]
    list_filter = ["groups", "is_active", "is_superuser"]
    actions = ["desactivar"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.action(description=_("Desactivar (ya no puede entrar; su autoría se conserva)"))
    def desactivar(self, request, queryset):
        # Para quien deja el programa: borrar la cuenta vaciaría su autoría del historial.
        propia = queryset.filter(pk=request.user.pk).exists()
        ids = set(queryset.exclude(pk=request.user.pk).values_list("pk", flat=True))
        n = User.objects.filter(pk__in=ids, is_active=True).update(is_active=False)
        sesiones_cerrar(ids)
        if n or not propia:
            self.message_user(
                request,
                ngettext(
                    "Se desactivó %(n)d cuenta: ya no puede entrar y su sesión se cerró; su "
                    "nombre se sigue viendo en el historial y la bitácora.",
                    "Se desactivaron %(n)d cuentas: ya no pueden entrar y sus sesiones se "
                    "cerraron; sus nombres se siguen viendo en el historial y la bitácora.",
                    n,
                )
                % {"n": n},
                messages.SUCCESS,
            )
        if propia:
            self.message_user(
                request,
                _("Su propia cuenta no se desactivó: no puede quitarse el acceso."),
                messages.WARNING,
            )

    @admin.display(description=_("roles"))
    def roles(self, usuario):
        return ", ".join(g.name for g in usuario.groups.all())


@admin.register(Evento)
class EventoAdmin(admin.ModelAdmin):
    """Bitácora de solo lectura: nadie la edita ni la borra desde el admin."""

    list_display = ["fecha", "tipo", "usuario", "nombre_usuario", "direccion_ip", "descripcion"]
    list_filter = ["tipo"]
    list_select_related = ["usuario"]
    search_fields = ["nombre_usuario", "descripcion", "direccion_ip"]
    date_hierarchy = "fecha"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

import hashlib

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget, UserChangeForm
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programa.alcance import entidades_asignadas
from programa.bitacora import sesiones_cerrar
from programa.models import (
    Audiencia,
    DocumentoOnu,
    EntidadFederativa,
    Estrategia,
    Evento,
    Institucion,
    MetaOds,
    PerfilUsuario,
    Programa,
    Recomendacion,
    SeguimientoRecomendacion,
    Tema,
)
from programa.sitio import HistorialAdmin, PaginadorEstimado, RevisionAdmin
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
    autocomplete_fields = ["programa", "instituciones", "temas", "recomendaciones"]


@admin.register(DocumentoOnu)
class DocumentoOnuAdmin(HistorialAdmin):
    list_display = ["simbolo", "mecanismo", "titulo", "fecha"]
    list_filter = ["mecanismo"]
    search_fields = ["simbolo", "titulo", "titulo_en"]
    show_full_result_count = False


@admin.register(MetaOds)
class MetaOdsAdmin(admin.ModelAdmin):
    list_display = ["clave", "descripcion"]
    search_fields = ["clave", "descripcion"]


class SeguimientoInline(admin.TabularInline):
    model = SeguimientoRecomendacion
    extra = 0
    fields = ["anio", "estado_propuesto", "estado", "nota", "confirmado_por", "confirmado_en"]
    readonly_fields = ["estado_propuesto", "confirmado_por", "confirmado_en"]

    def get_queryset(self, request):
        # Cada fila se nombra con su recomendación («… párr. 42 · 2015»).
        return (
            super()
            .get_queryset(request)
            .select_related("recomendacion__documento", "confirmado_por")
        )


@admin.register(Recomendacion)
class RecomendacionAdmin(RevisionAdmin, HistorialAdmin):
    list_display = ["referencia", "mecanismo", "texto_corto", "fecha"]
    list_filter = ["documento__mecanismo", "documento", "temas", "ods"]
    list_select_related = ["documento"]
    search_fields = ["documento__simbolo", "parrafo", "texto", "texto_en"]
    autocomplete_fields = ["documento", "temas", "ods"]
    inlines = [SeguimientoInline]
    show_full_result_count = False
    paginator = PaginadorEstimado
    fields = ["documento", "parrafo", "fecha", "texto", "texto_en", "temas", "ods"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("documento")

    @admin.display(description=_("referencia"), ordering="documento__simbolo")
    def referencia(self, recomendacion):
        return recomendacion.referencia

    @admin.display(description=_("mecanismo"), ordering="documento__mecanismo")
    def mecanismo(self, recomendacion):
        return recomendacion.documento.get_mecanismo_display()

    @admin.display(description=_("texto"))
    def texto_corto(self, recomendacion):
        texto = recomendacion.texto
        return texto if len(texto) <= 120 else texto[:119].rstrip() + "…"

    def save_formset(self, request, form, formset, change):
        if formset.model is SeguimientoRecomendacion:
            # Quien escribe o cambia el estado en la fila es quien lo confirma.
            for fila in formset.forms:
                if fila.has_changed() and "estado" in fila.changed_data:
                    seguimiento = fila.instance
                    if seguimiento.estado:
                        seguimiento.confirmado_por = request.user
                        seguimiento.confirmado_en = timezone.now()
                    else:
                        seguimiento.confirmado_por = seguimiento.confirmado_en = None
        super().save_formset(request, form, formset, change)


class PerfilUsuarioInline(admin.StackedInline):
    model = PerfilUsuario
    can_delete = False
    autocomplete_fields = ["entidades"]
    verbose_name_plural = _("entidades asignadas (solo para el rol «Enlace estatal»)")


def huella_cuenta(pk, *, bloquear: bool = False) -> str:
    """Lo que decide quién entra y qué ve una cuenta, resumido: nombre, correo, activa,
    personal, superusuario, grupos, permisos y entidades asignadas.

    Las cuentas no llevan ``revision``: cambian también por la acción «Desactivar», por los
    grupos o por el perfil, y la huella ve todo eso sin que cada camino tenga que subirla.
    """
    cuentas = User.objects.filter(pk=pk)
    if bloquear:  # hasta el final del guardado: «Desactivar» espera a que termine
        cuentas = cuentas.select_for_update()
    cuenta = list(
        cuentas.values_list(
            "username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser"
        )
    )
    relaciones = [
        sorted(User.groups.through.objects.filter(user_id=pk).values_list("group_id", flat=True)),
        sorted(
            User.user_permissions.through.objects.filter(user_id=pk).values_list(
                "permission_id", flat=True
            )
        ),
        sorted(
            PerfilUsuario.entidades.through.objects.filter(
                perfilusuario__usuario_id=pk
            ).values_list("entidadfederativa_id", flat=True)
        ),
    ]
    return hashlib.sha256(repr([cuenta, relaciones]).encode()).hexdigest()


class ResumenContrasena(ReadOnlyPasswordHashWidget):
    """El resumen de la contraseña sin los atributos que un ``<div>`` no admite: Django le pone
    «disabled» y lo describe con una ayuda cuyo id nunca escribe (HTML no válido)."""

    def get_context(self, name, value, attrs):
        contexto = super().get_context(name, value, attrs)
        for atributo in ("disabled", "aria-describedby"):
            contexto["widget"]["attrs"].pop(atributo, None)
        return contexto


class FormularioCuenta(UserChangeForm):
    """El formulario de una cuenta lleva la huella que se abrió; uno viejo no reactiva una
    cuenta desactivada ni devuelve entidades que otra persona quitó."""

    huella_leida = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].widget = ResumenContrasena()
        if self.instance.pk is not None:
            self.fields["huella_leida"].initial = huella_cuenta(self.instance.pk)

    def clean(self):
        datos = super().clean()
        if self.instance.pk is None:
            return datos
        leida = datos.get("huella_leida")
        if not leida:
            self.add_error(
                None,
                _(
                    "El formulario no trae la versión de la cuenta que usted abrió; recargue la "
                    "página y vuelva a hacer sus cambios."
                ),
            )
        elif leida != huella_cuenta(self.instance.pk, bloquear=True):
            self.add_error(
                None,
                _(
                    "Otra persona cambió esta cuenta (activa o no, roles, permisos, entidades o "
                    "datos) después de que usted abrió el formulario. Sus cambios no se "
                    "guardaron: recargue la página para ver la cuenta actual y vuelva a hacer "
                    "sus cambios sobre ella."
                ),
            )
        return datos


admin.site.unregister(User)


@admin.register(User)
class UsuarioAdmin(UserAdmin):
    form = FormularioCuenta
    inlines = [PerfilUsuarioInline]
    list_display = ["username", "first_name", "last_name", "email", "roles", "is_active"]
    list_filter = ["groups", "is_active", "is_superuser"]
    actions = ["desactivar"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        (nombre, opciones), *resto = fieldsets
        return [(nombre, {**opciones, "fields": [*opciones["fields"], "huella_leida"]}), *resto]

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

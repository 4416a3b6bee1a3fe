from django.contrib import admin

from programa.models import Audiencia, EntidadFederativa, Estrategia, Institucion, Programa, Tema
from programa.texto import normalizar


@admin.register(EntidadFederativa)
class EntidadFederativaAdmin(admin.ModelAdmin):
    list_display = ["clave", "nombre", "nombre_corto", "iso_3166_2", "renapo", "abreviatura"]
    search_fields = ["clave", "nombre", "nombre_corto"]
    readonly_fields = ["clave"]

    def has_add_permission(self, request):
        return False  # las 32 entidades vienen de la migración

    def has_delete_permission(self, request, obj=None):
        return False

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
class InstitucionAdmin(admin.ModelAdmin):
    list_display = ["nombre", "siglas", "tipo", "entidad", "vigente_hasta", "sucesora"]
    list_filter = ["tipo", "entidad"]
    list_select_related = ["entidad", "sucesora"]
    search_fields = ["nombre", "siglas", "nombre_en"]
    autocomplete_fields = ["entidad", "sucesora"]
    show_full_result_count = False


@admin.register(Programa)
class ProgramaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "institucion_responsable"]
    list_select_related = ["institucion_responsable"]
    search_fields = ["nombre"]
    autocomplete_fields = ["institucion_responsable"]


class CatalogoAdmin(admin.ModelAdmin):
    list_display = ["nombre", "nombre_en", "orden"]
    list_editable = ["orden"]
    search_fields = ["nombre", "nombre_en"]


admin.site.register(Tema, CatalogoAdmin)
admin.site.register(Audiencia, CatalogoAdmin)


@admin.register(Estrategia)
class EstrategiaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "programa", "fecha_inicio", "fecha_fin"]
    list_select_related = ["programa"]
    list_filter = ["temas"]
    search_fields = ["nombre", "nombre_en"]
    autocomplete_fields = ["programa", "instituciones", "temas"]

"""El sitio de administración del programa: encabezado en español y orden del índice."""

import functools
import logging
from urllib.parse import quote as url_quote

from django.contrib import admin, messages
from django.contrib.admin import helpers, widgets
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from programa.alcance import cubre, entidades_asignadas
from programa.models import EntidadFederativa
from programa.revision import FormularioConRevision, RegistroCambiado

registro_seguridad = logging.getLogger("django.security.DisallowedModelAdminLookup")

# Orden del índice del admin: lo que se captura a diario primero, los catálogos después.
ORDEN_APLICACIONES = ["capacitaciones", "convenios", "informes", "programa", "auth"]


# Tope de la búsqueda de listas y autocompletados: mil palabras son mil condiciones por fila
# (SQLite responde «Expression tree is too large»; PostgreSQL, una consulta enorme).
MAXIMO_BUSQUEDA = 200
MAXIMO_PALABRAS = 20


def busqueda_excesiva(texto: str) -> bool:
    return len(texto) > MAXIMO_BUSQUEDA or len(texto.split()) > MAXIMO_PALABRAS


class ListaConFiltrosDeclarados(ChangeList):
    """Una lista del admin que acepta de la dirección solo lo que ofrece la página.

    Django aplica a la consulta todo parámetro que no consuma un filtro declarado si es un
    campo propio del modelo (``?titulo__regex=^(a+)+$``, ``?password__startswith=a``): una
    expresión regular catastrófica ocupa un proceso y un prefijo revela un valor letra por
    letra. Aquí lo que sobra tras ``list_filter`` y ``date_hierarchy`` lleva a ``?e=1``, igual
    que un filtro con un valor inválido. La búsqueda tiene un tope: mil palabras son mil
    condiciones por fila.
    """

    def get_filters(self, request):
        try:
            filtros, hay_filtros, restantes, duplicados, activos = super().get_filters(request)
        except DisallowedModelAdminLookup as error:  # una relación que no es filtro: igual
            self._rechazar(request, str(error))
        except OverflowError as error:  # ?fecha__year=99999999999999999999: no es una fecha
            self._rechazar(request, f"Fecha fuera de rango: {error}")
        ajenos = [
            clave
            for clave, valores in restantes.items()
            if not all((clave, valor) in self._de_ventanas_emergentes() for valor in valores)
        ]
        if ajenos:
            self._rechazar(request, f"Filtros que la lista no ofrece: {', '.join(ajenos)}")
        if busqueda_excesiva(self.query):
            self._rechazar(request, f"Búsqueda de {len(self.query)} caracteres")
        return filtros, hay_filtros, restantes, duplicados, activos

    # Una marca que ningún pk trae: se invierte la URL una vez y cada fila solo la reemplaza.
    _MARCA_PK = "__pk_de_la_fila__"

    def url_for_result(self, result):
        # Django invierte la URL de cambio en cada columna enlazada de cada fila (200 veces en
        # una página de 100 con dos enlaces); el resultado es el mismo texto con otro pk.
        if not hasattr(self, "_url_cambio"):
            self._url_cambio = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(self._MARCA_PK,),
                current_app=self.model_admin.admin_site.name,
            )
        pk = url_quote(
            str(quote(getattr(result, self.pk_attname))), safe=RFC3986_SUBDELIMS + "/~:@"
        )
        return self._url_cambio.replace(self._MARCA_PK, pk)

    def _rechazar(self, request, motivo: str):
        # En la bitácora de seguridad de Django, como sus propias búsquedas prohibidas.
        registro_seguridad.warning(
            "%s en %s (usuario %s)", motivo, request.path, request.user.get_username()
        )
        raise IncorrectLookupParameters(motivo)

    def _de_ventanas_emergentes(self) -> set[tuple[str, str]]:
        """Los filtros fijos que pone un raw_id_fields con limit_choices_to (como Django)."""
        pares = set()
        for filtro in self.model._meta.related_fkey_lookups:
            filtro = filtro() if callable(filtro) else filtro
            pares |= set(widgets.url_params_from_lookup_dict(filtro).items())
        return pares


@functools.cache
def _lista_con_filtros_declarados(base: type[ChangeList]) -> type[ChangeList]:
    if issubclass(base, ListaConFiltrosDeclarados):
        return base
    return type(f"{base.__name__}ConFiltrosDeclarados", (ListaConFiltrosDeclarados, base), {})


class FiltrosDeclaradosAdmin:
    """Todo ModelAdmin del sitio (los propios, el de usuarios y grupos, los de axes): la lista
    solo se filtra con sus filtros declarados, búsqueda, orden y página."""

    def get_changelist(self, request, **kwargs):
        return _lista_con_filtros_declarados(super().get_changelist(request, **kwargs))

    def changelist_view(self, request, extra_context=None):
        if ERROR_FLAG in request.GET:
            self.message_user(
                request,
                _(
                    "La dirección traía filtros que esta lista no ofrece o con valores no "
                    "válidos; se muestra la lista completa."
                ),
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # La lista ya rechazó una búsqueda así (get_filters); el autocompletado llega aquí
        # directo: sin resultados y sin consulta, como cuando nada coincide.
        if busqueda_excesiva(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)


class FiltroDesplegable(admin.SimpleListFilter):
    """Un filtro de muchas opciones como lista desplegable, no como un enlace por opción.

    Con 300 convenios, la columna de filtros era una lista de 300 enlaces que nadie recorre y
    que cada página dibujaba con el motor de plantillas. Aquí es un formulario GET con su botón
    «Filtrar» (funciona sin JavaScript) que lleva ocultos los demás filtros, la búsqueda y el
    orden; las opciones se escriben directo y ``lookups`` puede leerlas de una caché.
    """

    template = "admin/filtro_desplegable.html"
    texto_todos = _("Todos")

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return self.filtrar(queryset, self.value())

    def filtrar(self, queryset, valor: str):
        raise NotImplementedError

    def choices(self, changelist):
        elegido = self.value() or ""
        opciones = [
            format_html('<option value="">{}</option>', self.texto_todos),
            *(
                f'<option value="{escape(valor)}"'
                f"{' selected' if str(valor) == elegido else ''}>{escape(texto)}</option>"
                for valor, texto in self.lookup_choices
            ),
        ]
        ocultos = [
            (clave, valor)
            for clave, valores in changelist.filter_params.items()
            if clave not in (self.parameter_name, PAGE_VAR, ERROR_FLAG)
            for valor in valores
        ]
        yield {
            "parametro": self.parameter_name,
            "opciones": mark_safe("".join(opciones)),  # noqa: S308 (escapado arriba)
            "ocultos": ocultos,
            "selected": bool(elegido),
        }


class CasillasSinPlantillaAdmin:
    """La casilla de acciones de cada fila, escrita directo: Django dibuja un CheckboxInput con
    el motor de plantillas por fila, y en una lista de 100 filas eso era un tercio del tiempo de
    la página. El HTML es el mismo (tests/test_admin.py lo compara)."""

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )


class SitioAdmin(admin.AdminSite):
    site_header = _("Programa para la Protección y Desarrollo Integral de la Infancia")
    site_title = _("SNDIF · Protección de la infancia")
    index_title = _("Registro del programa")
    # «Ver sitio» lleva al tablero: el admin y los informes son un solo espacio de trabajo.
    site_url = reverse_lazy("informes:tablero")

    def each_context(self, request):
        contexto = super().each_context(request)
        contexto["menu_informes"] = menu_informes(request.user)
        return contexto

    def get_app_list(self, request, app_label=None):
        aplicaciones = super().get_app_list(request, app_label)
        posicion = {etiqueta: n for n, etiqueta in enumerate(ORDEN_APLICACIONES)}
        return sorted(aplicaciones, key=lambda a: posicion.get(a["app_label"], len(posicion)))

    def register(self, model_or_iterable, admin_class=None, **options):
        # Aquí y no en cada admin: también cubre los de terceros (auth, axes) y los que
        # se agreguen después, sin que nadie tenga que acordarse.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, FiltrosDeclaradosAdmin):
            admin_class = type(
                admin_class.__name__,
                (FiltrosDeclaradosAdmin, CasillasSinPlantillaAdmin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)


def menu_informes(usuario) -> list[dict]:
    """Las páginas de informes que ``usuario`` puede abrir, para el menú del admin y del sitio.

    El enlace estatal no ve los informes de contribución (tabla de roles del README).
    """
    if not (usuario.is_authenticated and usuario.is_active and usuario.is_staff):
        return []
    if not usuario.has_perm("capacitaciones.view_actividad"):
        return []
    menu = [
        {"nombre": "tablero", "titulo": _("Tablero"), "url": reverse_lazy("informes:tablero")},
        {
            "nombre": "cobertura",
            "titulo": _("Cobertura por entidad"),
            "url": reverse_lazy("informes:cobertura"),
        },
        {
            "nombre": "seguimiento",
            "titulo": _("Seguimiento de recomendaciones"),
            "url": reverse_lazy("informes:seguimiento"),
        },
    ]
    if usuario.has_perm("programa.view_recomendacion"):
        menu.append(
            {
                "nombre": "seguimiento_cobertura",
                "titulo": _("Cobertura de recomendaciones"),
                "url": reverse_lazy("informes:seguimiento_cobertura"),
            }
        )
    if usuario.has_perm("informes.view_informecontribucion"):
        menu.append(
            {
                "nombre": "contribucion",
                "titulo": _("Informes de contribución"),
                "url": reverse_lazy("informes:contribucion_lista"),
            }
        )
    return menu


class PaginadorEstimado(Paginator):
    """Paginador para tablas de un millón de filas: ninguna página cuenta la tabla entera.

    En PostgreSQL, con una sola consulta en cada caso (la misma cuenta que en SQLite):

    - sin filtros ni búsqueda, el total es el que estimó ANALYZE (``pg_class.reltuples``) si
      pasa de ``TOPE`` filas; si no, el COUNT exacto (la subconsulta solo se evalúa entonces);
    - con filtros o búsqueda, se cuenta hasta ``TOPE`` + 1: una búsqueda que encuentra
      100,000 filas no las cuenta todas, y la lista dice «más de 10,000».

    ``aproximado`` y ``acotado`` los lee la plantilla admin/…/pagination.html. En otras bases,
    el COUNT exacto de siempre.
    """

    TOPE = 10_000

    aproximado = acotado = False

    @cached_property
    def count(self):
        consulta = self.object_list
        query = getattr(consulta, "query", None)
        if query is None or connections[consulta.db].vendor != "postgresql":
            return super().count
        if query.where:
            n = consulta.order_by().values("pk")[: self.TOPE + 1].count()
            self.acotado = n > self.TOPE
            return min(n, self.TOPE)
        tabla = consulta.model._meta.db_table
        with connections[consulta.db].cursor() as cursor:
            cursor.execute(
                "SELECT c.reltuples > %s, CASE WHEN c.reltuples > %s THEN c.reltuples::bigint "
                f'ELSE (SELECT COUNT(*) FROM "{tabla}") END '
                "FROM pg_class c WHERE c.oid = %s::regclass",
                [self.TOPE, self.TOPE, tabla],
            )
            self.aproximado, n = cursor.fetchone()
        return n


class AutocompleteConOpcionVacia(AutocompleteSelect):
    """El autocompletado de Django con su opción vacía escrita como la de un ``<select>``.

    Django pone ``<option value=""></option>`` (vacía, HTML no válido) y, si el campo es
    obligatorio, ninguna: un ``<select required>`` sin opción vacía tampoco es válido, y sin
    JavaScript elegiría solo la primera opción. Select2 toma la opción de valor "" como su
    marcador, diga lo que diga el texto, y no la muestra en la lista.
    """

    VACIA = "---------"

    def optgroups(self, name, value, attr=None):
        grupos = super().optgroups(name, value, attr)
        opciones = grupos[0][1]
        if opciones and opciones[0]["value"] == "":
            opciones[0]["label"] = self.VACIA
        else:
            opciones.insert(0, self.create_option(name, "", self.VACIA, False, 0))
        return grupos


class AutocompleteValidoAdmin:
    """Admin (o inline) cuyos campos autocompletados usan ``AutocompleteConOpcionVacia``."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteConOpcionVacia(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AutocompletePrecargado(AutocompleteConOpcionVacia):
    """Autocompletado que toma las etiquetas ya elegidas de un diccionario cargado de una vez.

    El AutocompleteSelect de Django hace una consulta por fila de un inline para mostrar el
    valor elegido; con veinte audiencias, veinte consultas. Aquí son una por inline.
    """

    def __init__(self, *args, etiquetas: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.etiquetas = etiquetas

    def optgroups(self, name, value, attr=None):
        elegidos = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not all(v in self.etiquetas for v in elegidos):
            return super().optgroups(name, value, attr)  # p. ej. un valor nuevo al reenviar
        opciones = [self.create_option(name, "", self.VACIA, False, 0)]
        for valor in elegidos:
            opciones.append(
                self.create_option(name, valor, self.etiquetas[valor], True, len(opciones))
            )
        return [(None, opciones, 0)]


class InlinePrecargado(AutocompleteValidoAdmin):
    """Para un inline con campos en ``autocomplete_fields``: etiquetas en una consulta por campo."""

    def get_queryset(self, request):
        # Cada fila muestra su objeto con __str__, que suele nombrar el campo autocompletado.
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def get_formset(self, request, obj=None, **kwargs):
        request._objeto_del_inline = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        padre = getattr(request, "_objeto_del_inline", None)
        if db_field.name in self.autocomplete_fields and padre is not None and padre.pk:
            relacion = self.opts.get_field(self.fk_name or self._nombre_fk()).name
            elegidos = self.model.objects.filter(**{relacion: padre}).values(db_field.attname)
            etiquetas = {
                str(o.pk): str(o) for o in db_field.related_model.objects.filter(pk__in=elegidos)
            }
            kwargs["widget"] = AutocompletePrecargado(
                db_field, self.admin_site, using=kwargs.get("using"), etiquetas=etiquetas
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _nombre_fk(self) -> str:
        return next(
            f.name
            for f in self.model._meta.fields
            if f.is_relation and f.related_model is self.parent_model
        )


class AlcanceEstatalAdmin:
    """Un enlace estatal ve y cambia solo los registros de sus entidades.

    ``campo_entidades`` es la relación con EntidadFederativa que decide el alcance; el
    modelo da ``objects.visibles_para(usuario)`` y ``claves_entidades()``. Un registro fuera
    del alcance responde 404, como si no existiera.
    """

    campo_entidades = "entidades"

    def get_queryset(self, request):
        return super().get_queryset(request).visibles_para(request.user)

    def get_object(self, request, object_id, from_field=None):
        objeto = super().get_object(request, object_id, from_field)
        if objeto is None:
            raise Http404(_("No existe ese registro o no está en sus entidades."))
        return objeto

    def history_view(self, request, object_id, extra_context=None):
        if entidades_asignadas(request.user) is not None:
            self.get_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def _en_su_alcance(self, request, obj) -> bool:
        if obj is None or entidades_asignadas(request.user) is None:
            return True
        if not hasattr(obj, "_claves_alcance"):  # el admin pregunta varias veces por página
            obj._claves_alcance = obj.claves_entidades()
        return cubre(request.user, obj._claves_alcance)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._en_su_alcance(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._en_su_alcance(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        claves = entidades_asignadas(request.user)
        if db_field.name == self.campo_entidades and claves is not None:
            kwargs["queryset"] = EntidadFederativa.objects.filter(clave__in=claves)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change, **kwargs)
        if entidades_asignadas(request.user) is None:
            return formulario
        campo = self.campo_entidades

        class FormularioEstatal(formulario):
            def clean(self):
                datos = super().clean()
                if campo in self.fields and not datos.get(campo):
                    self.add_error(
                        campo,
                        _(
                            "Elija al menos una de sus entidades: sin entidad, el registro "
                            "quedaría fuera de su alcance."
                        ),
                    )
                return datos

        return FormularioEstatal


class HistorialAdmin(AutocompleteValidoAdmin, SimpleHistoryAdmin):
    """El admin de cada registro con su historial (django-simple-history).

    La vista de una versión anterior permite volver a ella guardando el formulario; aquí solo
    la ve quien ve el registro, y solo guarda quien puede cambiarlo. Una versión de un
    registro borrado solo la ve el alcance nacional: para eso está «Eliminadas».
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        objeto = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        if objeto is None and (
            entidades_asignadas(request.user) is not None
            or self.model._default_manager.filter(pk=unquote(object_id)).exists()
        ):
            raise Http404(_("No existe ese registro o no está en sus entidades."))
        if request.method == "POST" and not (
            self.has_change_permission(request, objeto)
            if objeto is not None
            else self.has_add_permission(request)
        ):
            raise PermissionDenied
        if request.method == "POST":
            request._version_restaurada = version_id
        # El registro y sus renglones vuelven juntos o nada.
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except ValidationError as error:  # de restaurar_relacionadas: ya se deshizo todo
            self.message_user(
                request,
                _("No se volvió a esa versión: %(motivo)s") % {"motivo": " ".join(error.messages)},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if (version_id := getattr(request, "_version_restaurada", None)) is not None:
            historial = getattr(self.model, self.opts.simple_history_manager_attribute)
            self.restaurar_relacionadas(request, obj, historial.get(history_id=version_id))

    def restaurar_relacionadas(self, request, obj, version) -> None:
        """Al volver a ``version``: lo que el formulario no guarda (los renglones de un
        inline) se deja como estaba en ella. Cada admin dice cómo; un ValidationError deshace
        la vuelta entera y se muestra como error."""


class RevisionAdmin:
    """Admin de un modelo ``ConRevision``: un formulario viejo no sobrescribe un cambio nuevo.

    El formulario lleva oculta la revisión que se abrió; guardar (también solo los renglones de
    un inline) sube la del registro. Si otra persona guardó antes, el formulario vuelve con lo
    que se escribió y un aviso de quién y cuándo, sin escribir nada.
    """

    form = FormularioConRevision

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change, **kwargs)
        return type(
            formulario.__name__,
            (formulario,),
            {
                "revision_vigente": getattr(request, "_revision_vigente", None),
                "archivos_enviados": tuple(sorted(a.name for a in request.FILES.values())),
            },
        )

    def get_fieldsets(self, request, obj=None):
        # Con fieldsets declarados, el campo oculto no saldría en la página.
        fieldsets = super().get_fieldsets(request, obj)
        if any("revision_leida" in o.get("fields", ()) for _n, o in fieldsets):
            return fieldsets
        (nombre, opciones), *resto = fieldsets
        return [(nombre, {**opciones, "fields": [*opciones["fields"], "revision_leida"]}), *resto]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RegistroCambiado:
            # Otra persona guardó entre la validación y el guardado; la transacción del admin
            # ya se deshizo. Validar de nuevo ve la revisión nueva y muestra el aviso.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return self._revertir(request, object_id, version_id, extra_context)
        except RegistroCambiado:  # como en changeform_view
            return self._revertir(request, object_id, version_id, extra_context)

    def _revertir(self, request, object_id, version_id, extra_context):
        # Revertir escribe sobre la revisión vigente, no sobre la de la versión vieja.
        request._revision_vigente = (
            self.model._default_manager.filter(pk=unquote(object_id))
            .values_list("revision", flat=True)
            .first()
        )
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

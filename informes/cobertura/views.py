"""Cobertura y tablero: leen filtros, llaman a un selector y entregan a un renderizador."""

from dataclasses import replace

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from informes.cobertura import cache, tabla
from informes.cobertura import selectores as selector
from informes.cobertura.filtros import AnioForm, FiltrosCoberturaForm
from informes.graficos import graficas
from informes.graficos.mapa import mapa_svg
from programa.alcance import entidades_asignadas
from programa.bitacora import evento_registrar
from programa.models import EntidadFederativa, Evento

UNIDADES = {
    "realizadas": ("actividad realizada", "actividades realizadas"),
    "programadas": ("actividad programada", "actividades programadas"),
    "participantes": ("participante", "participantes"),
}
ACTIVIDADES_POR_PAGINA = 50


def puede_consultar(vista):
    """Con sesión (si no, al inicio de sesión) y con permiso de ver actividades (si no, 403)."""
    return login_required(
        permission_required("capacitaciones.view_actividad", raise_exception=True)(vista)
    )


def _filtros(request) -> FiltrosCoberturaForm:
    return FiltrosCoberturaForm(
        request.GET,
        anio_predeterminado=lambda: selector.anio_predeterminado(timezone.localdate()),
    )


def _con_alcance(request, form: FiltrosCoberturaForm) -> selector.Filtros:
    """Los filtros de la URL más el alcance de quien consulta (un enlace: sus entidades)."""
    return replace(form.filtros(), entidades=entidades_asignadas(request.user))


def _con_consulta(url: str, request) -> str:
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return f"{url}?{consulta.urlencode()}" if consulta else url


def _error(request, form):
    return render(request, "informes/cobertura.html", {"form": form}, status=400)


@require_GET
@puede_consultar
def cobertura(request):
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    datos = cache.cobertura(_con_alcance(request, form))
    metrica = form.metrica_elegida
    periodo = datos.filtros.periodo
    enlaces = {
        f.clave: _con_consulta(reverse("informes:cobertura_entidad", args=[f.clave]), request)
        for f in datos.entidades
    }
    mapa = mapa_svg(
        datos.valores(metrica),
        f"{selector.METRICAS[metrica]} por entidad federativa, {periodo.nombre}",
        unidad=UNIDADES[metrica],
        enlaces=enlaces,
        descripcion=f"Mapa de México; cada entidad enlaza a su detalle. {datos.resumen()}.",
    )
    return render(
        request,
        "informes/cobertura.html",
        {
            "form": form,
            "cobertura": datos,
            "tabla": datos.desglose(),
            "metrica_nombre": selector.METRICAS[metrica],
            "enlaces": enlaces,
            "mapa": mark_safe(mapa),  # mapa_svg escapa todo texto
            "reglas": selector.REGLAS,
            "csv": _con_consulta(reverse("informes:cobertura_exportar", args=["csv"]), request),
            "xlsx": _con_consulta(reverse("informes:cobertura_exportar", args=["xlsx"]), request),
        },
    )


@require_GET
@puede_consultar
def cobertura_exportar(request, formato):
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    datos = cache.cobertura(_con_alcance(request, form))
    periodo = datos.filtros.periodo
    nombre = f"cobertura-{periodo.desde:%Y%m%d}-{periodo.hasta:%Y%m%d}.{formato}"
    if formato == "csv":
        contenido, tipo = tabla.a_csv(datos.columnas(), datos.filas()), tabla.TIPO_CSV
    else:
        contenido = tabla.a_xlsx(
            datos.columnas(), datos.filas(), hoja="Cobertura", notas=datos.notas()
        )
        tipo = tabla.TIPO_XLSX
    evento_registrar(
        tipo=Evento.Tipo.EXPORTACION,
        request=request,
        descripcion=f"Cobertura {formato.upper()}: {request.GET.urlencode() or 'sin filtros'}",
    )
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


@require_GET
@puede_consultar
def cobertura_entidad(request, clave):
    entidad = get_object_or_404(EntidadFederativa, clave=clave)
    alcance = entidades_asignadas(request.user)
    if alcance is not None and clave not in alcance:
        raise Http404("Esa entidad no está entre las suyas.")
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    detalle = cache.cobertura_entidad(_con_alcance(request, form), entidad)
    pagina = Paginator(detalle.actividades, ACTIVIDADES_POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "informes/cobertura_entidad.html",
        {
            "form": form,
            "detalle": detalle,
            "pagina": pagina,
            "consulta": _con_consulta("", request),
            "volver": _con_consulta(reverse("informes:cobertura"), request),
        },
    )


@require_GET
@puede_consultar
def tablero(request):
    form = AnioForm(request.GET)
    hoy = timezone.localdate()
    if not form.is_valid():
        return render(request, "informes/tablero.html", {"form": form}, status=400)
    anio = form.cleaned_data.get("anio") or selector.anio_predeterminado(hoy)
    datos = cache.tablero(anio=anio, hoy=hoy, entidades=entidades_asignadas(request.user))
    return render(
        request,
        "informes/tablero.html",
        {"form": form, "tablero": datos, **_graficas_tablero(datos)},
    )


def _graficas_tablero(datos: selector.Tablero) -> dict:
    actual = datos.actual
    trimestres = datos.trimestres
    tipos = [(e, actual.nacional.realizadas_por_tipo(v)) for v, e in actual.tipos]
    anterior = datos.anterior.nacional.por_audiencia
    # (nombre, personas del año, del anterior, mujeres y hombres del año)
    audiencias = [
        (
            a.nombre,
            actual.nacional.por_audiencia.get(a.pk, 0),
            anterior.get(a.pk, 0),
            actual.nacional.mujeres_por_audiencia.get(a.pk, 0),
            actual.nacional.hombres_por_audiencia.get(a.pk, 0),
        )
        for a in actual.audiencias
    ]
    return {
        "grafica_trimestres": mark_safe(  # graficas escapa todo texto
            graficas.barras_agrupadas(
                [t.nombre for t in trimestres],
                [
                    ("Programadas", [t.programadas for t in trimestres]),
                    ("Realizadas", [t.realizadas for t in trimestres]),
                ],
                f"Actividades por trimestre, {datos.anio - 1} y {datos.anio}",
                id_svg="grafica-trimestres",
            )
        ),
        "grafica_tipos": mark_safe(
            graficas.barras_horizontales(
                [e for e, _n in tipos],
                [n for _e, n in tipos],
                f"Actividades realizadas por tipo, {datos.anio}",
                id_svg="grafica-tipos",
            )
        ),
        "grafica_audiencias": mark_safe(
            graficas.barras_horizontales(
                [fila[0] for fila in audiencias],
                [fila[1] for fila in audiencias],
                f"Participantes por audiencia, {datos.anio}",
                id_svg="grafica-audiencias",
            )
        ),
        "tipos": tipos,
        "audiencias": audiencias,
    }

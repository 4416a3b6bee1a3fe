"""Cobertura y tablero: leen filtros, llaman a un selector y entregan a un renderizador."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from informes import cobertura as selector
from informes import graficas
from informes.exportar import tabla
from informes.filtros import AnioForm, FiltrosCoberturaForm
from informes.mapa import mapa_svg
from programa.models import EntidadFederativa

UNIDADES = {
    "realizadas": ("actividad realizada", "actividades realizadas"),
    "programadas": ("actividad programada", "actividades programadas"),
    "participantes": ("participante", "participantes"),
}
ACTIVIDADES_POR_PAGINA = 50


def _filtros(request) -> FiltrosCoberturaForm:
    return FiltrosCoberturaForm(
        request.GET,
        anio_predeterminado=lambda: selector.anio_predeterminado(timezone.localdate()),
    )


def _con_consulta(url: str, request) -> str:
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return f"{url}?{consulta.urlencode()}" if consulta else url


def _error(request, form):
    return render(request, "informes/cobertura.html", {"form": form}, status=400)


@require_GET
@login_required
def cobertura(request):
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    datos = selector.cobertura(form.filtros())
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
@login_required
def cobertura_exportar(request, formato):
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    datos = selector.cobertura(form.filtros())
    periodo = datos.filtros.periodo
    nombre = f"cobertura-{periodo.desde:%Y%m%d}-{periodo.hasta:%Y%m%d}.{formato}"
    if formato == "csv":
        contenido, tipo = tabla.a_csv(datos.columnas(), datos.filas()), tabla.TIPO_CSV
    else:
        contenido = tabla.a_xlsx(
            datos.columnas(), datos.filas(), hoja="Cobertura", notas=datos.notas()
        )
        tipo = tabla.TIPO_XLSX
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


@require_GET
@login_required
def cobertura_entidad(request, clave):
    entidad = get_object_or_404(EntidadFederativa, clave=clave)
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    detalle = selector.cobertura_entidad(form.filtros(), entidad)
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
@login_required
def tablero(request):
    form = AnioForm(request.GET)
    hoy = timezone.localdate()
    if not form.is_valid():
        return render(request, "informes/tablero.html", {"form": form}, status=400)
    anio = form.cleaned_data.get("anio") or selector.anio_predeterminado(hoy)
    datos = selector.tablero(anio=anio, hoy=hoy)
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
    audiencias = [
        (a.nombre, actual.nacional.por_audiencia.get(a.pk, 0), anterior.get(a.pk, 0))
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

"""La página de cobertura de recomendaciones y sus descargas: leen los filtros, llaman al
selector (por la caché) y entregan a la plantilla o a la tabla."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from informes.cobertura import selectores as cobertura
from informes.cobertura import tabla
from informes.graficos.mapa import mapa_svg
from informes.seguimiento.cobertura import cache
from informes.seguimiento.cobertura import selectores as selector
from informes.seguimiento.cobertura.filtros import FiltrosRecomendacionesForm
from programa.alcance import entidades_asignadas
from programa.bitacora import evento_registrar
from programa.models import Evento

PERMISOS = ("capacitaciones.view_actividad", "programa.view_recomendacion")
UNIDAD = ("recomendación con acciones", "recomendaciones con acciones")
PLANTILLA = "informes/seguimiento/cobertura.html"

# Las dos tablas que se descargan: (hoja del XLSX, columnas, filas).
TABLAS = {
    "mecanismos": (
        "Por mecanismo",
        selector.CoberturaRecomendaciones.columnas_mecanismos,
        selector.CoberturaRecomendaciones.filas_mecanismos,
    ),
    "entidades": (
        "Por entidad",
        selector.CoberturaRecomendaciones.columnas_entidades,
        selector.CoberturaRecomendaciones.filas_entidades,
    ),
}


def puede_consultar(vista):
    """Con sesión (si no, al inicio de sesión) y con permiso de ver actividades y
    recomendaciones (si no, 403)."""
    return login_required(permission_required(PERMISOS, raise_exception=True)(vista))


def _formulario(request) -> FiltrosRecomendacionesForm:
    return FiltrosRecomendacionesForm(
        request.GET,
        anio_predeterminado=lambda: cobertura.anio_predeterminado(timezone.localdate()),
    )


def _datos(request, form) -> selector.CoberturaRecomendaciones:
    filtros = form.filtros(entidades=entidades_asignadas(request.user))
    return cache.cobertura_recomendaciones(filtros)


def _con_consulta(url: str, request) -> str:
    consulta = request.GET.urlencode()
    return f"{url}?{consulta}" if consulta else url


@require_GET
@puede_consultar
def cobertura_recomendaciones(request):
    form = _formulario(request)
    if not form.is_valid():
        return render(request, PLANTILLA, {"form": form}, status=400)
    datos = _datos(request, form)
    periodo = datos.filtros.periodo
    mapa = mapa_svg(
        datos.valores(),
        f"Recomendaciones con acciones por entidad federativa, {periodo.nombre}",
        unidad=UNIDAD,
        descripcion=(
            "Mapa de México: cada entidad con el número de recomendaciones que tuvieron al "
            f"menos una acción en ella. {datos.entidades_con_acciones} de {len(datos.entidades)} "
            f"entidades con acciones; {datos.resumen()}."
        ),
        id_svg="mapa-recomendaciones",
        sin_dato="sin acciones que atiendan recomendaciones",
    )
    descargas = {
        f"{nombre}_{formato}": _con_consulta(
            reverse("informes:seguimiento_cobertura_exportar", args=[nombre, formato]), request
        )
        for nombre in TABLAS
        for formato in ("csv", "xlsx")
    }
    mecanismos = datos.mecanismos_con_datos()

    def por_mecanismo(fila: selector.FilaEntidad) -> list[int]:
        return [fila.por_mecanismo.get(valor, 0) for valor, _nombre in mecanismos]

    return render(
        request,
        PLANTILLA,
        {
            "form": form,
            "datos": datos,
            "mapa": mark_safe(mapa),  # mapa_svg escapa todo texto
            # Las columnas por mecanismo de la página: solo los que tienen recomendaciones.
            "mecanismos": mecanismos,
            "entidades": [(f, por_mecanismo(f)) for f in datos.entidades],
            "total_entidades": (datos.nacional, por_mecanismo(datos.nacional)),
            "lista_mapa": [
                (f, UNIDAD[0] if f.recomendaciones == 1 else UNIDAD[1]) for f in datos.entidades
            ],
            "reglas": selector.REGLAS,
            "descargas": descargas,
        },
    )


@require_GET
@puede_consultar
def cobertura_recomendaciones_exportar(request, nombre, formato):
    form = _formulario(request)
    if not form.is_valid():
        return render(request, PLANTILLA, {"form": form}, status=400)
    datos = _datos(request, form)
    hoja, columnas, filas = TABLAS[nombre]
    periodo = datos.filtros.periodo
    if formato == "csv":
        contenido, tipo = tabla.a_csv(columnas(datos), filas(datos)), tabla.TIPO_CSV
    else:
        contenido = tabla.a_xlsx(columnas(datos), filas(datos), hoja=hoja, notas=datos.notas())
        tipo = tabla.TIPO_XLSX
    evento_registrar(
        tipo=Evento.Tipo.EXPORTACION,
        request=request,
        descripcion=(
            f"Cobertura de recomendaciones {hoja.lower()} {formato.upper()}: "
            f"{request.GET.urlencode() or 'sin filtros'}"
        ),
    )
    respuesta = HttpResponse(contenido, content_type=tipo)
    archivo = f"recomendaciones-{nombre}-{periodo.desde:%Y%m%d}-{periodo.hasta:%Y%m%d}.{formato}"
    respuesta["Content-Disposition"] = f'attachment; filename="{archivo}"'
    return respuesta

"""La página de la matriz de seguimiento y sus descargas: leen los filtros, llaman al selector
y entregan a un renderizador."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from informes.cobertura.views import puede_consultar
from informes.seguimiento.exportar import FORMATOS, nombre_archivo
from informes.seguimiento.forms import FiltrosMatrizForm
from informes.seguimiento.matriz import matriz_seguimiento
from programa.bitacora import evento_registrar
from programa.models import Evento


def _matriz(request):
    form = FiltrosMatrizForm(request.GET, hoy=timezone.localdate())
    if not form.is_valid():
        return form, None
    datos = form.cleaned_data
    return form, matriz_seguimiento(
        desde=datos["desde"], hasta=datos["hasta"], usuario=request.user
    )


@require_GET
@puede_consultar
def matriz(request):
    form, datos = _matriz(request)
    if datos is None:
        return render(request, "informes/seguimiento.html", {"form": form}, status=400)
    consulta = f"?desde={datos.periodo.desde:%Y-%m-%d}&hasta={datos.periodo.hasta:%Y-%m-%d}"
    descargas = [
        (f.nombre, reverse("informes:seguimiento_exportar", args=[clave]) + consulta)
        for clave, f in FORMATOS.items()
    ]
    return render(
        request,
        "informes/seguimiento.html",
        {"form": form, "matriz": datos, "descargas": descargas},
    )


@require_GET
@puede_consultar
def matriz_exportar(request, formato):
    if formato not in FORMATOS:
        raise Http404("No existe ese formato.")
    form, datos = _matriz(request)
    if datos is None:
        return render(request, "informes/seguimiento.html", {"form": form}, status=400)
    elegido = FORMATOS[formato]
    evento_registrar(
        tipo=Evento.Tipo.EXPORTACION,
        request=request,
        descripcion=f"Matriz de seguimiento {elegido.nombre}: {datos.periodo.nombre}",
    )
    respuesta = HttpResponse(elegido.escribir(datos), content_type=elegido.tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre_archivo(datos, formato)}"'
    return respuesta

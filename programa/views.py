from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from programa import salud as revision_de_salud
from programa.models import Tarea
from programa.tareas import tarea_avance_texto

# Mientras la tarea corre, la página se recarga sola (sin JavaScript: la CSP no deja scripts
# en línea y así funciona en cualquier navegador).
RECARGAR_CADA_SEGUNDOS = 2


@staff_member_required
def tarea_avance(request, pk):
    """El avance de una tarea propia; la de otra persona no existe (404)."""
    tarea = get_object_or_404(Tarea, pk=pk, usuario=request.user)
    resultado = tarea.resultado or {}
    if tarea.estado == Tarea.Estado.TERMINADA and resultado.get("redirigir"):
        return redirect(resultado["url"])
    return TemplateResponse(
        request,
        "programa/tarea.html",
        {
            **admin.site.each_context(request),
            "title": f"{tarea.get_tipo_display()}: {tarea.descripcion}",
            "tarea": tarea,
            "avance": tarea_avance_texto(tarea),
            "resultado": resultado,
            "recargar": None if tarea.acabada else RECARGAR_CADA_SEGUNDOS,
        },
    )


@never_cache
@require_safe
def salud(request):
    """Para el balanceador: 200 si la base, las cachés y la cola responden; 503 si no.

    Sin sesión ni cookies: la pide cada pocos segundos cada balanceador a cada máquina.
    """
    partes = revision_de_salud.revisar()
    bien = all(estado == revision_de_salud.OK for estado in partes.values())
    return JsonResponse(
        partes, status=200 if bien else 503, json_dumps_params={"ensure_ascii": False}
    )

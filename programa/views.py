from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from programa import salud as revision_de_salud
from programa.bitacora import evento_registrar
from programa.models import Evento, Tarea
from programa.tareas import (
    respaldo_tarea,
    tarea_avance_texto,
    tarea_cancelar,
    tarea_encolar,
    tarea_revisar_perdida,
)

# Mientras la tarea corre, la página se recarga sola (sin JavaScript: la CSP no deja scripts
# en línea y así funciona en cualquier navegador).
RECARGAR_CADA_SEGUNDOS = 2


@staff_member_required
def tarea_avance(request, pk):
    """El avance de una tarea propia; la de otra persona no existe (404)."""
    tarea = tarea_revisar_perdida(get_object_or_404(Tarea, pk=pk, usuario=request.user))
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
            "dias_archivos": settings.TAREAS_ARCHIVOS_DIAS,
        },
    )


@require_POST
@staff_member_required
def tarea_cancelar_vista(request, pk):
    """Detiene una tarea propia que espera o corre; lo hecho hasta ahí no se guarda."""
    tarea_cancelar(get_object_or_404(Tarea, pk=pk, usuario=request.user))
    return redirect("tarea", pk=pk)


def _puede_descargar(usuario, tarea: Tarea) -> bool:
    """Quien la pidió, si aún tiene el permiso con que la pidió (un respaldo: superusuario).

    El archivo se armó con el alcance de quien lo pidió: nunca se entrega a otra persona,
    aunque tenga el mismo rol (con otras entidades vería lo que no le toca).
    """
    if tarea.usuario_id != usuario.pk:
        return False
    if tarea.tipo == Tarea.Tipo.RESPALDO:
        return usuario.is_superuser
    permiso = tarea.datos.get("permiso")
    return not permiso or usuario.has_perm(permiso)


@require_safe
@staff_member_required
def tarea_descargar(request, pk):
    """El archivo que dejó una tarea terminada (una exportación, un informe, un respaldo)."""
    tarea = get_object_or_404(Tarea, pk=pk, estado=Tarea.Estado.TERMINADA)
    if not _puede_descargar(request.user, tarea) or not tarea.archivo:
        raise Http404("No existe ese archivo.")
    if not default_storage.exists(tarea.archivo):
        raise Http404("El archivo ya no está disponible.")
    respuesta = FileResponse(
        default_storage.open(tarea.archivo, "rb"),
        as_attachment=True,
        filename=(tarea.resultado or {}).get("descarga") or tarea.archivo.rsplit("/", 1)[-1],
    )
    respuesta["Content-Security-Policy"] = "sandbox"
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta


@require_POST
@staff_member_required
def respaldo_crear_vista(request):
    """«Crear respaldo» del admin: solo superusuarios (el archivo lleva todas las cuentas)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    nombre = f"respaldo-{timezone.localtime():%Y%m%d-%H%M}.zip"
    evento_registrar(tipo=Evento.Tipo.RESPALDO, request=request, descripcion=f"Respaldo {nombre}")
    tarea = tarea_encolar(
        respaldo_tarea,
        tipo=Tarea.Tipo.RESPALDO,
        usuario=request.user,
        descripcion=nombre,
        datos={"nombre": nombre},
    )
    return redirect("tarea", pk=tarea.pk)


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

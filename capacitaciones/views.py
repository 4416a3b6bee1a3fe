from pathlib import Path

from django.contrib.admin.views.decorators import staff_member_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from capacitaciones.models import Actividad, Evidencia
from convenios.models import Convenio

IMAGENES = {".jpg", ".jpeg", ".png"}


@staff_member_required
def archivo_protegido(request, ruta):
    """Evidencias y convenios firmados: solo para personal con sesión y dentro de su alcance.

    Nunca se sirven desde una URL pública; un archivo fuera del alcance responde 404. Solo las
    fotos se muestran en el navegador; lo demás se descarga, y nada de lo servido puede
    ejecutar scripts en la sesión del sitio (CSP sandbox), aunque fuera un PDF con JavaScript
    subido antes de que se revisara.
    """
    evidencia = Evidencia.objects.filter(archivo=ruta).values("actividad_id").first()
    if evidencia:
        permitido = request.user.has_perm("capacitaciones.view_evidencia") and (
            Actividad.objects.visibles_para(request.user)
            .filter(pk=evidencia["actividad_id"])
            .exists()
        )
    else:
        permitido = (
            request.user.has_perm("convenios.view_convenio")
            and Convenio.objects.filter(documento=ruta).exists()
        )
    if not permitido or not default_storage.exists(ruta):
        raise Http404("No existe ese archivo.")
    nombre = ruta.rsplit("/", 1)[-1]
    respuesta = FileResponse(
        default_storage.open(ruta, "rb"),
        filename=nombre,
        as_attachment=Path(nombre).suffix.lower() not in IMAGENES,
    )
    respuesta["Content-Security-Policy"] = "sandbox"
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta

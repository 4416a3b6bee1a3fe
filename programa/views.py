from django.contrib.admin.views.decorators import staff_member_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404


@staff_member_required
def archivo_protegido(request, ruta):
    """Evidencias y convenios firmados: solo para personal con sesión, nunca en una URL pública."""
    if not default_storage.exists(ruta):
        raise Http404("No existe ese archivo.")
    return FileResponse(default_storage.open(ruta, "rb"), filename=ruta.rsplit("/", 1)[-1])

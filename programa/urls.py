from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from programa.views import (
    respaldo_crear_vista,
    salud,
    tarea_avance,
    tarea_cancelar_vista,
    tarea_descargar,
)

# Las apps se incluyen por nombre: programa no importa de las que están encima de él.
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    # Antes del admin, para que no la tome por un modelo; se ofrece en su página de inicio.
    path("admin/respaldo/", respaldo_crear_vista, name="respaldo_crear"),
    path("admin/", admin.site.urls),
    path("informes/", include("informes.urls")),
    path("tareas/<uuid:pk>/", tarea_avance, name="tarea"),
    path("tareas/<uuid:pk>/cancelar/", tarea_cancelar_vista, name="tarea_cancelar"),
    path("tareas/<uuid:pk>/descargar/", tarea_descargar, name="tarea_descargar"),
    # Para el balanceador de carga (sin sesión); ver programa/salud.py.
    path("salud/", salud, name="salud"),
    # Evidencias y convenios firmados, solo con sesión y dentro del alcance.
    path(f"{settings.MEDIA_URL.strip('/')}/", include("capacitaciones.urls")),
]

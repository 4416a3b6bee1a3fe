from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from capacitaciones.views import archivo_protegido

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("informes/", include("informes.urls")),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:ruta>", archivo_protegido, name="archivo"),
]

from django.urls import path

from capacitaciones.views import archivo_protegido

urlpatterns = [
    path("<path:ruta>", archivo_protegido, name="archivo"),
]

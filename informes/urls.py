from django.urls import path, re_path

from informes import views

app_name = "informes"

urlpatterns = [
    # Cobertura por entidad y tablero (issue 3)
    path("", views.tablero, name="tablero"),
    path("cobertura/", views.cobertura, name="cobertura"),
    re_path(
        r"^cobertura\.(?P<formato>csv|xlsx)$", views.cobertura_exportar, name="cobertura_exportar"
    ),
    path("cobertura/<str:clave>/", views.cobertura_entidad, name="cobertura_entidad"),
]

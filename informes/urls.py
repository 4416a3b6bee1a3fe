from django.urls import path, re_path

from informes.cobertura import views
from informes.contribucion import views as contribucion
from informes.seguimiento import views as seguimiento
from informes.seguimiento.cobertura import views as seguimiento_cobertura

app_name = "informes"

urlpatterns = [
    # Cobertura por entidad y tablero
    path("", views.tablero, name="tablero"),
    path("cobertura/", views.cobertura, name="cobertura"),
    re_path(
        r"^cobertura\.(?P<formato>csv|xlsx)$", views.cobertura_exportar, name="cobertura_exportar"
    ),
    path("cobertura/<str:clave>/", views.cobertura_entidad, name="cobertura_entidad"),
    re_path(
        r"^cobertura/(?P<clave>[^/.]+)\.(?P<formato>csv|xlsx)$",
        views.cobertura_entidad_exportar,
        name="cobertura_entidad_exportar",
    ),
    # Cobertura de las recomendaciones de la ONU
    path(
        "seguimiento/cobertura/",
        seguimiento_cobertura.cobertura_recomendaciones,
        name="seguimiento_cobertura",
    ),
    re_path(
        r"^seguimiento/cobertura/(?P<nombre>mecanismos|entidades)\.(?P<formato>csv|xlsx)$",
        seguimiento_cobertura.cobertura_recomendaciones_exportar,
        name="seguimiento_cobertura_exportar",
    ),
    # Matriz de seguimiento de recomendaciones
    path("seguimiento/", seguimiento.matriz, name="seguimiento"),
    re_path(
        r"^seguimiento\.(?P<formato>[a-z]+)$",
        seguimiento.matriz_exportar,
        name="seguimiento_exportar",
    ),
    # Informe de contribución
    path("contribucion/", contribucion.lista, name="contribucion_lista"),
    path("contribucion/nuevo/", contribucion.nuevo, name="contribucion_nuevo"),
    path("contribucion/<int:pk>/", contribucion.detalle, name="contribucion_detalle"),
    path(
        "contribucion/<int:pk>/comparar/<int:otro_pk>/",
        contribucion.comparar,
        name="contribucion_comparar",
    ),
    path("contribucion/<int:pk>/regenerar/", contribucion.regenerar, name="contribucion_regenerar"),
    path("contribucion/<int:pk>/finalizar/", contribucion.finalizar, name="contribucion_finalizar"),
    path(
        "contribucion/<int:pk>/nueva-version/",
        contribucion.nueva_version,
        name="contribucion_nueva_version",
    ),
    path(
        "contribucion/<int:pk>/descargar/<str:formato>/",
        contribucion.descargar,
        name="contribucion_descargar",
    ),
]

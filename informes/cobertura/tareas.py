"""Las actividades de una entidad en CSV/XLSX, cuando son muchas, en segundo plano."""

from dataclasses import replace

from django.http import QueryDict
from django.utils import timezone
from django_tasks import task

from informes.cobertura import cache, tabla
from informes.cobertura import selectores as selector
from informes.cobertura.filtros import FiltrosCoberturaForm
from programa.alcance import entidades_asignadas
from programa.models import EntidadFederativa
from programa.tareas import (
    FalloExplicado,
    archivo_guardar,
    archivo_temporal,
    con_avance,
    exportadas_texto,
)

LOTE = 1000


def _contando(actividades, avance):
    for actividad in actividades:
        avance(1)
        yield actividad


@task()
@con_avance
def entidad_exportar(tarea, avance) -> dict:
    """Los mismos filtros de la dirección y el alcance de quien la pidió, como la vista."""
    datos = tarea.datos
    form = FiltrosCoberturaForm(
        QueryDict(datos["consulta"]),
        anio_predeterminado=lambda: selector.anio_predeterminado(timezone.localdate()),
    )
    if not form.is_valid():
        raise FalloExplicado("Los filtros de la dirección ya no son válidos: vuelva a pedirla.")
    filtros = replace(form.filtros(), entidades=entidades_asignadas(tarea.usuario))
    if filtros.entidades is not None and datos["clave"] not in filtros.entidades:
        raise FalloExplicado("Esa entidad ya no está entre las suyas; no se exportó nada.")
    entidad = EntidadFederativa.objects.get(clave=datos["clave"])
    detalle = cache.cobertura_entidad(filtros, entidad)
    avance.al_abrir(detalle.actividades.count())
    detalle = replace(
        detalle, actividades=_contando(detalle.actividades.iterator(chunk_size=LOTE), avance)
    )
    contenido, _tipo = tabla.archivo(
        datos["formato"],
        list(detalle.COLUMNAS_ACTIVIDADES),
        detalle.filas_actividades(),
        hoja=f"Actividades {entidad.clave}",
        notas=detalle.notas(),
    )
    with archivo_temporal(datos["nombre"]) as ruta:
        ruta.write_bytes(contenido)
        return archivo_guardar(
            tarea,
            ruta,
            mensaje=exportadas_texto(avance.hechos, f" de {entidad.nombre_corto}"),
        )

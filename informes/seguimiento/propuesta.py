"""El estado de seguimiento que el sistema propone para cada recomendación en un año.

La regla, simple y escrita para que cualquiera la pueda revisar:

- **en proceso**: en ese año hay al menos una acción realizada ligada a la recomendación: una
  actividad realizada cuyo periodo toca el año, un producto con fecha en el año o un convenio
  firmado en el año;
- **sin avances**: no hay ninguna;
- **cumplida** nunca se propone: solo la pone una persona, al confirmar o editar.

Lo propuesto no es el estado: una persona lo confirma en el admin («Confirmar lo propuesto» o
editando la fila). Volver a proponer no toca lo confirmado.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from capacitaciones.models import Actividad, Producto
from convenios.models import Convenio
from programa.historial import historial_en_lote
from programa.models import EstadoSeguimiento, Recomendacion, SeguimientoRecomendacion


def recomendaciones_con_acciones(desde: dt.date, hasta: dt.date) -> set[int]:
    """Los ids de las recomendaciones con alguna acción realizada en [desde, hasta] (tres
    consultas, sin importar cuántas recomendaciones haya)."""
    actividades = Actividad.recomendaciones.through.objects.filter(
        actividad__in=Actividad.objects.realizadas().en_periodo(desde, hasta).order_by()
    )
    productos = Producto.recomendaciones.through.objects.filter(
        producto__fecha__gte=desde, producto__fecha__lte=hasta
    )
    convenios = Convenio.recomendaciones.through.objects.filter(
        convenio__fecha_firma__gte=desde, convenio__fecha_firma__lte=hasta
    )
    ids = set()
    for consulta in (actividades, productos, convenios):
        ids.update(consulta.values_list("recomendacion_id", flat=True))
    return ids


def estado_propuesto(recomendacion_id: int, con_acciones: set[int]) -> str:
    if recomendacion_id in con_acciones:
        return EstadoSeguimiento.EN_PROCESO
    return EstadoSeguimiento.SIN_AVANCES


@transaction.atomic
def seguimiento_proponer(*, anio: int, recomendaciones=None, usuario=None) -> int:
    """Escribe el estado propuesto de ``anio`` en cada recomendación (todas, o las de la
    consulta ``recomendaciones``); crea la fila del año si falta. Devuelve cuántas propuestas
    cambiaron."""
    con_acciones = recomendaciones_con_acciones(dt.date(anio, 1, 1), dt.date(anio, 12, 31))
    ids = list(
        (recomendaciones if recomendaciones is not None else Recomendacion.objects.all())
        .order_by()
        .values_list("pk", flat=True)
    )
    existentes = {
        s.recomendacion_id: s
        for s in SeguimientoRecomendacion.objects.filter(anio=anio, recomendacion_id__in=ids)
    }
    nuevas, cambiadas = [], []
    for pk in ids:
        propuesto = estado_propuesto(pk, con_acciones)
        seguimiento = existentes.get(pk)
        if seguimiento is None:
            nuevas.append(
                SeguimientoRecomendacion(recomendacion_id=pk, anio=anio, estado_propuesto=propuesto)
            )
        elif seguimiento.estado_propuesto != propuesto:
            seguimiento.estado_propuesto = propuesto
            cambiadas.append(seguimiento)
    SeguimientoRecomendacion.objects.bulk_create(nuevas)
    SeguimientoRecomendacion.objects.bulk_update(cambiadas, ["estado_propuesto"])
    quien = {"usuario": usuario, "motivo": f"Propuesta de seguimiento de {anio}"}
    historial_en_lote(SeguimientoRecomendacion, nuevas, **quien)
    historial_en_lote(SeguimientoRecomendacion, cambiadas, actualizacion=True, **quien)
    return len(nuevas) + len(cambiadas)


@transaction.atomic
def seguimiento_confirmar_propuesto(*, seguimientos, usuario) -> int:
    """Confirma lo propuesto en cada fila que tiene propuesta y aún no está confirmada (lo que
    una persona ya confirmó no se pisa). Devuelve cuántas confirmó."""
    # Sin las uniones de quien llama (el admin une «confirmado por», que puede faltar:
    # PostgreSQL no bloquea el lado vacío de un LEFT JOIN).
    pendientes = list(
        SeguimientoRecomendacion.objects.select_for_update()
        .filter(pk__in=seguimientos.values("pk"), estado="")
        .exclude(estado_propuesto="")
    )
    ahora = timezone.now()
    for seguimiento in pendientes:
        seguimiento.estado = seguimiento.estado_propuesto
        seguimiento.confirmado_por = usuario
        seguimiento.confirmado_en = ahora
    SeguimientoRecomendacion.objects.bulk_update(
        pendientes, ["estado", "confirmado_por", "confirmado_en"]
    )
    historial_en_lote(
        SeguimientoRecomendacion,
        pendientes,
        usuario=usuario,
        motivo="Confirmar lo propuesto",
        actualizacion=True,
    )
    return len(pendientes)

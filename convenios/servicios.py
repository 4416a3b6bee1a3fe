"""Escrituras de convenios que tocan varios modelos."""

from django.db import transaction
from django.db.models import Q

from convenios.models import Convenio, ParteConvenio
from programa.models import Institucion


def partes_en_version(version) -> list:
    """Los registros históricos de las partes tal como quedaron al guardar esa versión.

    El admin guarda primero el convenio (su versión) y después las partes del inline; por eso
    el estado de las partes de una versión es el último de cada una antes de la versión
    siguiente del convenio. Si la siguiente es su borrado, las partes que se borraron en esa
    misma cascada sí estaban.
    """
    siguiente = (
        Convenio.historial.filter(id=version.id)
        .filter(
            Q(history_date__gt=version.history_date)
            | Q(history_date=version.history_date, history_id__gt=version.history_id)
        )
        .order_by("history_date", "history_id")
        .first()
    )
    registros = ParteConvenio.historial.filter(convenio_id=version.id)
    if siguiente is not None:
        registros = registros.filter(history_date__lt=siguiente.history_date)
        if siguiente.history_type == "-" and siguiente.borrado is not None:
            registros = registros.exclude(borrado=siguiente.borrado)
    ultimos = {}
    for registro in registros.select_related("institucion").order_by("history_date", "history_id"):
        ultimos[registro.id] = registro
    return [r for r in ultimos.values() if r.history_type != "-"]


@transaction.atomic
def convenio_partes_restaurar(*, convenio: Convenio, version, usuario) -> int:
    """Deja las partes del convenio como estaban en ``version``; devuelve cuántas no pudo
    devolver (su institución ya no existe)."""
    antes = {r.id: r for r in partes_en_version(version)}
    existentes = set(
        Institucion.objects.filter(pk__in={r.institucion_id for r in antes.values()}).values_list(
            "pk", flat=True
        )
    )
    omitidas = sum(1 for r in antes.values() if r.institucion_id not in existentes)
    antes = {pk: r for pk, r in antes.items() if r.institucion_id in existentes}
    actuales = {p.pk: p for p in ParteConvenio.objects.filter(convenio=convenio)}
    iguales = {
        pk
        for pk, parte in actuales.items()
        if pk in antes
        and (parte.institucion_id, parte.rol) == (antes[pk].institucion_id, antes[pk].rol)
    }
    # Primero se quitan las que sobran o cambiaron: así ninguna choca con la regla de una
    # institución por convenio al volver.
    for pk, parte in actuales.items():
        if pk not in iguales:
            parte._history_user = usuario
            parte.delete()
    for pk, registro in antes.items():
        if pk not in iguales:
            parte = registro.instance
            parte._history_user = usuario
            parte.save(force_insert=True)
    return omitidas

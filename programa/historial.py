"""Historial de auditoría: escrituras por lotes y borrados que se restauran juntos.

django-simple-history registra solo lo que pasa por save() y delete(); quien escriba con
bulk_create o bulk_update llama aquí después, con las relaciones ya escritas, para que el
historial tenga quién, cuándo y el estado completo (incluidas las relaciones M2M).

Un borrado en cascada (una actividad y sus renglones) marca todos sus registros históricos con
el mismo identificador, ``borrado``: restaurar devuelve exactamente lo que se borró junto, no
lo que alguien quitó a propósito un momento antes.
"""

import contextlib
import contextvars
import uuid

from django.db import models
from django.db.models import Model
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record

_borrado_en_curso: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar(
    "borrado_en_curso", default=None
)


class RegistroConBorrado(models.Model):
    """Base de los modelos históricos cuyos borrados se restauran en grupo."""

    borrado = models.UUIDField(
        _("borrado"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("El mismo en todos los registros que se borraron en una sola operación."),
    )

    class Meta:
        abstract = True


@contextlib.contextmanager
def borrado_en_grupo():
    """Todo lo que se borre dentro (la cascada incluida) queda con un mismo ``borrado``.

    Si ya hay uno en curso (un delete() que llama a otro), se usa el mismo.
    """
    if _borrado_en_curso.get() is not None:
        yield _borrado_en_curso.get()
        return
    token = _borrado_en_curso.set(uuid.uuid4())
    try:
        yield _borrado_en_curso.get()
    finally:
        _borrado_en_curso.reset(token)


@receiver(pre_create_historical_record)
def _marcar_borrado(sender, history_instance, **kwargs):
    if history_instance.history_type == "-" and isinstance(history_instance, RegistroConBorrado):
        history_instance.borrado = _borrado_en_curso.get()


LOTE = 500


def historial_en_lote(
    modelo: type[Model], objetos: list[Model], *, usuario=None, motivo="", actualizacion=False
) -> None:
    if not objetos:
        return
    historico = getattr(modelo, modelo._meta.simple_history_manager_attribute)
    for inicio in range(0, len(objetos), LOTE):
        lote = objetos[inicio : inicio + LOTE]
        registros = historico.bulk_history_create(
            lote, update=actualizacion, default_user=usuario, default_change_reason=motivo
        )
        por_pk = {r.id: r for r in registros}
        for campo in historico.model._history_m2m_fields:
            intermedia = campo.remote_field.through
            origen = campo.m2m_field_name()
            Historica = next(
                r.related_model
                for r in historico.model._meta.related_objects
                if r.related_model.__name__ == f"{historico.model.__name__}_{campo.name}"
            )
            filas = intermedia.objects.filter(**{f"{origen}__in": list(por_pk)})
            Historica.objects.bulk_create(
                Historica(
                    history=por_pk[getattr(fila, f"{origen}_id")],
                    **{f.attname: getattr(fila, f.attname) for f in intermedia._meta.fields},
                )
                for fila in filas
            )


def renglones_en_version(version, Renglon: type[Model], campo: str, relacionados=()) -> list:
    """Los registros históricos de los renglones (``Renglon``, con FK ``campo`` al padre) tal
    como quedaron al guardar esa ``version`` del padre.

    El admin guarda primero el padre (su versión) y después los renglones del inline; por eso
    el estado de los renglones de una versión es el último de cada uno antes de la versión
    siguiente del padre. Si la siguiente es su borrado, los renglones que se borraron en esa
    misma cascada sí estaban.
    """
    siguiente = (
        type(version)
        .objects.filter(id=version.id)
        .filter(
            models.Q(history_date__gt=version.history_date)
            | models.Q(history_date=version.history_date, history_id__gt=version.history_id)
        )
        .order_by("history_date", "history_id")
        .first()
    )
    registros = Renglon.historial.filter(**{f"{campo}_id": version.id})
    if siguiente is not None:
        registros = registros.filter(history_date__lt=siguiente.history_date)
        if siguiente.history_type == "-" and getattr(siguiente, "borrado", None) is not None:
            registros = registros.exclude(borrado=siguiente.borrado)
    ultimos = {}
    for registro in registros.select_related(*relacionados).order_by("history_date", "history_id"):
        ultimos[registro.id] = registro
    return [r for r in ultimos.values() if r.history_type != "-"]


def renglones_restaurar(*, padre: Model, version, Renglon, campo: str, usuario, requeridas) -> int:
    """Deja los renglones de ``padre`` como estaban en ``version``; devuelve cuántos no pudo
    devolver porque ya no existe algo a lo que apuntan (``requeridas``: nombres de FK, como
    ``["institucion"]``)."""
    antes = {r.id: r for r in renglones_en_version(version, Renglon, campo)}
    validos = dict(antes)
    for nombre in requeridas:
        fk = Renglon._meta.get_field(nombre)
        existentes = set(
            fk.related_model._base_manager.filter(
                pk__in={getattr(r, fk.attname) for r in antes.values()}
            ).values_list("pk", flat=True)
        )
        validos = {pk: r for pk, r in validos.items() if getattr(r, fk.attname) in existentes}
    datos = [f.attname for f in Renglon._meta.concrete_fields if f.attname != "id"]
    actuales = {r.pk: r for r in Renglon.objects.filter(**{campo: padre})}
    iguales = {
        pk
        for pk, renglon in actuales.items()
        if pk in validos and all(getattr(renglon, a) == getattr(validos[pk], a) for a in datos)
    }
    # Primero se quitan los que sobran o cambiaron: así ninguno choca con una regla de unicidad.
    for pk, renglon in actuales.items():
        if pk not in iguales:
            renglon._history_user = usuario
            renglon.delete()
    for pk, registro in validos.items():
        if pk not in iguales:
            renglon = registro.instance
            renglon._history_user = usuario
            renglon.save(force_insert=True)
    return len(antes) - len(validos)

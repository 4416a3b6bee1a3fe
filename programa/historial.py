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

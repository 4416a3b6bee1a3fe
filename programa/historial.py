"""Historial de auditoría para escrituras por lotes (importaciones, acciones masivas).

django-simple-history registra solo lo que pasa por save() y delete(); quien escriba con
bulk_create o bulk_update llama aquí después, con las relaciones ya escritas, para que el
historial tenga quién, cuándo y el estado completo (incluidas las relaciones M2M).
"""

from django.db.models import Model

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

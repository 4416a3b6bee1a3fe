"""Qué años de los informes cambia cada escritura de actividades (ver programa/versiones.py).

Una actividad cambia los años de sus fechas de antes y de ahora: moverla de 2015 a 2016
cambia los dos. Su participación cambia los años de su actividad. Los productos se ven en la
página de cada entidad sin importar el año: cambian la versión global.
"""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from capacitaciones.models import Actividad, Participacion, Producto
from programa import versiones
from programa.versiones import anios_entre, datos_cambiados, en_lote_activo


def _anios(filas) -> set[int]:
    return {a for inicio, fin in filas for a in anios_entre(inicio, fin)}


def _anios_de_actividades(ids) -> set[int]:
    filas = Actividad._base_manager.filter(pk__in=list(ids)).values_list(
        "fecha_inicio", "fecha_fin"
    )
    return _anios(filas)


@receiver(pre_save, sender=Actividad, dispatch_uid="versiones_actividad_antes")
def _fechas_de_antes(sender, instance, raw=False, **kwargs):
    if raw or en_lote_activo() or instance.pk is None:
        return
    instance._anios_antes = _anios_de_actividades([instance.pk])


@receiver(post_save, sender=Actividad, dispatch_uid="versiones_actividad_guardada")
def _actividad_guardada(sender, instance, raw=False, using=None, **kwargs):
    if raw or en_lote_activo():
        return
    antes = getattr(instance, "_anios_antes", set())
    datos_cambiados(antes | anios_entre(instance.fecha_inicio, instance.fecha_fin), using=using)


@receiver(post_delete, sender=Actividad, dispatch_uid="versiones_actividad_borrada")
def _actividad_borrada(sender, instance, using=None, **kwargs):
    if not en_lote_activo():
        datos_cambiados(anios_entre(instance.fecha_inicio, instance.fecha_fin), using=using)


def _relacion_cambiada(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    if not action.startswith("post_") or en_lote_activo():
        return
    if not reverse:  # desde la actividad
        datos_cambiados(anios_entre(instance.fecha_inicio, instance.fecha_fin), using=using)
    elif pk_set is None:  # p. ej. entidad.actividad_set.clear(): no se sabe cuáles
        datos_cambiados(todo=True, using=using)
    else:
        datos_cambiados(_anios_de_actividades(pk_set), using=using)


# Las recomendaciones que atiende cuentan en la cobertura de recomendaciones de sus años.
for _campo in ("entidades", "entidades_participantes", "temas", "recomendaciones"):
    m2m_changed.connect(
        _relacion_cambiada,
        sender=getattr(Actividad, _campo).through,
        dispatch_uid=f"versiones_actividad_{_campo}",
    )


def _de_su_actividad(instance) -> set[int]:
    if Participacion.actividad.is_cached(instance):
        actividad = instance.actividad
        return anios_entre(actividad.fecha_inicio, actividad.fecha_fin)
    return _anios_de_actividades([instance.actividad_id])


@receiver(post_save, sender=Participacion, dispatch_uid="versiones_participacion_guardada")
def _participacion_guardada(sender, instance, raw=False, using=None, **kwargs):
    if not raw and not en_lote_activo():
        datos_cambiados(_de_su_actividad(instance), using=using)


@receiver(post_delete, sender=Participacion, dispatch_uid="versiones_participacion_borrada")
def _participacion_borrada(sender, instance, origin=None, using=None, **kwargs):
    # Borrada con su actividad: la actividad ya avisó sus años (y ya no está para preguntar).
    desde_actividad = isinstance(origin, Actividad) or (
        isinstance(origin, QuerySet) and origin.model is Actividad
    )
    if not desde_actividad and not en_lote_activo():
        datos_cambiados(_de_su_actividad(instance), using=using)


versiones.vigilar_global(Producto)

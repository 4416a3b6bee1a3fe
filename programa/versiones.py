"""Versiones de los datos: la llave con que la caché de los informes sabe que nada cambió.

Cada año tiene una versión y hay una global (catálogos, convenios, productos, una restauración
completa). Quien escribe llama a ``datos_cambiados`` y, al confirmarse la transacción, los años
que tocó reciben una versión nueva; lo calculado bajo la vieja ya no se vuelve a leer. Por año:
capturar actividades de este año no vacía la caché de los años pasados.

Una versión es un texto al azar, nunca un contador: no hace falta sumar de forma atómica y una
versión perdida (la caché la descartó) solo cuesta recalcular, nunca devuelve una vieja.
Viven en la caché ``versiones``, que todos los procesos comparten (la base o Redis); si cada
proceso tuviera las suyas, uno seguiría sirviendo cifras que otro ya cambió.

Las señales cubren save(), delete() y las relaciones M2M (admin, historial, restauraciones);
quien escribe por lotes (bulk_create, update) llama aquí él mismo, dentro de ``en_lote()``.
"""

import contextlib
import contextvars
import datetime as dt
import uuid
from collections.abc import Iterable

from django.core.cache import caches
from django.db import transaction

GLOBAL = "global"
_en_lote: contextvars.ContextVar[bool] = contextvars.ContextVar("versiones_en_lote", default=False)


def _almacen():
    return caches["versiones"]


def _clave(anio: int | str) -> str:
    return f"datos:{anio}"


def anios_entre(desde: dt.date | None, hasta: dt.date | None) -> set[int]:
    """Los años que toca un lapso (una actividad de diciembre a enero toca los dos)."""
    if desde is None and hasta is None:
        return set()
    # Una instancia creada con fechas en texto («2031-03-04») las guarda así hasta recargarse.
    desde, hasta = (dt.date.fromisoformat(f) if isinstance(f, str) else f for f in (desde, hasta))
    desde, hasta = desde or hasta, hasta or desde
    return set(range(min(desde, hasta).year, max(desde, hasta).year + 1))


def versiones(anios: Iterable[int]) -> tuple[str, ...]:
    """La versión global y la de cada año, en ese orden; lee todas de una vez.

    Una que falte (nadie ha escrito ese año, o la caché la descartó) se crea con ``add``: si
    otro proceso la crea a la vez, gana la primera y las dos leen la misma.
    """
    claves = [_clave(GLOBAL), *(_clave(a) for a in sorted(set(anios)))]
    almacen = _almacen()
    leidas = almacen.get_many(claves)
    faltan = [c for c in claves if c not in leidas]
    if faltan:
        for clave in faltan:
            almacen.add(clave, uuid.uuid4().hex, timeout=None)
        leidas.update(almacen.get_many(faltan))
    # Si aun así faltara (una caché que no guarda), una al azar: nunca coincide, nunca es vieja.
    return tuple(leidas.get(c) or uuid.uuid4().hex for c in claves)


def _renovar(anios: set[int], todo: bool) -> None:
    claves = [_clave(GLOBAL)] if todo else [_clave(a) for a in sorted(anios)]
    if claves:
        _almacen().set_many({c: uuid.uuid4().hex for c in claves}, timeout=None)


def renovar_todo() -> None:
    """Ya, sin esperar a una transacción: tras migrar o vaciar la base."""
    _renovar(set(), True)


def datos_cambiados(anios: Iterable[int] = (), *, todo: bool = False, using=None) -> None:
    """Renueva las versiones de ``anios`` (o la global, con ``todo``) al confirmar.

    Después y no antes: si la versión cambiara antes de confirmar, otra petición podría
    calcular con los datos viejos y guardarlos bajo la versión nueva.
    """
    anios = set(anios)
    if not anios and not todo:
        return
    transaction.on_commit(lambda: _renovar(anios, todo), using=using, robust=True)


def en_lote_activo() -> bool:
    return _en_lote.get()


@contextlib.contextmanager
def en_lote():
    """Dentro, las señales no renuevan nada: quien escribe por lotes avisa una vez al final."""
    token = _en_lote.set(True)
    try:
        yield
    finally:
        _en_lote.reset(token)


def vigilar_global(*modelos) -> None:
    """Cualquier cambio en estos modelos (y en sus M2M) renueva la versión global: son pocos y
    se ven en todos los años (nombres de entidades, audiencias, temas, convenios…)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for modelo in modelos:
        uid = f"versiones_{modelo._meta.label_lower}"
        post_save.connect(_global, sender=modelo, dispatch_uid=uid + "_save", weak=False)
        post_delete.connect(_global, sender=modelo, dispatch_uid=uid + "_delete", weak=False)
        for campo in modelo._meta.local_many_to_many:
            m2m_changed.connect(
                _global_m2m,
                sender=campo.remote_field.through,
                dispatch_uid=f"{uid}_{campo.name}",
                weak=False,
            )


def _global(sender, raw=False, **kwargs):
    if not raw and not en_lote_activo():
        datos_cambiados(todo=True, using=kwargs.get("using"))


def _global_m2m(sender, action, **kwargs):
    if action.startswith("post_") and not en_lote_activo():
        datos_cambiados(todo=True, using=kwargs.get("using"))

"""Las cifras de cobertura, del tablero y de cada entidad, calculadas una vez por versión.

Se guarda lo que devuelve el selector (datos, no HTML: nada de tokens ni nombres de quien
consulta), con una llave hecha de los filtros, del alcance de quien consulta (sus entidades o
nacional) y de las versiones de cada año que toca el periodo más la global
(programa/versiones.py). Las versiones se leen antes de calcular: una escritura confirmada
después cambia la versión y lo calculado aquí ya no se vuelve a leer. Así la caché nunca
devuelve una cifra vieja, aunque cada proceso tenga su propia memoria.
"""

import datetime as dt
import hashlib
import logging
from dataclasses import replace

from django.core.cache import caches

from informes.cobertura import selectores as selector
from programa.models import EntidadFederativa
from programa.versiones import anios_entre, versiones

logger = logging.getLogger(__name__)

# Una llave vieja ya nadie la pide: el tiempo solo libera memoria.
DURACION = 60 * 60 * 12


def _pk(objeto) -> int | None:
    return objeto.pk if objeto is not None else None


def _normalizados(f: selector.Filtros) -> tuple:
    return (
        f.periodo.desde.isoformat(),
        f.periodo.hasta.isoformat(),
        f.tipo,
        f.estado,
        _pk(f.tema),
        _pk(f.convenio),
        _pk(f.programa),
        tuple(sorted(t.pk for t in f.temas)),
        tuple(sorted(c.pk for c in f.convenios)),
        _alcance(f.entidades),
    )


def _alcance(entidades: frozenset[str] | None):
    return "nacional" if entidades is None else tuple(sorted(entidades))


def _en_cache(tipo: str, partes: tuple, anios: set[int], calcular):
    try:
        texto = repr((tipo, partes, versiones(anios)))
        llave = f"informes:{tipo}:{hashlib.sha256(texto.encode()).hexdigest()}"
        datos = caches["default"].get(llave)
    except Exception:  # la caché no responde (Redis caído): se calcula, nunca se adivina
        logger.exception("No se pudo leer la caché de informes")
        return calcular()
    if datos is None:
        datos = calcular()
        try:
            caches["default"].set(llave, datos, DURACION)
        except Exception:
            logger.exception("No se pudo guardar en la caché de informes")
    return datos


def cobertura(filtros: selector.Filtros) -> selector.Cobertura:
    p = filtros.periodo
    datos = _en_cache(
        "cobertura",
        _normalizados(filtros),
        anios_entre(p.desde, p.hasta),
        lambda: selector.cobertura(filtros),
    )
    # Los filtros, los de esta petición (el nombre del periodo puede decirse de otra forma).
    return replace(datos, filtros=filtros)


def cobertura_entidad(
    filtros: selector.Filtros, entidad: EntidadFederativa
) -> selector.DetalleEntidad:
    """Resumen, productos y convenios de la caché; las actividades, consulta paginada al vuelo."""
    resumen = cobertura(filtros)
    p = filtros.periodo
    detalle = _en_cache(
        "entidad",
        (_normalizados(filtros), entidad.clave),
        anios_entre(p.desde, p.hasta),
        # Solo productos y convenios: lo demás se arma abajo con lo de esta petición.
        lambda: replace(
            selector.cobertura_entidad(filtros, entidad, resumen=resumen),
            actividades=None,
            cobertura=None,
            fila=None,
        ),
    )
    return replace(
        detalle,
        entidad=entidad,
        fila=resumen.fila(entidad.clave),
        cobertura=resumen,
        actividades=selector.actividades_de_entidad(filtros, entidad),
    )


def tablero(*, anio: int, hoy: dt.date, entidades: frozenset[str] | None) -> selector.Tablero:
    # Las próximas actividades (hoy + 90 días) pueden caer en el año siguiente.
    limite = hoy + dt.timedelta(days=selector.DIAS_PROXIMAS)
    anios = {anio - 1, anio} | anios_entre(hoy, limite)
    return _en_cache(
        "tablero",
        (anio, hoy.isoformat(), _alcance(entidades)),
        anios,
        lambda: selector.tablero(anio=anio, hoy=hoy, entidades=entidades),
    )

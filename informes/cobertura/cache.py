"""Las cifras de cobertura, del tablero y de cada entidad, calculadas una vez por versión.

Se guarda lo que devuelve el selector, con una llave hecha de los filtros, del alcance de quien
consulta (sus entidades o nacional) y de las versiones de cada año que toca el periodo más la
global (programa/versiones.py). Las versiones se leen antes de calcular: una escritura
confirmada después cambia la versión y lo calculado aquí ya no se vuelve a leer. Así la caché
nunca devuelve una cifra vieja, aunque cada proceso tenga su propia memoria.

Con la misma llave (más la dirección pedida y la versión del código) se guarda también el HTML
del cuerpo de cada página y los bytes de cada descarga: en caliente la página no se vuelve a
dibujar. Ese HTML se dibuja sin la petición, así que no puede llevar nada de la persona (su
nombre, su menú, un token CSRF): eso lo pone la plantilla de la página alrededor. Las versiones
se leen una vez por petición y sirven para el cuerpo y para las cifras con que se dibuja.
"""

import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Callable
from dataclasses import replace

import django
from django.conf import settings
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe

from informes.cobertura import selectores as selector
from programa.models import EntidadFederativa
from programa.versiones import anios_entre, versiones

logger = logging.getLogger(__name__)

# Una llave vieja ya nadie la pide: el tiempo solo libera memoria.
DURACION = 60 * 60 * 12

# Lo que cambia el HTML aunque los datos no cambien: plantillas, código, traducciones.
_CODIGO = ("templates", "informes", "programa", "capacitaciones", "convenios", "locale")
_EXTENSIONES = {".html", ".py", ".mo"}


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
        alcance_llave(f.entidades),
    )


def alcance_llave(entidades: frozenset[str] | None):
    """El alcance de quien consulta, como parte de una llave de la caché."""
    return "nacional" if entidades is None else tuple(sorted(entidades))


def _anios(filtros: selector.Filtros) -> set[int]:
    return anios_entre(filtros.periodo.desde, filtros.periodo.hasta)


def _anios_tablero(anio: int, hoy: dt.date) -> set[int]:
    # Las próximas actividades (hoy + 90 días) pueden caer en el año siguiente.
    limite = hoy + dt.timedelta(days=selector.DIAS_PROXIMAS)
    return {anio - 1, anio} | anios_entre(hoy, limite)


def _leer_versiones(anios: set[int]) -> tuple[str, ...] | None:
    """Las versiones vigentes, o None si la caché no responde (entonces todo se calcula)."""
    try:
        return versiones(anios)
    except Exception:  # la caché no responde (Redis caído): se calcula, nunca se adivina
        logger.exception("No se pudieron leer las versiones de los datos")
        return None


def en_cache(tipo: str, partes: tuple, anios: set[int], calcular, leidas=None):
    """Lo que devuelve ``calcular()``, guardado bajo ``tipo``, ``partes`` y las versiones de los
    datos de ``anios``; también la usan las páginas de informes/seguimiento.

    ``leidas``: las versiones de ``anios`` ya leídas en esta petición (si no, se leen)."""
    leidas = leidas or _leer_versiones(anios)
    if leidas is None:
        return calcular()
    try:
        texto = repr((tipo, partes, leidas))
        llave = f"informes:{tipo}:{hashlib.sha256(texto.encode()).hexdigest()}"
        datos = caches["default"].get(llave)
    except Exception:
        logger.exception("No se pudo leer la caché de informes")
        return calcular()
    if datos is None:
        datos = calcular()
        try:
            caches["default"].set(llave, datos, DURACION)
        except Exception:
            logger.exception("No se pudo guardar en la caché de informes")
    return datos


def cobertura(filtros: selector.Filtros, *, leidas=None) -> selector.Cobertura:
    datos = en_cache(
        "cobertura",
        _normalizados(filtros),
        _anios(filtros),
        lambda: selector.cobertura(filtros),
        leidas,
    )
    # Los filtros, los de esta petición (el nombre del periodo puede decirse de otra forma).
    return replace(datos, filtros=filtros)


def cobertura_entidad(
    filtros: selector.Filtros, entidad: EntidadFederativa, *, leidas=None
) -> selector.DetalleEntidad:
    """Resumen, productos y convenios de la caché; las actividades, consulta paginada al vuelo."""
    leidas = leidas or _leer_versiones(_anios(filtros))
    resumen = cobertura(filtros, leidas=leidas)
    detalle = en_cache(
        "entidad",
        (_normalizados(filtros), entidad.clave),
        _anios(filtros),
        # Solo productos y convenios: lo demás se arma abajo con lo de esta petición.
        lambda: replace(
            selector.cobertura_entidad(filtros, entidad, resumen=resumen),
            actividades=None,
            cobertura=None,
            fila=None,
        ),
        leidas,
    )
    return replace(
        detalle,
        entidad=entidad,
        fila=resumen.fila(entidad.clave),
        cobertura=resumen,
        actividades=selector.actividades_de_entidad(filtros, entidad),
    )


def tablero(
    *, anio: int, hoy: dt.date, entidades: frozenset[str] | None, leidas=None
) -> selector.Tablero:
    return en_cache(
        "tablero",
        (anio, hoy.isoformat(), alcance_llave(entidades)),
        _anios_tablero(anio, hoy),
        lambda: selector.tablero(anio=anio, hoy=hoy, entidades=entidades),
        leidas,
    )


# ---- Páginas ya dibujadas y descargas ya generadas -------------------------------------------


@functools.cache
def version_del_codigo() -> str:
    """Huella del código instalado: con Redis la caché sobrevive a una actualización, y el HTML
    de la versión anterior del sitio no debe servirse con la nueva. Todos los procesos con el
    mismo código calculan la misma (se lee una vez por proceso)."""
    huella = hashlib.sha256(django.get_version().encode())
    raiz = settings.BASE_DIR
    for carpeta in _CODIGO:
        for archivo in sorted((raiz / carpeta).rglob("*")):
            if archivo.suffix in _EXTENSIONES and "migrations" not in archivo.parts:
                huella.update(str(archivo.relative_to(raiz)).encode())
                huella.update(archivo.read_bytes())
    return huella.hexdigest()[:16]


def _de_la_pagina(tipo: str, request, partes: tuple, anios: set[int], generar, leidas):
    # Los enlaces del cuerpo conservan la dirección tal cual (también lo que el formulario
    # ignora): dos direcciones distintas son dos cuerpos distintos.
    consulta = tuple(sorted(request.GET.lists()))
    return en_cache(
        tipo, (version_del_codigo(), request.path, consulta, partes), anios, generar, leidas
    )


def cuerpo_cobertura(
    request, filtros: selector.Filtros, dibujar: Callable[[selector.Cobertura], str]
) -> SafeString:
    """El cuerpo de la página de cobertura; ``dibujar(datos)`` solo si no está guardado."""
    anios = _anios(filtros)
    leidas = _leer_versiones(anios)
    html = _de_la_pagina(
        "html-cobertura",
        request,
        _normalizados(filtros),
        anios,
        lambda: str(dibujar(cobertura(filtros, leidas=leidas))),
        leidas,
    )
    return mark_safe(html)  # noqa: S308 (lo dibujó una plantilla con autoescape)


def archivo_cobertura(
    request, filtros: selector.Filtros, generar: Callable[[selector.Cobertura], bytes]
) -> bytes:
    """Los bytes del CSV o XLSX de la cobertura; ``generar(datos)`` solo si no están."""
    anios = _anios(filtros)
    leidas = _leer_versiones(anios)
    return _de_la_pagina(
        "archivo-cobertura",
        request,
        _normalizados(filtros),
        anios,
        lambda: generar(cobertura(filtros, leidas=leidas)),
        leidas,
    )


def cuerpo_entidad(
    request,
    filtros: selector.Filtros,
    entidad: EntidadFederativa,
    abre_admin: bool,
    dibujar: Callable[[selector.DetalleEntidad], str],
) -> SafeString:
    """El cuerpo del detalle de una entidad (con la página de actividades que se pidió)."""
    anios = _anios(filtros)
    leidas = _leer_versiones(anios)
    html = _de_la_pagina(
        "html-entidad",
        request,
        (_normalizados(filtros), entidad.clave, abre_admin),
        anios,
        lambda: str(dibujar(cobertura_entidad(filtros, entidad, leidas=leidas))),
        leidas,
    )
    return mark_safe(html)  # noqa: S308


def cuerpo_tablero(
    request,
    *,
    anio: int,
    hoy: dt.date,
    entidades: frozenset[str] | None,
    dibujar: Callable[[selector.Tablero], str],
) -> SafeString:
    anios = _anios_tablero(anio, hoy)
    leidas = _leer_versiones(anios)
    html = _de_la_pagina(
        "html-tablero",
        request,
        (anio, hoy.isoformat(), alcance_llave(entidades)),
        anios,
        lambda: str(dibujar(tablero(anio=anio, hoy=hoy, entidades=entidades, leidas=leidas))),
        leidas,
    )
    return mark_safe(html)  # noqa: S308

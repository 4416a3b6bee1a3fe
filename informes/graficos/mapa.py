"""Mapa coroplético de México como SVG dibujado en el servidor; no necesita JavaScript.

``mapa_svg()`` no sabe nada de peticiones ni de la base de datos: recibe valores por clave
INEGI y devuelve el SVG. Lo usan la página de cobertura y el anexo estadístico del informe de
contribución. La geometría es de ``@svg-maps/mexico`` (CC BY 4.0); ver ``informes/graficos/datos/``.
"""

import json
import math
import textwrap
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from django.utils.html import escape

GEOMETRIA = Path(__file__).resolve().parent / "datos" / "mapa-mexico.json"
ATRIBUCION = "Geometría: @svg-maps/mexico © Victor Cazanave, licencia CC BY 4.0"
ATRIBUCION_EN = "Geometry: @svg-maps/mexico © Victor Cazanave, CC BY 4.0 licence"

# Azules de menos a más (secuencia de ColorBrewer); sin actividad: blanco rayado.
PALETA = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
COLOR_BORDE = "#4d4d4d"
COLOR_CERO = "#ffffff"

# El SVG mide 793 unidades de ancho. El título (22, negritas) cabe en unas 56 letras por línea;
# más largo, se parte en líneas. Ningún texto mide menos de 14: así, mientras el mapa se
# muestre a 720 px o más de ancho (sitio.css lo cambia por una lista en pantallas angostas),
# todo texto mide al menos 12 px en pantalla.
ANCHO = 793
LETRAS_POR_LINEA = 56
ALTO_LINEA = 26
LETRA_MINIMA = 14


@cache
def geometria() -> dict:
    with GEOMETRIA.open(encoding="utf-8") as archivo:
        return json.load(archivo)


def numero(valor: float) -> str:
    """1234 -> «1,234», como se escribe en México."""
    if float(valor).is_integer():
        return f"{int(valor):,}"
    return f"{valor:,.1f}"


def clases(maximo: float, cuantas: int = len(PALETA)) -> list[tuple[float, float]]:
    """Intervalos de igual ancho entre 1 y el máximo: [(1, 2), (3, 4), …]; ninguno si es 0."""
    if maximo <= 0:
        return []
    if float(maximo).is_integer():
        cuantas = min(cuantas, int(maximo))
        return [
            (math.floor(i * maximo / cuantas) + 1, math.floor((i + 1) * maximo / cuantas))
            for i in range(cuantas)
        ]
    paso = maximo / cuantas
    return [(i * paso, (i + 1) * paso) for i in range(cuantas)]


def _colores(intervalos: list) -> list[str]:
    """Con menos clases que colores, toma los colores repartidos en toda la paleta."""
    if len(intervalos) <= 1:
        return [PALETA[-2]] * len(intervalos)
    paso = (len(PALETA) - 1) / (len(intervalos) - 1)
    return [PALETA[round(i * paso)] for i in range(len(intervalos))]


def _texto_intervalo(inferior: float, superior: float, hasta: str = "a") -> str:
    if inferior == superior:
        return numero(inferior)
    return f"{numero(inferior)} {hasta} {numero(superior)}"


def mapa_svg(
    valores: Mapping[str, float],
    titulo: str,
    *,
    unidad: tuple[str, str] = ("actividad", "actividades"),
    enlaces: Mapping[str, str] | None = None,
    descripcion: str = "",
    id_svg: str = "mapa",
    sin_dato: str = "sin cobertura",
    hasta: str = "a",
    con_titulo: bool = True,
    nombres: Mapping[str, str] | None = None,
    atribucion: str = ATRIBUCION,
) -> str:
    """El mapa de las 32 entidades coloreadas según ``valores`` (clave INEGI -> número).

    ``unidad`` es (singular, plural) para las etiquetas: «Nayarit: 1 actividad».
    ``enlaces`` (clave -> URL) convierte cada entidad en un enlace. Cada entidad tiene un
    nombre accesible con su valor; el título, la leyenda y la atribución van dentro del SVG.
    ``sin_dato`` dice en la leyenda qué significa el 0 en esta métrica; ``hasta`` une los
    extremos de un intervalo («1 a 5»; «1 to 5» en inglés). Con ``con_titulo=False`` el título
    no se dibuja (queda como ``<title>``, el nombre accesible): un documento que pone su propio
    pie de figura lo imprimiría dos veces. ``nombres`` (clave -> nombre) y ``atribucion``
    cambian los nombres de las entidades y la fuente, para un documento en otro idioma.
    """
    datos = geometria()
    enlaces = enlaces or {}
    nombres = nombres or {}
    maximo = max((valores.get(e["clave"], 0) for e in datos["entidades"]), default=0)
    intervalos = clases(maximo)
    colores = _colores(intervalos)
    ident = escape(id_svg)
    patron = f"{ident}-sin-dato"

    def color(valor: float) -> str:
        if valor <= 0:
            return f"url(#{patron})"
        for (_inferior, superior), c in zip(intervalos, colores, strict=True):
            if valor <= superior:
                return c
        return colores[-1]

    lineas = textwrap.wrap(titulo, LETRAS_POR_LINEA) or [""]
    extra = ALTO_LINEA * (len(lineas) - 1)  # el lienzo crece hacia arriba por cada línea más
    arriba = 44 + extra if con_titulo else 0
    renglones = "".join(
        f'<tspan x="{ANCHO // 2}" y="{-18 - extra + i * ALTO_LINEA}">{escape(linea)}</tspan>'
        for i, linea in enumerate(lineas)
    )
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mapa" '
        f'viewBox="0 {-arriba} {ANCHO} {540 + arriba}" '
        f'aria-labelledby="{ident}-titulo {ident}-desc">',
        f'<title id="{ident}-titulo">{escape(titulo)}</title>',
        f'<desc id="{ident}-desc">{escape(descripcion or titulo)}</desc>',
        "<defs>"
        f'<pattern id="{patron}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{COLOR_CERO}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#bdbdbd" stroke-width="1.5"/>'
        "</pattern></defs>",
        '<g class="mapa-entidades">',
    ]
    if con_titulo:
        partes.insert(
            -1,
            '<text text-anchor="middle" font-size="22" font-weight="bold" fill="#1a1a1a">'
            f"{renglones}</text>",
        )
    for entidad in datos["entidades"]:
        valor = valores.get(entidad["clave"], 0)
        singular, plural = unidad
        etiqueta = escape(
            f"{nombres.get(entidad['clave'], entidad['nombre'])}: "
            f"{numero(valor)} {singular if valor == 1 else plural}"
        )
        trazo = (
            f'<path d="{entidad["path"]}" fill="{color(valor)}" stroke="{COLOR_BORDE}" '
            f'stroke-width="0.7" data-clave="{entidad["clave"]}"><title>{etiqueta}</title></path>'
        )
        if entidad["clave"] in enlaces:
            partes.append(
                f'<a href="{escape(enlaces[entidad["clave"]])}" aria-label="{etiqueta}">{trazo}</a>'
            )
        else:
            partes.append(f'<g role="img" aria-label="{etiqueta}">{trazo}</g>')
    partes.append("</g>")
    partes.append(_leyenda(intervalos, colores, patron, unidad[1], sin_dato, hasta))
    partes.append(
        f'<text x="786" y="532" text-anchor="end" font-size="{LETRA_MINIMA}" fill="#4d4d4d">'
        f"{escape(atribucion)}</text>"
    )
    partes.append("</svg>")
    return "".join(partes)


def _leyenda(intervalos, colores, patron: str, plural: str, sin_dato: str, hasta: str) -> str:
    filas = [(f"url(#{patron})", f"0 ({sin_dato})")]
    filas += [(c, _texto_intervalo(*i, hasta)) for i, c in zip(intervalos, colores, strict=True)]
    partes = [
        '<g class="mapa-leyenda" transform="translate(24 340)">',
        f'<text x="0" y="0" font-size="{LETRA_MINIMA}" font-weight="bold" fill="#1a1a1a">'
        f"{escape(plural.capitalize())}</text>",
    ]
    for i, (relleno, texto) in enumerate(filas):
        y = 12 + i * 24
        partes.append(
            f'<rect x="0" y="{y}" width="26" height="18" fill="{relleno}" '
            f'stroke="{COLOR_BORDE}" stroke-width="0.7"/>'
            f'<text x="34" y="{y + 14}" font-size="{LETRA_MINIMA}" fill="#1a1a1a">'
            f"{escape(texto)}</text>"
        )
    partes.append("</g>")
    return "".join(partes)

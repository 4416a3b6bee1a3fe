"""Gráficas de barras como SVG dibujado en el servidor (sirven sin JavaScript y en el PDF).

Cada SVG lleva título y descripción; la página muestra además los mismos datos en una tabla
como alternativa de texto.
"""

import math

from django.utils.html import escape

from informes.graficos.mapa import numero

COLORES = ("#9ecae1", "#08519c", "#e6550d", "#31a354")
TEXTO = "#1a1a1a"


def _escala(maximo: float) -> tuple[float, list[float]]:
    """Un tope «redondo» para el eje y sus marcas: 7 -> (8, [0, 2, 4, 6, 8])."""
    if maximo <= 0:
        return 1, [0, 1]
    bruto = maximo / 4
    magnitud = 10 ** math.floor(math.log10(bruto))
    paso = next(m * magnitud for m in (1, 2, 2.5, 5, 10) if m * magnitud >= bruto)
    if paso < 1:
        paso = 1
    tope = math.ceil(maximo / paso) * paso
    return tope, [i * paso for i in range(int(tope / paso) + 1)]


def _inicio(ancho: int, alto: int, titulo: str, descripcion: str, ident: str) -> list[str]:
    ident = escape(ident)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafica" viewBox="0 0 {ancho} {alto}" '
        f'role="img" aria-labelledby="{ident}-titulo {ident}-desc">',
        f'<title id="{ident}-titulo">{escape(titulo)}</title>',
        f'<desc id="{ident}-desc">{escape(descripcion or titulo)}</desc>',
        f'<text x="{ancho / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold" '
        f'fill="{TEXTO}">{escape(titulo)}</text>',
    ]


def barras_agrupadas(
    categorias: list[str],
    series: list[tuple[str, list[float]]],
    titulo: str,
    *,
    descripcion: str = "",
    id_svg: str = "grafica",
) -> str:
    """Barras verticales: una por serie en cada categoría (p. ej. programadas y realizadas)."""
    ancho, alto = 720, 320
    izquierda, derecha, arriba, abajo = 48, 16, 64, 48
    maximo = max((v for _n, valores in series for v in valores), default=0)
    tope, marcas = _escala(maximo)
    alto_util = alto - arriba - abajo
    ancho_grupo = (ancho - izquierda - derecha) / max(len(categorias), 1)
    ancho_barra = ancho_grupo * 0.8 / max(len(series), 1)

    if not descripcion:
        descripcion = "; ".join(
            f"{c}: " + ", ".join(f"{n.lower()} {numero(v[i])}" for n, v in series)
            for i, c in enumerate(categorias)
        )
    partes = _inicio(ancho, alto, titulo, descripcion, id_svg)
    for marca in marcas:
        y = arriba + alto_util - marca / tope * alto_util
        partes.append(
            f'<line x1="{izquierda}" x2="{ancho - derecha}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#d9d9d9"/><text x="{izquierda - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="{TEXTO}">{numero(marca)}</text>'
        )
    for i, categoria in enumerate(categorias):
        x0 = izquierda + i * ancho_grupo + ancho_grupo * 0.1
        for j, (nombre, valores) in enumerate(series):
            valor = valores[i]
            h = valor / tope * alto_util
            partes.append(
                f'<rect x="{x0 + j * ancho_barra:.1f}" y="{arriba + alto_util - h:.1f}" '
                f'width="{ancho_barra - 1:.1f}" height="{h:.1f}" fill="{COLORES[j % 4]}">'
                f"<title>{escape(f'{categoria}, {nombre}: {numero(valor)}')}</title></rect>"
            )
        partes.append(
            f'<text x="{x0 + ancho_grupo * 0.4:.1f}" y="{alto - abajo + 16}" '
            f'text-anchor="middle" font-size="11" fill="{TEXTO}">{escape(categoria)}</text>'
        )
    for j, (nombre, _valores) in enumerate(series):
        x = izquierda + j * 160
        partes.append(
            f'<rect x="{x}" y="34" width="14" height="14" fill="{COLORES[j % 4]}"/>'
            f'<text x="{x + 20}" y="46" font-size="12" fill="{TEXTO}">{escape(nombre)}</text>'
        )
    partes.append("</svg>")
    return "".join(partes)


def barras_horizontales(
    etiquetas: list[str],
    valores: list[float],
    titulo: str,
    *,
    descripcion: str = "",
    id_svg: str = "grafica",
) -> str:
    """Una barra horizontal por etiqueta, con su valor escrito al final."""
    ancho, alto_barra, arriba = 720, 24, 40
    izquierda, derecha = 280, 60
    alto = arriba + alto_barra * len(etiquetas) + 12
    maximo = max(valores, default=0)
    tope = maximo if maximo > 0 else 1
    if not descripcion:
        descripcion = "; ".join(
            f"{e}: {numero(v)}" for e, v in zip(etiquetas, valores, strict=True)
        )
    partes = _inicio(ancho, alto, titulo, descripcion, id_svg)
    for i, (etiqueta, valor) in enumerate(zip(etiquetas, valores, strict=True)):
        y = arriba + i * alto_barra
        largo = valor / tope * (ancho - izquierda - derecha)
        partes.append(
            f'<text x="{izquierda - 8}" y="{y + 16}" text-anchor="end" font-size="12" '
            f'fill="{TEXTO}">{escape(etiqueta)}</text>'
            f'<rect x="{izquierda}" y="{y + 3}" width="{largo:.1f}" height="{alto_barra - 6}" '
            f'fill="{COLORES[1]}"><title>{escape(f"{etiqueta}: {numero(valor)}")}</title></rect>'
            f'<text x="{izquierda + largo + 6:.1f}" y="{y + 16}" font-size="12" '
            f'fill="{TEXTO}">{numero(valor)}</text>'
        )
    partes.append("</svg>")
    return "".join(partes)

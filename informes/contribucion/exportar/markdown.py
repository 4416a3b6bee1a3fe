"""El informe como Markdown: el mismo texto, con el anexo en tablas de barras verticales.

Todo texto (títulos de actividades, nombres, lo que escribió el personal) se escapa: un título
como ``<script>…`` o ``[aquí](javascript:…)`` se lee tal cual en cualquier visor de Markdown,
sin volverse HTML, enlace ni formato. La puntuación común (puntos, comas, paréntesis, comillas)
se deja como está para que el texto siga siendo legible sin renderizar.
"""

import re

from informes.contribucion.documento import Bloque, Documento

# Lo que abre formato en línea (énfasis, código, enlaces, tachado) y la barra que escapa.
_EN_LINEA = re.compile(r"([\\`*_\[\]~])")
# Un & que formaría una entidad HTML (&lt; &#60; &#x3C;) se escribe como &amp;.
_ENTIDAD = re.compile(r"&(?=#?\w+;)")
# Al inicio de una línea: encabezado, cita, viñeta, subrayado o lista numerada.
_INICIO_BLOQUE = re.compile(r"^([#>+\-=])")
_INICIO_NUMERADO = re.compile(r"^(\d+)([.)])(?=\s|$)")


def escapar(texto: str, *, inicio_de_linea: bool = True) -> str:
    """``texto`` en una sola línea, para que Markdown lo muestre literalmente."""
    texto = " ".join(str(texto).split())  # un salto de línea podría abrir otro bloque
    texto = _EN_LINEA.sub(r"\\\1", texto)
    texto = _ENTIDAD.sub("&amp;", texto)
    # &lt; y &gt; (no \<) porque no todos los visores aceptan \< como escape.
    texto = texto.replace("<", "&lt;").replace(">", "&gt;")
    if inicio_de_linea:
        texto = _INICIO_NUMERADO.sub(r"\1\\\2", texto)
        texto = _INICIO_BLOQUE.sub(r"\\\1", texto)
    return texto


def _encabezado(nivel: int, texto: str) -> str:
    texto = escapar(texto)
    if texto.endswith("#"):  # un # final se tomaría como cierre del encabezado
        texto = texto[:-1] + "\\#"
    return f"{'#' * nivel} {texto}"


def _celda(texto: str) -> str:
    # En una celda no empieza ningún bloque; solo la barra la cortaría.
    return escapar(texto, inicio_de_linea=False).replace("|", "\\|")


def _bloques(bloques: list[Bloque]) -> str:
    partes: list[str] = []
    for bloque in bloques:
        if bloque.tipo == "vinetas":
            lineas = "\n".join(f"- {escapar(e)}" for e in bloque.elementos)
            # Una viñeta sigue a su párrafo de entrada ("Destacan las siguientes acciones:").
            if partes and partes[-1].endswith(":"):
                partes[-1] += "\n" + lineas
                continue
            partes.append(lineas)
        elif bloque.tipo == "encabezado":
            partes.append(_encabezado(2, bloque.texto))
        else:
            partes.append(escapar(bloque.texto))
    return "\n\n".join(partes)


def exportar_markdown(documento: Documento) -> str:
    partes = [_encabezado(1, documento.titulo), _bloques(documento.bloques_texto)]
    if documento.tablas:
        partes.append(_encabezado(2, documento.titulo_anexo))
        for tabla in documento.tablas:
            lineas = [
                _encabezado(3, tabla.titulo),
                "",
                "| " + " | ".join(_celda(e) for e in tabla.encabezados) + " |",
                "|" + "|".join("---" for _ in tabla.encabezados) + "|",
                *("| " + " | ".join(_celda(c) for c in fila) + " |" for fila in tabla.filas),
            ]
            partes.append("\n".join(lineas))
        partes.extend(escapar(n) for n in documento.notas_anexo)
    return "\n\n".join(p for p in partes if p) + "\n"

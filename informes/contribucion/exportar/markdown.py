"""El informe como Markdown: el mismo texto, con el anexo en tablas de barras verticales."""

from informes.contribucion.documento import Documento, bloques_a_texto


def _celda(texto: str) -> str:
    return texto.replace("|", "\\|")


def exportar_markdown(documento: Documento) -> str:
    partes = [f"# {documento.titulo}", bloques_a_texto(documento.bloques_texto)]
    if documento.tablas:
        partes.append(f"## {documento.titulo_anexo}")
        for tabla in documento.tablas:
            lineas = [
                f"### {tabla.titulo}",
                "",
                "| " + " | ".join(_celda(e) for e in tabla.encabezados) + " |",
                "|" + "|".join("---" for _ in tabla.encabezados) + "|",
                *("| " + " | ".join(_celda(c) for c in fila) + " |" for fila in tabla.filas),
            ]
            partes.append("\n".join(lineas))
        partes.extend(documento.notas_anexo)
    return "\n\n".join(p for p in partes if p) + "\n"

"""El informe como HTML: la misma plantilla sirve a la página, al archivo .html y al PDF."""

from django.template.loader import render_to_string

from informes.contribucion.documento import Documento


def exportar_html(documento: Documento, *, para_pdf: bool = False) -> str:
    return render_to_string(
        "informes/contribucion/documento_completo.html",
        {
            "documento": documento,
            "mapa_svg": documento.mapa_svg,
            "para_pdf": para_pdf,
        },
    )

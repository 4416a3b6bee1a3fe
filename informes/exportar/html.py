"""El informe como HTML: la misma plantilla sirve a la página, al archivo .html y al PDF."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from informes.documento import Documento


def exportar_html(documento: Documento, *, para_pdf: bool = False) -> str:
    return render_to_string(
        "informes/contribucion/documento_completo.html",
        {
            "documento": documento,
            # El SVG lo arma mapa_cobertura_svg() escapando cada texto.
            "mapa_svg": mark_safe(documento.mapa_svg),  # noqa: S308
            "para_pdf": para_pdf,
        },
    )

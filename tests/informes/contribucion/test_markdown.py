"""El informe en Markdown: lo que viene de los registros se lee tal cual en cualquier visor."""

import datetime as dt
import html

import pytest
from markdown_it import MarkdownIt

from capacitaciones.models import Actividad, Participacion
from informes.contribucion.exportar.markdown import exportar_markdown
from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.servicios import documento_armar
from programa.models import Audiencia

pytestmark = pytest.mark.django_db

HOSTIL = "<script>alert(1)</script> **x** [enlace](javascript:alert(1)) _y_ `z` ~~t~~ &lt;"


def _renderizar(markdown: str) -> str:
    # CommonMark con HTML permitido y tablas: el visor más permisivo.
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def _markdown_2015(**campos) -> str:
    aportacion = contribucion_construir(
        desde=dt.date(2014, 1, 1), hasta=dt.date(2015, 6, 30), corte=dt.date(2015, 6, 30)
    )
    return exportar_markdown(
        documento_armar(contribucion=aportacion, idioma="es", titulo="Aportación 2015", **campos)
    )


def _sin_formato(pagina: str) -> None:
    for etiqueta in ("<script", "<a ", "<strong", "<em", "<code", "<del", "<ol", "<img"):
        assert etiqueta not in pagina, etiqueta


def test_un_titulo_hostil_se_lee_literalmente(demo):
    Actividad.objects.filter(folio="SNDIF-2015-PLATICA-02").update(titulo=HOSTIL)

    markdown = _markdown_2015()
    pagina = _renderizar(markdown)

    _sin_formato(pagina)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pagina
    # Lo que ve quien lee: el título exacto, con sus asteriscos y corchetes.
    assert HOSTIL in html.unescape(pagina)


def test_texto_libre_hostil_en_el_cuerpo_y_el_titulo_del_informe(demo):
    cuerpo = (
        "## Avance <img src=x onerror=alert(1)> #\n\n"
        "2019. Año en que <b>no</b> hubo [foro](https://ejemplo.org).\n\n"
        "- # no soy encabezado\n"
        "- > ni cita\n\n"
        "+ tampoco viñeta\n\n"
        "1) ni lista numerada\n\n"
        "Párrafo\n===\n"
    )
    markdown = exportar_markdown(
        documento_armar(
            contribucion=contribucion_construir(
                desde=dt.date(2019, 1, 1), hasta=dt.date(2019, 12, 31), corte=dt.date(2019, 12, 31)
            ),
            idioma="es",
            titulo="# Informe <i>2019</i>",
            cuerpo=cuerpo,
        )
    )
    pagina = _renderizar(markdown)

    _sin_formato(pagina)
    for etiqueta in ("<b>", "<i>", "<blockquote", "<li>\n<h1"):
        assert etiqueta not in pagina, etiqueta
    assert pagina.count("<h1>") == 1
    assert "<h1># Informe &lt;i&gt;2019&lt;/i&gt;</h1>" in pagina
    assert "<h2>Avance &lt;img src=x onerror=alert(1)&gt; #</h2>" in pagina
    assert (
        "<p>2019. Año en que &lt;b&gt;no&lt;/b&gt; hubo [foro](https://ejemplo.org).</p>" in pagina
    )
    assert "<li># no soy encabezado</li>" in pagina
    assert "<li>&gt; ni cita</li>" in pagina
    assert "<p>+ tampoco viñeta</p>" in pagina
    assert "<p>1) ni lista numerada</p>" in pagina
    assert "<p>Párrafo ===</p>" in pagina


def test_una_audiencia_hostil_en_el_anexo_no_rompe_la_tabla(demo):
    # Las audiencias son un catálogo que el personal edita; su nombre llega a las tablas.
    audiencia = Participacion.objects.filter(actividad__folio="SNDIF-2015-PLATICA-02").get()
    Audiencia.objects.filter(pk=audiencia.audiencia_id).update(nombre="Niñas | niños <u>x</u>")

    pagina = _renderizar(_markdown_2015())

    assert "<u>" not in pagina
    assert "<td>Niñas | niños &lt;u&gt;x&lt;/u&gt;</td>" in pagina
    # Cada fila de la tabla de audiencias sigue con sus cuatro columnas.
    tabla = pagina.split("<h3>Participantes por audiencia</h3>")[1].split("</table>")[0]
    assert {fila.count("<td>") + fila.count("<th>") for fila in tabla.split("<tr>")[1:]} == {4}


def test_el_texto_de_2015_sigue_legible_sin_escapes_de_mas(demo):
    markdown = _markdown_2015()

    # La puntuación común del texto de 2015 queda como está.
    assert "\\" not in markdown
    assert "&amp;" not in markdown
    assert (
        "- El 18 de marzo de 2015 se impartió la plática preventiva “Delitos Cibernéticos” en la "
        "Ciudad de México, dirigida al personal que implementa el Programa para la Protección y "
        "Desarrollo Integral de la Infancia." in markdown
    )
    assert "| Total nacional | 2 | 1 | 1 | 4 | 8 |" in markdown

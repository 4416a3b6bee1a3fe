"""La lista de actividades en una pantalla de 1,366 px: todo a la vista, sin desplazarse de lado."""

import pytest
from playwright.sync_api import expect

from tests.e2e.teclado import entrar
from tests.e2e.usuarios import CLAVE, capturista_nacional

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_la_lista_cabe_en_1366_px_y_el_titulo_no_queda_bajo_los_botones(pagina, datos_demo):
    usuario = capturista_nacional()
    pagina.set_viewport_size({"width": 1366, "height": 900})
    pagina.goto("/admin/")
    entrar(pagina, usuario.username, CLAVE)
    pagina.goto("/admin/capacitaciones/actividad/")
    expect(pagina.locator("#result_list")).to_be_visible()

    ancho = pagina.evaluate("document.documentElement.scrollWidth")
    tabla = pagina.locator("#result_list").bounding_box()
    resultados = pagina.locator("#changelist .results").bounding_box()
    titulo = pagina.locator("#content h1").bounding_box()
    botones = pagina.locator("#content-main .object-tools").bounding_box()

    print(
        f"scrollWidth a 1366 px: {ancho}; tabla {tabla['width']:.0f} en {resultados['width']:.0f}"
    )
    assert ancho <= 1366
    assert tabla["width"] <= resultados["width"] + 1  # sin barra de desplazamiento propia
    for columna in ("titulo", "fecha", "lista_entidades", "estado", "participantes"):
        caja = pagina.locator(f"#result_list td.field-{columna}").first.bounding_box()
        assert caja["x"] + caja["width"] <= 1366, columna
    assert titulo["y"] + titulo["height"] <= botones["y"]  # los botones no tapan el título

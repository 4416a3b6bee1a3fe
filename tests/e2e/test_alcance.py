"""Recorrido 4: un enlace estatal no alcanza las actividades de otro estado.

Ni por la lista, ni por el buscador, ni por el filtro de entidad, ni escribiendo la dirección.
El enlace de San Luis Potosí solo ve la capacitación de San Luis Potosí de los datos de 2015;
la de Nayarit, a la que intenta llegar, existe (la coordinación nacional sí la ve).
"""

import pytest
from playwright.sync_api import expect

from capacitaciones.models import Actividad
from tests.e2e.teclado import entrar
from tests.e2e.usuarios import CLAVE, enlace_estatal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LISTA = "/admin/capacitaciones/actividad/"
SUYA = "SNDIF-2015-CAP-SLP"
AJENA = "SNDIF-2015-CAP-NAY"


def folios_en_lista(pagina) -> list[str]:
    return pagina.locator("#result_list tbody th.field-folio").all_inner_texts()


def test_enlace_estatal_no_alcanza_otro_estado(pagina, recorrido, datos_demo):
    enlace = enlace_estatal("enlace-slp", claves=("24",))
    ajena = Actividad.objects.get(folio=AJENA)

    entrar(pagina, enlace.username, CLAVE)
    expect(pagina.locator("#content h1")).to_have_text("Registro del programa")

    # La lista: solo lo de San Luis Potosí.
    pagina.goto(LISTA)
    expect(pagina.locator("#result_list")).to_be_visible()
    assert folios_en_lista(pagina) == [SUYA]
    expect(pagina.locator("#result_list")).not_to_contain_text("Nayarit")
    recorrido.pantalla("Lista de actividades del enlace de San Luis Potosí")

    # El buscador: ni por folio ni por título aparece la de Nayarit.
    buscador = pagina.locator("#searchbar")
    buscador.fill(AJENA)
    buscador.press("Enter")
    expect(pagina.locator("#changelist-search")).to_contain_text("0 resultados")
    assert folios_en_lista(pagina) == []
    recorrido.pantalla("Búsqueda del folio de Nayarit")
    buscador = pagina.locator("#searchbar")
    buscador.fill("Capacitación sobre delitos cibernéticos")
    buscador.press("Enter")
    # (El contador dice «1 results»: la traducción es_MX de Django tiene mal ese singular.)
    expect(pagina.locator("#changelist-search")).to_contain_text("1 result")
    assert folios_en_lista(pagina) == [SUYA]

    # El filtro de entidad, escrito en la dirección: Nayarit (18) no da nada.
    pagina.goto(f"{LISTA}?entidad=18")
    assert folios_en_lista(pagina) == []

    # La dirección directa de la actividad, de su historial y de su eliminación: 404.
    for sufijo in ("change/", "history/", "delete/"):
        respuesta = pagina.goto(f"{LISTA}{ajena.pk}/{sufijo}")
        assert respuesta.status == 404, f"{sufijo}: {respuesta.status}"
        expect(pagina.locator("body")).not_to_contain_text("Nayarit")
        expect(pagina.locator("body")).not_to_contain_text(AJENA)
    recorrido.pantalla("Actividad de Nayarit por dirección directa")

    # La suya sí se abre.
    suya = Actividad.objects.get(folio=SUYA)
    respuesta = pagina.goto(f"{LISTA}{suya.pk}/change/")
    assert respuesta.status == 200
    expect(pagina.locator("#id_titulo")).to_have_value(suya.titulo)
    recorrido.pantalla("Actividad de San Luis Potosí del enlace")

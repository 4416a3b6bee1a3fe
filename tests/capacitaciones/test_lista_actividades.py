"""La lista de actividades del admin: filtros que se guardan en caché y el de convenio
como lista desplegable; lo que ve la persona no cambia."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/admin/capacitaciones/actividad/"


def filtro(html: str, titulo: str) -> str:
    """El bloque de un filtro de la columna lateral, por su título."""
    return re.search(rf'<details data-filter-title="{titulo}".*?</details>', html, re.S).group(0)


def test_el_filtro_de_anio_muestra_un_anio_nuevo_en_cuanto_se_guarda(
    admin_client, django_capture_on_commit_callbacks
):
    # 2012 queda entre el primer y el último año: la caché solo puede saberlo por su versión.
    f.ActividadFactory(entidades=["24"])
    f.ActividadFactory(
        entidades=["24"], fecha_inicio=dt.date(2010, 5, 1), fecha_fin=dt.date(2010, 5, 1)
    )
    assert ">2012</a>" not in filtro(admin_client.get(URL).content.decode(), "año")
    with django_capture_on_commit_callbacks(execute=True):
        f.ActividadFactory(
            entidades=["24"], fecha_inicio=dt.date(2012, 5, 1), fecha_fin=dt.date(2012, 5, 1)
        )
    anios = filtro(admin_client.get(URL).content.decode(), "año")
    assert [">2015</a>" in anios, ">2012</a>" in anios, ">2010</a>" in anios] == [True] * 3


def test_el_filtro_de_anio_deja_de_mostrar_un_anio_que_se_queda_sin_actividades(
    admin_client, django_capture_on_commit_callbacks
):
    f.ActividadFactory(entidades=["24"])
    vieja = f.ActividadFactory(
        entidades=["24"], fecha_inicio=dt.date(2012, 5, 1), fecha_fin=dt.date(2012, 5, 1)
    )
    f.ActividadFactory(
        entidades=["24"], fecha_inicio=dt.date(2010, 5, 1), fecha_fin=dt.date(2010, 5, 1)
    )
    assert ">2012</a>" in filtro(admin_client.get(URL).content.decode(), "año")
    with django_capture_on_commit_callbacks(execute=True):
        vieja.delete()
    anios = filtro(admin_client.get(URL).content.decode(), "año")
    assert ">2012</a>" not in anios
    assert ">2010</a>" in anios


def test_el_filtro_de_convenio_es_una_lista_desplegable_que_filtra(admin_client):
    uno = f.ConvenioFactory(folio="CONV-UNO", titulo="Con Sonora & Oaxaca")
    otro = f.ConvenioFactory(folio="CONV-OTRO")
    f.ActividadFactory(
        entidades=["24"], convenio=uno, titulo="Plática con convenio uno", estado="realizada"
    )
    f.ActividadFactory(entidades=["24"], convenio=otro, titulo="Plática con convenio otro")
    f.ActividadFactory(entidades=["24"], convenio=None, titulo="Plática sin convenio")

    html = admin_client.get(URL).content.decode()
    convenio = filtro(html, "convenio")
    assert '<select name="convenio__id__exact"' in convenio
    assert '<option value="">Todos</option>' in convenio
    assert f'<option value="{uno.pk}">CONV-UNO · Con Sonora &amp; Oaxaca</option>' in convenio
    assert '<option value="sin">Sin convenio</option>' in convenio
    assert "<a " not in convenio  # ni un enlace por convenio
    assert ">Filtrar</button>" in convenio

    # Lo que envía el formulario sin JavaScript, con otro filtro ya elegido.
    filtrada = admin_client.get(URL, {"estado__exact": "realizada", "convenio__id__exact": uno.pk})
    html = filtrada.content.decode()
    assert "Plática con convenio uno" in html
    assert "Plática con convenio otro" not in html
    convenio = filtro(html, "convenio")
    assert f'<option value="{uno.pk}" selected>' in convenio
    # Elegir otro convenio conserva el estado, pero no la página.
    assert '<input type="hidden" name="estado__exact" value="realizada">' in convenio
    assert 'name="p"' not in convenio

    sin = admin_client.get(URL, {"convenio__id__exact": "sin"}).content.decode()
    assert "Plática sin convenio" in sin
    assert "Plática con convenio uno" not in sin

    todos = admin_client.get(URL, {"convenio__id__exact": ""}).content.decode()
    assert "Plática con convenio otro" in todos and "Plática sin convenio" in todos


def test_un_convenio_nuevo_aparece_en_el_filtro(admin_client, django_capture_on_commit_callbacks):
    f.ActividadFactory(entidades=["24"])
    assert "CONV-NUEVO" not in admin_client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        f.ConvenioFactory(folio="CONV-NUEVO")
    assert "CONV-NUEVO" in filtro(admin_client.get(URL).content.decode(), "convenio")


@pytest.mark.parametrize("valor", ["abc", "-1", "9" * 40, "1 OR 1=1"])
def test_un_convenio_que_no_es_numero_avisa_en_espanol(admin_client, valor):
    f.ActividadFactory(entidades=["24"])
    respuesta = admin_client.get(URL, {"convenio__id__exact": valor}, follow=True)
    assert respuesta.status_code == 200
    assert "con valores no válidos; se muestra la lista completa" in respuesta.content.decode()


def test_los_enlaces_de_cada_fila_son_los_de_django(admin_client):
    actividades = [f.ActividadFactory(entidades=["24"]) for _ in range(3)]
    html = admin_client.get(URL).content.decode()
    for actividad in actividades:
        cambio = reverse("admin:capacitaciones_actividad_change", args=[actividad.pk])
        assert html.count(f'href="{cambio}"') == 2  # folio y título


def test_la_lista_muestra_titulo_fecha_entidades_estado_y_participantes(admin_client):
    actividad = f.ActividadFactory(
        entidades=["24", "09"], titulo="Delitos Cibernéticos", estado="realizada"
    )
    f.ParticipacionFactory(actividad=actividad, total=37, mujeres=None, hombres=None)
    html = admin_client.get(URL).content.decode()
    fila = re.search(r'<tr>\s*<td class="action-checkbox">.*?</tr>', html, re.S).group(0)
    assert "Delitos Cibernéticos" in fila
    assert "18 mar 2015" in fila or "18/03/2015" in fila or "2015" in fila
    assert "San Luis Potosí" in fila and "Ciudad de México" in fila
    assert "Realizada" in fila
    assert '<td class="field-participantes">37</td>' in fila


def test_cincuenta_por_pagina_y_la_siguiente_tiene_el_resto(admin_client):
    for n in range(51):
        f.ActividadFactory(entidades=["24"], folio=f"SNDIF-2015-{n:03d}")
    primera = admin_client.get(URL, {"o": "1"}).content.decode()
    segunda = admin_client.get(URL, {"o": "1", "p": "2"}).content.decode()
    assert primera.count('<td class="action-checkbox">') == 50
    assert "SNDIF-2015-049" in primera and "SNDIF-2015-050" not in primera
    assert segunda.count('<td class="action-checkbox">') == 1
    assert "SNDIF-2015-050" in segunda

"""El sitio habla español diga lo que diga el navegador, y una fecha escrita es día/mes/año."""

import datetime as dt
import re

import pytest

from capacitaciones.models import Actividad
from tests import factories as f

pytestmark = pytest.mark.django_db
ALTA = "/admin/capacitaciones/actividad/add/"
INGLES = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def formulario(**cambios):
    datos = {
        "folio": "DIF-JAL-2019-001",
        "tipo": "taller",
        "titulo": "Taller para madres, padres y personas cuidadoras",
        "estado": "realizada",
        "precision": "dia",
        "fecha_fin": "",
        "modalidad": "presencial",
        "programa": f.ProgramaFactory().pk,
        "entidades": ["14"],
    }
    for prefijo in ("participaciones", "actividadinstitucion_set", "evidencias"):
        datos |= {f"{prefijo}-TOTAL_FORMS": 0, f"{prefijo}-INITIAL_FORMS": 0}
    return datos | cambios


@pytest.mark.parametrize("url", ["/admin/", ALTA, "/admin/capacitaciones/actividad/"])
def test_con_el_navegador_en_ingles_las_paginas_siguen_en_espanol(admin_client, url):
    contenido = admin_client.get(url, **INGLES).content.decode()

    assert "Cerrar sesión" in contenido
    assert "Log out" not in contenido


def test_ni_la_cookie_de_idioma_cambia_el_idioma(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    contenido = admin_client.get(ALTA, **INGLES).content.decode()

    assert 'lang="es-mx"' in contenido
    assert "Guardar y agregar otro" in contenido
    assert "Save and add another" not in contenido


def test_la_pagina_de_entrada_tambien(client):
    contenido = client.get("/admin/login/", **INGLES).content.decode()
    assert "Nombre de usuario" in contenido and "Username" not in contenido


@pytest.mark.parametrize(
    ("escrita", "guardada"),
    [
        ("03/04/2015", dt.date(2015, 4, 3)),  # 3 de abril, no 4 de marzo
        ("2015-04-03", dt.date(2015, 4, 3)),
        ("12/01/2021", dt.date(2021, 1, 12)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("3/4/2019", dt.date(2019, 4, 3)),
    ],
)
def test_una_fecha_escrita_es_dia_mes_anio_aunque_el_navegador_este_en_ingles(
    admin_client, escrita, guardada
):
    respuesta = admin_client.post(ALTA, formulario(fecha_inicio=escrita), **INGLES)

    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    actividad = Actividad.objects.get(folio="DIF-JAL-2019-001")
    assert actividad.fecha_inicio == guardada
    # Y se vuelve a mostrar como día/mes/año para corregirla.
    ficha = admin_client.get(f"/admin/capacitaciones/actividad/{actividad.pk}/change/", **INGLES)
    assert f'value="{guardada:%d/%m/%Y}"' in ficha.content.decode()


@pytest.mark.parametrize(
    "escrita", ["2015/13/45", "04/31/2015", "13/13/2013", "mañana", "<script>alert(1)</script>"]
)
def test_una_fecha_imposible_se_explica_en_espanol_y_no_se_guarda(admin_client, escrita):
    respuesta = admin_client.post(ALTA, formulario(fecha_inicio=escrita), **INGLES)

    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert "Escriba la fecha como día/mes/año (por ejemplo 03/04/2015) o 2015-04-03." in contenido
    assert "Enter a valid date" not in contenido
    assert "<script>alert(1)</script>" not in contenido
    assert not Actividad.objects.filter(folio="DIF-JAL-2019-001").exists()


def test_el_calendario_del_admin_escribe_dia_mes_anio(admin_client):
    """El calendario (JavaScript) escribe la fecha con el primer formato de entrada."""
    catalogo = admin_client.get("/admin/jsi18n/", **INGLES).content.decode()
    formatos = re.search(r'"DATE_INPUT_FORMATS": \[\s*"([^"]+)"', catalogo)
    assert formatos.group(1) == "%d/%m/%Y"


def test_los_filtros_de_cobertura_leen_dia_mes_anio(admin_client):
    f.ActividadFactory(
        estado="realizada", fecha_inicio=dt.date(2018, 4, 3), fecha_fin=dt.date(2018, 4, 3),
        entidades=["14"],
    )  # fmt: skip
    f.ActividadFactory(
        estado="realizada", fecha_inicio=dt.date(2018, 3, 4), fecha_fin=dt.date(2018, 3, 4),
        entidades=["24"],
    )  # fmt: skip
    respuesta = admin_client.get(
        "/informes/cobertura.csv", {"desde": "03/04/2018", "hasta": "03/04/2018"}, **INGLES
    )
    filas = {
        fila.split(",")[0]: fila.split(",")[2]
        for fila in respuesta.content.decode("utf-8-sig").splitlines()[1:]
    }
    assert (filas["14"], filas["24"]) == ("1", "0")  # Jalisco el 3 de abril; SLP, el 4 de marzo

"""Un solo espacio de trabajo: desde el admin se llega a los informes y de vuelta."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User

from informes.contribucion.servicios import informe_generar
from informes.models import InformeContribucion
from programa.models import PerfilUsuario
from programa.roles import POR_CLAVE

pytestmark = pytest.mark.django_db

TABLERO = 'href="/informes/"'
COBERTURA = 'href="/informes/cobertura/"'
CONTRIBUCION = 'href="/informes/contribucion/"'


def persona(rol):
    usuario = User.objects.create_user(rol, password="x" * 12, is_staff=True)
    usuario.groups.add(Group.objects.get(name=POR_CLAVE[rol]))
    if rol == "enlace-estatal":
        PerfilUsuario.objects.create(usuario=usuario).entidades.set(["24"])
    return usuario


@pytest.mark.parametrize("rol", ["administracion", "coordinacion", "capturista", "consulta"])
def test_el_encabezado_y_el_indice_del_admin_llevan_a_los_informes(client, rol):
    client.force_login(persona(rol))
    pagina = client.get("/admin/").content.decode()

    assert pagina.count(TABLERO) >= 3  # encabezado, índice y «Ir al tablero» (antes «Ver sitio»)
    assert pagina.count(COBERTURA) == 2 and pagina.count(CONTRIBUCION) == 2
    assert "Ver sitio" not in pagina and "Ir al tablero" in pagina


def test_el_enlace_estatal_no_ve_en_el_menu_lo_que_no_puede_abrir(client):
    client.force_login(persona("enlace-estatal"))
    admin = client.get("/admin/capacitaciones/actividad/").content.decode()
    tablero = client.get("/informes/").content.decode()

    assert TABLERO in admin and COBERTURA in admin and CONTRIBUCION not in admin
    assert COBERTURA in tablero and CONTRIBUCION not in tablero


def test_las_paginas_de_contribucion_comparten_el_diseno_y_el_menu_del_sitio(client):
    usuario = persona("coordinacion")
    informe = InformeContribucion.objects.create(
        titulo="Aportación 2021",
        desde=dt.date(2021, 1, 1),
        hasta=dt.date(2021, 12, 31),
        corte=dt.date(2021, 12, 31),
        creado_por=usuario,
    )
    informe_generar(informe=informe)
    client.force_login(usuario)
    for url in ("/informes/contribucion/", "/informes/contribucion/nuevo/",
                f"/informes/contribucion/{informe.pk}/"):  # fmt: skip
        pagina = client.get(url).content.decode()
        assert "css/sitio.css" in pagina, url
        assert TABLERO in pagina and COBERTURA in pagina and 'href="/admin/"' in pagina, url
        assert f'{CONTRIBUCION} aria-current="page"' in pagina, url
        assert 'class="contribucion"' in pagina, url  # ancho acotado (contribucion.css)


def test_un_convenio_de_nombre_largo_no_ensancha_el_formulario():
    from django.conf import settings

    css = (settings.BASE_DIR / "static/informes/contribucion/contribucion.css").read_text()
    assert ".contribucion select" in css and "max-width: 100%" in css

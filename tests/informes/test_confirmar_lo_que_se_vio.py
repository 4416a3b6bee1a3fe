"""«Volver a redactar» y «Marcar como final» hacen lo que se confirmó, sobre el texto que se vio.

La página de confirmación lleva la revisión del texto; si otra persona lo cambió antes del clic,
no se congela ni se borra su cambio sin que nadie lo vea.
"""

import datetime as dt
import re
import zoneinfo

import pytest
from django.urls import reverse

from informes.models import InformeContribucion
from tests.informes.test_revision_informe import _abierto, _entrar, ana  # noqa: F401

pytestmark = pytest.mark.django_db


def confirmacion_abierta(cliente, nombre, informe) -> dict:
    """Lo que el navegador enviaría desde la página de confirmación."""
    respuesta = cliente.get(reverse(f"informes:{nombre}", args=[informe.pk]))
    assert respuesta.status_code == 200
    return dict(re.findall(r'name="(revision_leida)" value="(\d+)"', respuesta.content.decode()))


@pytest.fixture
def a_las_13_05(time_machine):
    zona = zoneinfo.ZoneInfo("America/Mexico_City")
    time_machine.move_to(dt.datetime(2031, 5, 2, 13, 5, tzinfo=zona), tick=False)


def test_finalizar_no_congela_un_texto_que_quien_finaliza_no_vio(
    borrador,
    coordinador,
    ana,  # noqa: F811
    a_las_13_05,
):
    de_coordinadora, de_ana = _entrar(coordinador), _entrar(ana)
    # La coordinadora revisa el borrador y abre la confirmación de «Marcar como final».
    confirmacion = confirmacion_abierta(de_coordinadora, "contribucion_finalizar", borrador)
    # Mientras tanto Ana cambia el texto.
    url = reverse("informes:contribucion_detalle", args=[borrador.pk])
    assert (
        de_ana.post(url, _abierto(de_ana, borrador) | {"cierre": "TEXTO NO REVISADO"}).status_code
        == 302
    )
    # La coordinadora confirma lo que vio.
    respuesta = de_coordinadora.post(
        reverse("informes:contribucion_finalizar", args=[borrador.pk]), confirmacion, follow=True
    )
    final = InformeContribucion.objects.get(pk=borrador.pk)
    assert not (final.es_final and final.cierre == "TEXTO NO REVISADO"), "finalizó texto no visto"
    assert not final.es_final
    html = respuesta.content.decode()
    assert (
        "Ana López (ana.lopez) cambió este informe el 02/05/2031 a las 13:05 después de que "
        "usted abrió la confirmación. No se marcó como final" in html
    )
    assert "TEXTO NO REVISADO" in html  # la página del informe ya muestra el texto nuevo

    # Confirmado de nuevo, ya sobre el texto que vio, sí se finaliza.
    confirmacion = confirmacion_abierta(de_coordinadora, "contribucion_finalizar", borrador)
    de_coordinadora.post(
        reverse("informes:contribucion_finalizar", args=[borrador.pk]), confirmacion
    )
    assert InformeContribucion.objects.get(pk=borrador.pk).es_final


def test_volver_a_redactar_no_borra_una_edicion_que_no_vio(
    borrador,
    coordinador,
    ana,  # noqa: F811
):
    de_coordinadora, de_ana = _entrar(coordinador), _entrar(ana)
    confirmacion = confirmacion_abierta(de_coordinadora, "contribucion_regenerar", borrador)
    url = reverse("informes:contribucion_detalle", args=[borrador.pk])
    assert (
        de_ana.post(url, _abierto(de_ana, borrador) | {"cuerpo": "Edición de Ana."}).status_code
        == 302
    )
    respuesta = de_coordinadora.post(
        reverse("informes:contribucion_regenerar", args=[borrador.pk]), confirmacion, follow=True
    )
    assert InformeContribucion.objects.get(pk=borrador.pk).cuerpo == "Edición de Ana."
    assert "No se volvió a redactar" in respuesta.content.decode()


def test_una_confirmacion_sin_revision_no_hace_nada(borrador, coordinador):
    cliente = _entrar(coordinador)
    respuesta = cliente.post(
        reverse("informes:contribucion_finalizar", args=[borrador.pk]),
        {"revision_leida": "1e3"},
        follow=True,
    )
    assert "La confirmación no trae la revisión del texto que usted vio" in (
        respuesta.content.decode()
    )
    assert not InformeContribucion.objects.get(pk=borrador.pk).es_final

"""La confirmación de «Volver a redactar» y de «Marcar como final» no lleva la revisión vista."""

import pytest
from django.urls import reverse

from informes.models import InformeContribucion
from tests.informes.test_revision_informe import _abierto, _entrar, ana  # noqa: F401

pytestmark = pytest.mark.django_db


def test_finalizar_congela_un_texto_que_quien_finaliza_no_vio(borrador, coordinador, ana):  # noqa: F811
    de_coordinadora, de_ana = _entrar(coordinador), _entrar(ana)
    # La coordinadora revisa el borrador y abre la confirmación de «Marcar como final».
    de_coordinadora.get(reverse("informes:contribucion_detalle", args=[borrador.pk]))
    assert (
        de_coordinadora.get(
            reverse("informes:contribucion_finalizar", args=[borrador.pk])
        ).status_code
        == 200
    )
    # Mientras tanto Ana cambia el texto.
    url = reverse("informes:contribucion_detalle", args=[borrador.pk])
    assert (
        de_ana.post(url, _abierto(de_ana, borrador) | {"cierre": "TEXTO NO REVISADO"}).status_code
        == 302
    )
    # La coordinadora confirma lo que vio: el final lleva el texto que nunca leyó.
    de_coordinadora.post(reverse("informes:contribucion_finalizar", args=[borrador.pk]))
    final = InformeContribucion.objects.get(pk=borrador.pk)
    assert not (final.es_final and final.cierre == "TEXTO NO REVISADO"), "finalizó texto no visto"


def test_volver_a_redactar_borra_una_edicion_que_no_vio(borrador, coordinador, ana):  # noqa: F811
    de_coordinadora, de_ana = _entrar(coordinador), _entrar(ana)
    de_coordinadora.get(reverse("informes:contribucion_regenerar", args=[borrador.pk]))
    url = reverse("informes:contribucion_detalle", args=[borrador.pk])
    assert (
        de_ana.post(url, _abierto(de_ana, borrador) | {"cuerpo": "Edición de Ana."}).status_code
        == 302
    )
    de_coordinadora.post(reverse("informes:contribucion_regenerar", args=[borrador.pk]))
    assert InformeContribucion.objects.get(pk=borrador.pk).cuerpo == "Edición de Ana."

"""Escribir la aportación sin tropiezos: casillas para temas y convenios, descargas en cada
página del informe, comparar dos versiones y saber qué se congela al marcarlo como final."""

import pytest
from django.urls import reverse

from informes.models import InformeContribucion
from tests.factories import ConvenioFactory, TemaFactory

pytestmark = pytest.mark.django_db
NUEVO = reverse("informes:contribucion_nuevo")


@pytest.fixture
def cliente(client, coordinador):
    client.force_login(coordinador)
    return client


def test_temas_y_convenios_se_eligen_con_casillas_sin_ctrl_clic(cliente):
    largo = "Convenio de colaboración para la prevención " + "muy " * 40 + "largo"
    convenio = ConvenioFactory(titulo=largo)
    tema = TemaFactory(nombre="Ciberacoso")

    pagina = cliente.get(NUEVO).content.decode()

    assert "<select multiple" not in pagina and 'name="temas" multiple' not in pagina
    assert f'type="checkbox" name="temas" value="{tema.pk}"' in pagina
    assert f'type="checkbox" name="convenios" value="{convenio.pk}"' in pagina
    assert "Ciberacoso" in pagina and "muy muy muy" in pagina
    assert 'class="casillas"' in pagina  # la lista acotada con desplazamiento (CSS)


def test_las_casillas_marcadas_quedan_en_el_informe(cliente, demo):
    temas = [TemaFactory(nombre="Sexting"), TemaFactory(nombre="Grooming")]
    convenio = ConvenioFactory()
    respuesta = cliente.post(
        NUEVO,
        {
            "titulo": "Aportación 2019",
            "destinatario": "oacnudh",
            "desde": "2019-01-01",
            "hasta": "2019-12-31",
            "corte": "2019-12-31",
            "idioma": "es",
            "temas": [t.pk for t in temas],
            "convenios": [convenio.pk],
        },
    )

    assert respuesta.status_code == 302
    informe = InformeContribucion.objects.get()
    assert {t.nombre for t in informe.temas.all()} == {"Sexting", "Grooming"}
    assert list(informe.convenios.all()) == [convenio]


def test_un_tema_que_no_existe_se_explica_y_no_guarda(cliente):
    respuesta = cliente.post(
        NUEVO,
        {
            "titulo": "x",
            "destinatario": "oacnudh",
            "desde": "2019-01-01",
            "hasta": "2019-12-31",
            "corte": "2019-12-31",
            "idioma": "es",
            "temas": ["999999"],
        },
    )
    assert respuesta.status_code == 200
    assert "999999" in respuesta.content.decode()  # «Escoja una opción válida…»
    assert not InformeContribucion.objects.exists()


def _descargas(pagina: str, informe) -> set[str]:
    return {
        f
        for f in ("docx", "pdf", "html", "md")
        if reverse("informes:contribucion_descargar", args=[informe.pk, f]) in pagina
    }


@pytest.mark.parametrize(
    "accion", ["contribucion_detalle", "contribucion_finalizar", "contribucion_regenerar"]
)
def test_cada_pagina_del_informe_ofrece_las_cuatro_descargas(cliente, borrador, accion):
    pagina = cliente.get(reverse(f"informes:{accion}", args=[borrador.pk])).content.decode()

    assert _descargas(pagina, borrador) == {"docx", "pdf", "html", "md"}
    for boton in ("Word (DOCX)", ">PDF<", ">HTML<", ">Markdown<"):
        assert boton in pagina


def test_sin_motor_pdf_se_ofrecen_los_otros_formatos(cliente, borrador, monkeypatch):
    from informes.contribucion.exportar import pdf as exportar_pdf

    def falla(nombre):
        raise ImportError("No module named 'weasyprint'")

    monkeypatch.setattr(exportar_pdf.importlib, "import_module", falla)
    respuesta = cliente.get(reverse("informes:contribucion_descargar", args=[borrador.pk, "pdf"]))

    assert respuesta.status_code == 503
    pagina = respuesta.content.decode()
    assert "el informe puede bajarse en los otros formatos" in pagina
    assert _descargas(pagina, borrador) == {"docx", "html", "md"}

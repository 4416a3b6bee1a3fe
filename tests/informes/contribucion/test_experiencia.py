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


def _comparar(a, b):
    return reverse("informes:contribucion_comparar", args=[a.pk, b.pk])


@pytest.fixture
def dos_versiones(borrador, coordinador):
    from informes.contribucion.servicios import informe_nueva_version

    borrador.introduccion = "Primer párrafo.\n\nPárrafo que se quita."
    borrador.cierre = "Cierre igual."
    borrador.save()
    nueva = informe_nueva_version(informe=borrador, usuario=coordinador)
    nueva.introduccion = "Primer párrafo.\n\nPárrafo nuevo de 2019 con <b>etiquetas</b>."
    nueva.save()
    return borrador, nueva


def test_el_detalle_enlaza_a_comparar_con_las_otras_versiones(cliente, dos_versiones):
    v1, v2 = dos_versiones

    pagina = cliente.get(reverse("informes:contribucion_detalle", args=[v2.pk])).content.decode()

    assert "Comparar con la versión 1" in pagina
    assert _comparar(v2, v1) in pagina


def test_un_informe_sin_otras_versiones_no_ofrece_comparar(cliente, borrador):
    pagina = cliente.get(reverse("informes:contribucion_detalle", args=[borrador.pk]))
    assert "Comparar con la versión" not in pagina.content.decode()


@pytest.mark.parametrize("desde_la_nueva", [True, False])
def test_comparar_marca_lo_agregado_y_lo_quitado(cliente, dos_versiones, desde_la_nueva):
    v1, v2 = dos_versiones
    url = _comparar(v2, v1) if desde_la_nueva else _comparar(v1, v2)

    pagina = cliente.get(url).content.decode()

    # Siempre de la anterior a la posterior, se abra desde donde se abra.
    assert "Qué cambió de la versión 1 a la versión 2" in pagina
    assert "<del>Párrafo que se quita.</del>" in pagina
    assert "<ins>Párrafo nuevo de 2019 con &lt;b&gt;etiquetas&lt;/b&gt;.</ins>" in pagina
    assert "<p>Primer párrafo.</p>" in pagina  # igual: sin marcar
    assert "Cierre <small>(sin cambios)</small>" in pagina
    assert "Texto <small>(sin cambios)</small>" in pagina  # el cuerpo se copió tal cual


def test_solo_se_compara_con_versiones_del_mismo_informe(cliente, borrador, coordinador):
    ajeno = InformeContribucion.objects.create(
        titulo="Otro",
        desde=borrador.desde,  # mismo periodo, pero otro linaje
        hasta=borrador.hasta,
        corte=borrador.corte,
        creado_por=coordinador,
    )
    assert cliente.get(_comparar(borrador, ajeno)).status_code == 404
    assert cliente.get(_comparar(borrador, borrador)).status_code == 404
    url = reverse("informes:contribucion_comparar", args=[borrador.pk, 999999])
    assert cliente.get(url).status_code == 404


def test_comparar_pide_el_mismo_permiso_que_el_detalle(client, dos_versiones, django_user_model):
    v1, v2 = dos_versiones
    sin_permiso = django_user_model.objects.create_user("otro", password="x", is_staff=True)
    client.force_login(sin_permiso)
    assert client.get(_comparar(v1, v2)).status_code == 403


@pytest.mark.parametrize("n", [2, 6])
def test_consultas_de_comparar(cliente, dos_versiones, coordinador, n, django_assert_num_queries):
    from informes.contribucion.servicios import informe_nueva_version

    v1, v2 = dos_versiones
    ultima = v2
    for _ in range(n - 2):  # una cadena más larga: v3, v4…
        ultima = informe_nueva_version(informe=ultima, usuario=coordinador)
    # página (7) + el informe + su linaje (una consulta, sea cual sea su largo) + el otro
    with django_assert_num_queries(7 + 3):
        pagina = cliente.get(_comparar(ultima, v1)).content.decode()
    assert f"Qué cambió de la versión 1 a la versión {n}" in pagina
    assert pagina.count("Comparar con la versión") == n - 1


def test_parrafos_con_viñetas_y_finales_de_linea_de_windows():
    from informes.contribucion.comparar import parrafos_comparar

    antes = "Uno.\r\n\r\n- a\r\n- b\r\n\r\n\r\nTres."
    despues = "Uno.\n\n- a\n- b\n- c\n\nTres."
    cambios = [(p.tipo, p.texto) for p in parrafos_comparar(antes, despues)]
    assert cambios == [
        ("igual", "Uno."),
        ("quitado", "- a\n- b"),
        ("agregado", "- a\n- b\n- c"),
        ("igual", "Tres."),
    ]


def test_marcar_como_final_dice_exactamente_que_se_congela(cliente, borrador):
    url = reverse("informes:contribucion_finalizar", args=[borrador.pk])

    pagina = cliente.get(url).content.decode()

    assert "Se congelará la versión 1 tal como está ahora" in pagina
    for congelado in (
        "El texto: título, introducción, cuerpo y cierre",
        "El archivo Word (DOCX) y el PDF, con sus bytes exactos",
        "Una instantánea de los hechos con que se redactó",
        "La suma SHA-256 de esa instantánea",
        "Quién lo marcó (coordinadora) y la fecha y hora exactas.",
    ):
        assert congelado in pagina
    assert not InformeContribucion.objects.get().es_final  # ver la pregunta no congela nada


def test_volver_a_redactar_no_lista_lo_que_se_congela(cliente, borrador):
    url = reverse("informes:contribucion_regenerar", args=[borrador.pk])
    pagina = cliente.get(url).content.decode()
    assert "Se reemplazará el texto del cuerpo" in pagina
    assert "SHA-256" not in pagina

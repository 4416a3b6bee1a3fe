"""Editar el borrador sección por sección: cada campo con su vista previa y sus palabras.

Lo que aquí se prueba es lo que pinta el servidor (lo que se ve sin JavaScript, y lo que se ve
al abrir la página); que editor.js pinte y cuente igual mientras se escribe lo prueba
tests/e2e/test_contribucion.py.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from informes.models import InformeContribucion
from tests.vnu import HAY_VNU, vnu_errores

pytestmark = pytest.mark.django_db

INTRODUCCION = (
    "Primer párrafo de la introducción,\nen dos renglones.\n\n"
    "## Qué se hizo\n"
    "- Pláticas en <escuelas>\n"
    "- Talleres & foros"
)


@pytest.fixture
def cliente(client, coordinador):
    client.force_login(coordinador)
    return client


def _detalle(informe):
    return reverse("informes:contribucion_detalle", args=[informe.pk])


def _vista_previa(pagina: str, seccion: str) -> str:
    encontrada = re.search(rf'data-vista-de="{seccion}">(.*?)</div>', pagina, re.S)
    assert encontrada, f"No hay vista previa de {seccion}"
    return encontrada.group(1)


def _datos(informe, **cambios) -> dict:
    return {
        "titulo": informe.titulo,
        "limite_palabras": informe.limite_palabras or "",
        "introduccion": informe.introduccion,
        "cuerpo": informe.cuerpo,
        "cierre": informe.cierre,
        "revision_leida": informe.revision,
    } | cambios


def test_cada_seccion_tiene_su_campo_su_vista_previa_y_sus_palabras(cliente, borrador):
    borrador.introduccion = INTRODUCCION
    borrador.save()

    pagina = cliente.get(_detalle(borrador)).content.decode()

    for campo, nombre in (
        ("introduccion", "Introducción"),
        ("cuerpo", "Texto"),
        ("cierre", "Cierre"),
    ):
        assert f'<h2><label for="id_{campo}">{nombre}</label></h2>' in pagina
        assert f'aria-label="Vista previa: {nombre}"' in pagina
        assert f'aria-describedby="ayuda-{campo} palabras-{campo}"' in pagina
    # Las mismas reglas que el documento: renglones unidos, subtítulo y viñetas, sin marcas.
    assert _vista_previa(pagina, "introduccion") == (
        "<p>Primer párrafo de la introducción, en dos renglones.</p>"
        "<h3>Qué se hizo</h3>"
        "<ul><li>Pláticas en &lt;escuelas&gt;</li><li>Talleres &amp; foros</li></ul>"
    )
    # 8 + 3 + 5 palabras; «##», «-» y «&» no cuentan.
    assert '<p class="palabras" id="palabras-introduccion">16 palabras</p>' in pagina
    assert "18 de marzo de 2015" in _vista_previa(pagina, "cuerpo")
    assert _vista_previa(pagina, "cierre") == ""  # la hoja de estilo dice que no saldrá
    assert '<p class="palabras" id="palabras-cierre">0 palabras</p>' in pagina
    assert 'aria-live="polite"' in pagina and 'id="conteo-anuncio"' in pagina


def test_el_total_suma_el_titulo_y_las_secciones_como_el_documento(cliente, borrador):
    from informes.contribucion.documento import contar_palabras
    from informes.contribucion.servicios import informe_documento

    borrador.introduccion = INTRODUCCION
    borrador.cierre = "- Una viñeta sola"
    borrador.save()

    pagina = cliente.get(_detalle(borrador)).content.decode()

    por_seccion = [
        int(n) for n in re.findall(r'class="palabras" id="palabras-\w+">(\d+) palabras?<', pagina)
    ]
    esperado = contar_palabras(informe_documento(borrador).texto_plano())
    assert len(por_seccion) == 4  # título, introducción, cuerpo y cierre
    assert sum(por_seccion) == esperado
    assert f'<span id="conteo-palabras">{esperado}</span>' in pagina
    assert '<p class="palabras" id="palabras-cierre">3 palabras</p>' in pagina


def test_una_sola_palabra_se_dice_en_singular(cliente, borrador):
    borrador.cierre = "Gracias."
    borrador.save()
    pagina = cliente.get(_detalle(borrador)).content.decode()
    assert '<p class="palabras" id="palabras-cierre">1 palabra</p>' in pagina


def test_sin_javascript_guardar_muestra_la_vista_previa_nueva(cliente, borrador):
    respuesta = cliente.post(
        _detalle(borrador), _datos(borrador, cierre="Cierre nuevo.\n\n- con viñeta"), follow=True
    )

    pagina = respuesta.content.decode()
    assert "Cambios guardados." in pagina
    assert _vista_previa(pagina, "cierre") == "<p>Cierre nuevo.</p><ul><li>con viñeta</li></ul>"
    assert InformeContribucion.objects.get().cierre == "Cierre nuevo.\n\n- con viñeta"


def test_con_un_error_la_vista_previa_es_lo_enviado_y_nada_se_guarda(cliente, borrador):
    cierre_guardado = borrador.cierre
    respuesta = cliente.post(
        _detalle(borrador), _datos(borrador, limite_palabras="0", cierre="Lo que escribí.")
    )

    pagina = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "El límite de palabras debe ser un número entero mayor que cero" in pagina
    assert "Lo que escribí.</textarea>" in pagina  # lo escrito no se pierde
    assert _vista_previa(pagina, "cierre") == "<p>Lo que escribí.</p>"
    guardado = InformeContribucion.objects.get()
    assert guardado.cierre == cierre_guardado and guardado.limite_palabras == 3000


def test_un_titulo_vacio_se_explica_junto_al_campo(cliente, borrador):
    respuesta = cliente.post(_detalle(borrador), _datos(borrador, titulo="   "))
    pagina = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Este campo es obligatorio." in pagina
    assert InformeContribucion.objects.get().titulo == borrador.titulo


def test_el_anexo_sigue_debajo_del_editor(cliente, borrador):
    pagina = cliente.get(_detalle(borrador)).content.decode()
    assert pagina.index('class="editor-texto"') < pagina.index('class="anexo"')
    assert "<svg" in pagina


def test_un_informe_final_se_lee_como_documento_sin_editor(cliente, borrador, coordinador):
    from informes.contribucion.servicios import informe_finalizar

    informe_finalizar(informe=borrador, usuario=coordinador)

    pagina = cliente.get(_detalle(borrador)).content.decode()

    assert "data-vista-de" not in pagina and "editor.js" not in pagina
    assert '<article class="documento" lang="es-MX">' in pagina
    assert pagina.count("<h1>") == 1


def test_la_comparacion_ofrece_descargar_las_dos_versiones(cliente, borrador, coordinador):
    from informes.contribucion.servicios import informe_nueva_version

    nueva = informe_nueva_version(informe=borrador, usuario=coordinador)
    url = reverse("informes:contribucion_comparar", args=[nueva.pk, borrador.pk])

    pagina = cliente.get(url).content.decode()

    for informe in (borrador, nueva):
        assert f'aria-label="Descargar la versión {informe.version}"' in pagina
        for formato in ("docx", "pdf", "html", "md"):
            assert reverse("informes:contribucion_descargar", args=[informe.pk, formato]) in pagina


@pytest.mark.skipif(not HAY_VNU, reason="sin Java o sin vnu.jar")
def test_las_paginas_del_editor_pasan_el_nu_html_checker(cliente, borrador, coordinador, tmp_path):
    from informes.contribucion.servicios import informe_finalizar, informe_nueva_version

    borrador.introduccion = INTRODUCCION
    borrador.save()
    paginas = {
        "editor": cliente.get(_detalle(borrador)),
        "con-error": cliente.post(_detalle(borrador), _datos(borrador, limite_palabras="-1")),
    }
    nueva = informe_nueva_version(informe=borrador, usuario=coordinador)
    paginas["comparar"] = cliente.get(
        reverse("informes:contribucion_comparar", args=[nueva.pk, borrador.pk])
    )
    informe_finalizar(informe=borrador, usuario=coordinador)
    paginas["final"] = cliente.get(_detalle(borrador))
    for nombre, respuesta in paginas.items():
        (tmp_path / f"{nombre}.html").write_bytes(respuesta.content)

    errores = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in vnu_errores(sorted(tmp_path.glob("*.html")))
    ]
    assert errores == []

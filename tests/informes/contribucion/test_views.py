"""Las páginas del informe: quién entra, crear, editar, contar palabras, volver a redactar,
finalizar, descargar; cada una con sus consultas fijas."""

import io

import docx
import pytest
from django.urls import reverse

from informes.contribucion.exportar import pdf as exportar_pdf
from informes.models import InformeContribucion

pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente(client, coordinador):
    client.force_login(coordinador)
    return client


def _url(nombre, *args):
    return reverse(f"informes:{nombre}", args=args)


def test_sin_ser_personal_o_sin_permiso_no_se_entra(client, django_user_model, borrador):
    assert client.get(_url("contribucion_lista")).status_code == 302  # al inicio de sesión
    sin_permiso = django_user_model.objects.create_user("otro", password="x", is_staff=True)
    client.force_login(sin_permiso)
    assert client.get(_url("contribucion_detalle", borrador.pk)).status_code == 403


def test_crear_el_informe_de_2015_lo_redacta(cliente, demo):
    respuesta = cliente.post(
        _url("contribucion_nuevo"),
        {
            "titulo": "Aportación 2015",
            "destinatario": "oacnudh",
            "desde": "2014-01-01",
            "hasta": "30/06/2015",
            "corte": "2015-06-30",
            "idioma": "es",
            "limite_palabras": "3000",
        },
    )
    informe = InformeContribucion.objects.get()
    assert respuesta.status_code == 302
    assert "Oaxaca, Jalisco y Morelos" in informe.cuerpo
    assert informe.creado_por.username == "coordinadora"


def test_fechas_malas_dan_un_mensaje_claro_y_no_guardan_nada(cliente, demo):
    respuesta = cliente.post(
        _url("contribucion_nuevo"),
        {
            "titulo": "X",
            "destinatario": "oacnudh",
            "desde": "2015-13-01",
            "hasta": "2014-01-01",
            "corte": "2015-06-30",
            "idioma": "es",
        },
    )
    assert respuesta.status_code == 200
    assert "Escriba una fecha válida, como 2015-06-30 o 30/06/2015." in respuesta.content.decode()
    respuesta = cliente.post(
        _url("contribucion_nuevo"),
        {
            "titulo": "X",
            "destinatario": "oacnudh",
            "desde": "2015-01-01",
            "hasta": "2014-01-01",
            "corte": "2015-06-30",
            "idioma": "es",
        },
    )
    assert "no puede ser anterior" in respuesta.content.decode()
    assert not InformeContribucion.objects.exists()


@pytest.mark.parametrize(
    ("campo", "valor", "mensaje"),
    [
        ("desde", "0001-01-01", "El 01/01/0001 es anterior al 01/01/2000"),
        ("hasta", "9999-12-31", "El 31/12/9999 está a más de 5 años de hoy"),
        ("corte", "1999-12-31", "El 31/12/1999 es anterior al 01/01/2000"),
    ],
)
def test_fechas_imposibles_en_el_informe_se_explican(cliente, demo, campo, valor, mensaje):
    datos = {
        "titulo": "X",
        "destinatario": "oacnudh",
        "desde": "2015-01-01",
        "hasta": "2015-12-31",
        "corte": "2015-06-30",
        "idioma": "es",
    }
    respuesta = cliente.post(_url("contribucion_nuevo"), datos | {campo: valor})
    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert not InformeContribucion.objects.exists()


def test_editar_la_introduccion_y_ver_el_conteo_de_palabras(cliente, borrador):
    datos = {
        "titulo": borrador.titulo,
        "limite_palabras": "100",
        "introduccion": "Palabras nuevas de la introducción.",
        "cuerpo": borrador.cuerpo,
        "cierre": "",
        "revision_leida": borrador.revision,
    }
    assert cliente.post(_url("contribucion_detalle", borrador.pk), datos).status_code == 302
    pagina = cliente.get(_url("contribucion_detalle", borrador.pk)).content.decode()
    assert "<p>Palabras nuevas de la introducción.</p>" in pagina
    assert "de 100 como máximo" in pagina
    assert "El texto excede el límite de palabras." in pagina
    assert 'src="/static/informes/contribucion/editor.js"' in pagina
    assert "<script>" not in pagina  # nada de código en línea (CSP)


def test_volver_a_redactar_avisa_y_reemplaza_las_ediciones(cliente, borrador):
    borrador.cuerpo = "Texto editado a mano."
    borrador.introduccion = "Intro que se conserva."
    borrador.save()
    aviso = cliente.get(_url("contribucion_regenerar", borrador.pk)).content.decode()
    assert "Se reemplazará el texto del cuerpo" in aviso
    borrador.refresh_from_db()
    assert borrador.cuerpo == "Texto editado a mano."
    cliente.post(_url("contribucion_regenerar", borrador.pk), {"revision_leida": borrador.revision})
    borrador.refresh_from_db()
    assert "Destacan las siguientes acciones:" in borrador.cuerpo
    assert borrador.introduccion == "Intro que se conserva."


def test_finalizar_y_descargar_los_mismos_bytes_despues(cliente, borrador):
    cliente.post(_url("contribucion_finalizar", borrador.pk), {"revision_leida": borrador.revision})
    borrador.refresh_from_db()
    assert borrador.es_final
    docx_bajado = cliente.get(_url("contribucion_descargar", borrador.pk, "docx"))
    pdf_bajado = cliente.get(_url("contribucion_descargar", borrador.pk, "pdf"))
    assert docx_bajado.content == bytes(borrador.docx)
    assert pdf_bajado.content == bytes(borrador.pdf)
    assert pdf_bajado["Content-Type"] == "application/pdf"
    assert 'filename="aportacion-20140101-20150630-es-v1.pdf"' in pdf_bajado["Content-Disposition"]
    # Un final ya no se edita.
    cliente.post(_url("contribucion_detalle", borrador.pk), {"titulo": "Otro", "cuerpo": "x"})
    borrador.refresh_from_db()
    assert borrador.titulo != "Otro"
    lista = cliente.get(_url("contribucion_lista")).content.decode()
    assert "coordinadora" in lista and "Final" in lista


def test_descargar_un_borrador_en_cada_formato(cliente, borrador):
    word = cliente.get(_url("contribucion_descargar", borrador.pk, "docx"))
    texto = " ".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "Guerrero, Hidalgo, Jalisco, Puebla, Tlaxcala y Yucatán" in texto
    html = cliente.get(_url("contribucion_descargar", borrador.pk, "html")).content.decode()
    assert "<li>El 18 de marzo de 2015 se impartió la plática preventiva" in html
    assert "<svg" in html
    md = cliente.get(_url("contribucion_descargar", borrador.pk, "md")).content.decode()
    assert md.startswith("# Aportación de México")
    assert cliente.get(_url("contribucion_descargar", borrador.pk, "exe")).status_code == 404


def test_sin_motor_pdf_la_pagina_dice_que_instalar(cliente, borrador, monkeypatch):
    def falla(nombre):
        raise ImportError("No module named 'weasyprint'")

    monkeypatch.setattr(exportar_pdf.importlib, "import_module", falla)
    respuesta = cliente.get(_url("contribucion_descargar", borrador.pk, "pdf"))
    assert respuesta.status_code == 503
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in respuesta.content.decode()
    respuesta = cliente.post(
        _url("contribucion_finalizar", borrador.pk), {"revision_leida": borrador.revision}
    )
    assert respuesta.status_code == 503
    borrador.refresh_from_db()
    assert not borrador.es_final


def _final_de_prueba(borrador, coordinador, n):
    """Un final armado a mano (sin generar su PDF): basta para contar consultas."""
    return InformeContribucion.objects.create(
        titulo=f"Final {n}",
        desde=borrador.desde,
        hasta=borrador.hasta,
        corte=borrador.corte,
        estado="final",
        instantanea={"n": n},
        suma_sha256="0" * 64,
        docx=b"PK",
        pdf=b"%PDF-",
        finalizado_por=coordinador,
        finalizado=borrador.creado,
    )


# Toda página: sesión · usuario · permisos del usuario · permisos de sus grupos, y al final
# guardar la sesión: savepoint · UPDATE · release (cada prueba mide la primera página tras
# entrar, que la renueva; después, a lo más una vez por minuto: programa/sesion.py).
CONSULTAS_DE_TODA_PAGINA = 7


def test_consultas_de_la_lista(cliente, borrador, coordinador, django_assert_num_queries):
    for n in range(6):
        _final_de_prueba(borrador, coordinador, n)
    # + los informes con quien los finalizó (select_related), sin sus archivos
    with django_assert_num_queries(CONSULTAS_DE_TODA_PAGINA + 1):
        pagina = cliente.get(_url("contribucion_lista")).content.decode()
    assert pagina.count("<td>coordinadora</td>") == 6


def test_consultas_del_detalle(cliente, borrador, django_assert_num_queries):
    # + el informe + sus otras versiones (una consulta); el texto y el anexo salen de sus
    # hechos guardados, no de los registros
    with django_assert_num_queries(CONSULTAS_DE_TODA_PAGINA + 2):
        assert cliente.get(_url("contribucion_detalle", borrador.pk)).status_code == 200


def test_consultas_de_la_descarga(cliente, borrador, django_assert_num_queries):
    # + el informe + el evento de exportación en la bitácora (INSERT).
    with django_assert_num_queries(CONSULTAS_DE_TODA_PAGINA + 2):
        assert cliente.get(_url("contribucion_descargar", borrador.pk, "md")).status_code == 200


def test_la_pagina_del_informe_dibuja_el_mapa_y_no_su_codigo(cliente, borrador):
    contenido = cliente.get(_url("contribucion_detalle", borrador.pk)).content.decode()
    assert "<svg" in contenido and "&lt;svg" not in contenido
    assert "San Luis Potosí: 1 actividad" in contenido


def test_quien_solo_consulta_no_puede_editar(client, borrador, django_user_model):
    from django.contrib.auth.models import Group

    from programa.roles import CONSULTA

    consulta = django_user_model.objects.create_user("consulta", is_staff=True)
    consulta.groups.add(Group.objects.get(name=CONSULTA))
    client.force_login(consulta)
    assert client.get(_url("contribucion_detalle", borrador.pk)).status_code == 200
    respuesta = client.post(_url("contribucion_detalle", borrador.pk), {"introduccion": "x"})
    assert respuesta.status_code == 403
    assert client.post(_url("contribucion_finalizar", borrador.pk)).status_code == 403


def test_el_docx_de_un_periodo_grande_se_prepara_en_segundo_plano(
    cliente, borrador, coordinador, settings, django_user_model
):
    from django.contrib.auth.models import Group

    from programa.models import Tarea
    from programa.roles import COORDINACION

    settings.INFORME_EN_SEGUNDO_PLANO_DESDE = 2  # el borrador de 2015 tiene más actividades
    respuesta = cliente.get(_url("contribucion_descargar", borrador.pk, "docx"))
    tarea = Tarea.objects.get()
    assert respuesta.url == f"/tareas/{tarea.pk}/"
    html = cliente.get(respuesta.url).content.decode()
    assert "Preparar el informe de contribución: " in html
    assert "1 de 1 paso (100 %)." in html
    assert f"«{borrador.titulo}» listo para descargar." in html
    descarga = cliente.get(f"/tareas/{tarea.pk}/descargar/")
    nombre = (
        f"aportacion-{borrador.desde:%Y%m%d}-{borrador.hasta:%Y%m%d}-es-v{borrador.version}.docx"
    )
    assert descarga["Content-Disposition"] == f'attachment; filename="{nombre}"'
    documento = docx.Document(io.BytesIO(b"".join(descarga.streaming_content)))
    texto = " ".join(p.text for p in documento.paragraphs)
    assert "Guerrero, Hidalgo, Jalisco, Puebla, Tlaxcala y Yucatán" in texto
    # Otra persona de coordinación no baja el archivo que pidió esta.
    otra = django_user_model.objects.create_user("otra", is_staff=True)
    otra.groups.add(Group.objects.get(name=COORDINACION))
    cliente.force_login(otra)
    assert cliente.get(f"/tareas/{tarea.pk}/descargar/").status_code == 404
    # Con pocas actividades en su periodo, directo como siempre.
    settings.INFORME_EN_SEGUNDO_PLANO_DESDE = 10_000
    directo = cliente.get(_url("contribucion_descargar", borrador.pk, "docx"))
    assert directo.status_code == 200 and Tarea.objects.count() == 1


def test_sin_motor_pdf_en_segundo_plano_la_pagina_dice_que_instalar(
    cliente, borrador, settings, monkeypatch
):
    def falla(nombre):
        raise ImportError("No module named 'weasyprint'")

    monkeypatch.setattr(exportar_pdf.importlib, "import_module", falla)
    settings.INFORME_EN_SEGUNDO_PLANO_DESDE = 2
    html = cliente.get(_url("contribucion_descargar", borrador.pk, "pdf"), follow=True)
    html = html.content.decode()
    assert "Falló" in html
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in html
    assert "Descargar «" not in html

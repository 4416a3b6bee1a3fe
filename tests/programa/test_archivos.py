"""Evidencias y convenios firmados: se abre el archivo completo, no solo sus primeros bytes."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from capacitaciones.models import Evidencia
from programa.archivos import validar_archivo_pdf, validar_evidencia
from tests import archivos as a
from tests import factories as f
from tests.capacitaciones.test_admin_actividades import URL, formulario

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>\n"


def _mensaje(validador, nombre: str, contenido: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        validador(SimpleUploadedFile(nombre, contenido))
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("nombre", "contenido"),
    [
        ("lista.pdf", a.pdf()),
        ("convenio firmado.PDF", a.pdf(paginas=12)),
        ("foto.jpg", a.imagen("JPEG")),
        ("FOTO.JPEG", a.imagen("JPEG", modo="CMYK", progressive=True)),
        ("foto.png", a.imagen("PNG")),
        ("firma.png", a.imagen("PNG", modo="LA")),  # gris con transparencia
        ("minuta.docx", a.docx_real("Reunión con el DIF de Oaxaca & «aliados»")),
        ("asistentes.xlsx", a.xlsx_real()),
    ],
)
def test_archivos_de_verdad_se_aceptan(nombre, contenido):
    validar_evidencia(SimpleUploadedFile(nombre, contenido))


def test_un_pdf_protegido_solo_para_editar_se_acepta():
    # Sin contraseña para abrirlo (solo restringe permisos), se lee como cualquier PDF.
    validar_archivo_pdf(SimpleUploadedFile("convenio.pdf", a.pdf(contrasena="")))


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        (
            "lista.pdf",
            b"%PDF-1.4\n" + HTML,
            "El archivo «lista.pdf» dice ser PDF pero no se pudo leer como PDF",
        ),
        (
            "lista.pdf",
            b"%PDF-1.7\n" + HTML + b"startxref\n0\n%%EOF\n",
            "dice ser PDF pero no se pudo leer como PDF",
        ),
        ("cortado.pdf", a.pdf(paginas=3)[:-200], "dice ser PDF pero no se pudo leer como PDF"),
        ("vacio.pdf", b"%PDF-", "dice ser PDF pero no se pudo leer como PDF"),
        (
            "secreto.pdf",
            a.pdf(contrasena="clave"),
            "El PDF «secreto.pdf» está protegido con contraseña",
        ),
        (
            "foto.png",
            b"\x89PNG\r\n\x1a\n" + b"basura" * 100,
            "El archivo «foto.png» dice ser PNG pero no se pudo leer como imagen",
        ),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + HTML, "dice ser PNG pero no se pudo leer como imagen"),
        ("foto.jpg", a.imagen("JPEG")[:300], "dice ser JPG pero no se pudo leer como imagen"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + HTML, "dice ser JPG pero no se pudo leer como imagen"),
        (
            "plano.png",
            a.png_bomba(),
            "La imagen «plano.png» tiene demasiados píxeles (más de 89 megapíxeles)",
        ),
        ("plano.png", a.png_bomba(10_000, 10_000), "tiene demasiados píxeles"),
        (
            "minuta.docx",
            a.zip_con({"[Content_Types].xml": HTML, "word/document.xml": HTML}),
            "El archivo «minuta.docx» dice ser DOCX pero no se pudo abrir como documento de Word",
        ),
        ("minuta.docx", a.zip_con({"index.html": HTML}), "no se pudo abrir como documento"),
        ("minuta.docx", a.xlsx_real(), "no se pudo abrir como documento de Word"),
        ("libro.xlsx", a.docx_real(), "dice ser XLSX pero no se pudo abrir como libro de Excel"),
        ("libro.xlsx", a.xlsx_real()[:-100], "no se pudo abrir como libro de Excel"),
        (
            "minuta.docx",
            a.zip_con(
                {
                    "[Content_Types].xml": '<?xml version="1.0"?><!DOCTYPE t '
                    '[<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><t>&b;</t>',
                    "word/document.xml": "<x/>",
                }
            ),
            "contiene construcciones XML que no se aceptan por seguridad",
        ),
    ],
)
def test_imitaciones_y_archivos_danados_se_rechazan_diciendo_que_fallo(nombre, contenido, mensaje):
    assert mensaje in _mensaje(validar_evidencia, nombre, contenido)


def test_una_bomba_zip_se_rechaza_sin_descomprimirla(settings):
    settings.TAMANO_MAXIMO_ARCHIVO_MB = 1  # descomprimido hasta 20 MB
    bomba = a.zip_con(
        {
            "[Content_Types].xml": "<x/>",
            "word/document.xml": b"\x00" * (21 * 1024 * 1024),
        }
    )
    assert len(bomba) < 100_000
    mensaje = _mensaje(validar_evidencia, "minuta.docx", bomba)
    assert "ocuparía 21 MB al descomprimirse" in mensaje and "«bomba zip»" in mensaje


def test_el_admin_muestra_el_motivo_junto_al_archivo_y_no_guarda_nada(admin_client):
    actividad = f.ActividadFactory()
    datos = formulario(
        folio=actividad.folio,
        **{
            "evidencias-TOTAL_FORMS": 2,
            "evidencias-0-tipo": "lista_asistencia",
            "evidencias-0-archivo": SimpleUploadedFile("lista.pdf", a.pdf()),
            "evidencias-1-tipo": "fotografia",
            "evidencias-1-archivo": SimpleUploadedFile("foto.pdf", b"%PDF-1.4\n" + HTML),
        },
    )
    respuesta = admin_client.post(f"{URL}{actividad.pk}/change/", datos)

    assert respuesta.status_code == 200
    errores = respuesta.context["inline_admin_formsets"][2].formset.errors
    # El bueno no se guarda por el error del otro: se pide adjuntarlo de nuevo.
    assert errores[0] == {
        "archivo": [
            "Adjunte de nuevo «lista.pdf»: el navegador no conserva los archivos cuando hay "
            "un error."
        ]
    }
    assert errores[1]["archivo"] == [
        "El archivo «foto.pdf» dice ser PDF pero no se pudo leer como PDF: está dañado, "
        "incompleto o es otro tipo de archivo."
    ]
    assert not Evidencia.objects.exists()


def test_el_convenio_firmado_se_revisa_igual():
    convenio = f.ConvenioFactory()
    convenio.documento = SimpleUploadedFile("convenio.pdf", b"%PDF-1.5\n" + HTML)
    with pytest.raises(ValidationError) as error:
        convenio.full_clean()
    assert "dice ser PDF pero no se pudo leer como PDF" in error.value.message_dict["documento"][0]

    convenio.documento = SimpleUploadedFile("convenio.pdf", a.pdf(paginas=4))
    convenio.full_clean()


@pytest.mark.parametrize(
    "como", ["javascript", "al_abrir", "lanzar", "pagina", "incrustado", "nombre_escondido"]
)
def test_un_pdf_con_javascript_o_archivos_dentro_se_rechaza_diciendo_por_que(como):
    mensaje = _mensaje(validar_evidencia, "lista.pdf", a.pdf_activo(como))
    assert "El PDF «lista.pdf» trae JavaScript" in mensaje
    assert "Imprímalo a PDF" in mensaje


def test_un_pdf_que_abre_en_su_primera_pagina_se_acepta():
    # /OpenAction con un destino (no una acción) es común en PDFs de Word: no ejecuta nada.
    import io

    import pypdf
    from pypdf.generic import ArrayObject, NameObject

    escritor = pypdf.PdfWriter()
    escritor.add_blank_page(612, 792)
    escritor._root_object[NameObject("/OpenAction")] = ArrayObject(
        [escritor.pages[0].indirect_reference, NameObject("/Fit")]
    )
    salida = io.BytesIO()
    escritor.write(salida)
    validar_evidencia(SimpleUploadedFile("lista.pdf", salida.getvalue()))

"""Un informe final guarda sus archivos y su instantánea y no cambia nunca."""

import hashlib
import io

import docx
import pytest
from django.db import IntegrityError, transaction

from capacitaciones.models import Actividad
from informes.contribucion.exportar import pdf as exportar_pdf
from informes.contribucion.servicios import (
    informe_archivo,
    informe_documento,
    informe_finalizar,
    informe_nueva_version,
)
from informes.models import InformeContribucion, InformeFinalInmutable
from programa.models import EntidadFederativa

pytestmark = pytest.mark.django_db


def test_finalizar_guarda_archivos_instantanea_suma_y_quien(borrador, coordinador):
    borrador.introduccion = "Introducción editada por la coordinación."
    borrador.save()
    final = informe_finalizar(informe=borrador, usuario=coordinador)
    final.refresh_from_db()
    assert final.estado == "final" and final.finalizado_por == coordinador and final.finalizado
    assert final.verificar()
    assert final.instantanea["archivos"]["docx"] == hashlib.sha256(bytes(final.docx)).hexdigest()
    assert bytes(final.pdf).startswith(b"%PDF-")
    texto = " ".join(p.text for p in docx.Document(io.BytesIO(bytes(final.docx))).paragraphs)
    assert "Introducción editada por la coordinación." in texto
    assert "San Luis Potosí, Nayarit, Campeche y Guanajuato" in texto


def test_un_final_no_cambia_cuando_se_editan_los_registros(borrador, coordinador):
    final = informe_finalizar(informe=borrador, usuario=coordinador)
    docx_antes, pdf_antes = informe_archivo(final, "docx"), informe_archivo(final, "pdf")
    md_antes = informe_archivo(final, "md").contenido

    # Se editan los registros: otra entidad, otro título, una capacitación cancelada.
    capacitacion = Actividad.objects.get(folio="SNDIF-2015-CAP-OAX")
    capacitacion.entidades.set([EntidadFederativa.objects.get(clave="32")])
    Actividad.objects.filter(folio="SNDIF-2015-PLATICA-01").update(titulo="Otro título")
    Actividad.objects.filter(folio="SNDIF-2015-CAP-MOR").update(
        estado="cancelada", motivo="Sin presupuesto"
    )

    final = InformeContribucion.objects.get(pk=final.pk)
    assert informe_archivo(final, "docx").contenido == docx_antes.contenido
    assert informe_archivo(final, "pdf").contenido == pdf_antes.contenido
    assert informe_archivo(final, "md").contenido == md_antes
    assert "Oaxaca, Jalisco y Morelos" in md_antes.decode()
    assert "Zacatecas" not in informe_documento(final).texto_plano()
    assert final.verificar()


def test_un_final_no_se_puede_guardar_ni_borrar(borrador, coordinador):
    final = informe_finalizar(informe=borrador, usuario=coordinador)
    final.titulo = "Cambiado"
    with pytest.raises(InformeFinalInmutable):
        final.save()
    with pytest.raises(InformeFinalInmutable):
        final.delete()
    assert InformeContribucion.objects.get(pk=final.pk).titulo != "Cambiado"


def test_la_base_de_datos_tambien_protege_el_final(borrador, coordinador):
    informe_finalizar(informe=borrador, usuario=coordinador)
    with pytest.raises(IntegrityError), transaction.atomic():
        InformeContribucion.objects.filter(pk=borrador.pk).update(titulo="Por la puerta de atrás")
    with pytest.raises(IntegrityError), transaction.atomic():
        InformeContribucion.objects.filter(pk=borrador.pk).delete()
    assert InformeContribucion.objects.get(pk=borrador.pk).estado == "final"


def test_nueva_version_es_un_borrador_con_el_mismo_texto(borrador, coordinador):
    final = informe_finalizar(informe=borrador, usuario=coordinador)
    nueva = informe_nueva_version(informe=final, usuario=coordinador)
    assert (nueva.estado, nueva.version, nueva.origen) == ("borrador", 2, final)
    assert nueva.cuerpo == final.cuerpo and nueva.docx is None
    otra = informe_nueva_version(informe=final, usuario=coordinador)
    assert otra.version == 3


def test_sin_motor_pdf_no_se_finaliza_y_nada_cambia(borrador, coordinador, monkeypatch):
    def falla(nombre):
        raise OSError("cannot load library 'libpango-1.0-0': No such file")

    monkeypatch.setattr(exportar_pdf.importlib, "import_module", falla)
    with pytest.raises(exportar_pdf.MotorPDFNoDisponible, match="apt-get install libpango-1.0-0"):
        informe_finalizar(informe=borrador, usuario=coordinador)
    borrador.refresh_from_db()
    assert borrador.estado == "borrador" and borrador.docx is None and not borrador.suma_sha256

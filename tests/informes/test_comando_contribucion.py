"""python manage.py informe_contribucion: el mismo informe desde la línea de órdenes."""

import io
import subprocess
import sys

import docx
import pytest
from django.core.management import CommandError, call_command

from informes.contribucion.exportar import pdf as exportar_pdf

pytestmark = pytest.mark.django_db

PERIODO = ["--desde", "2014-01-01", "--hasta", "2015-06-30", "--corte", "2015-06-30"]


def test_markdown_en_espanol(demo, tmp_path):
    salida = tmp_path / "aportacion.md"
    call_command(
        "informe_contribucion",
        *PERIODO,
        "--formato",
        "md",
        "--salida",
        str(salida),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    texto = salida.read_text()
    assert (
        "En el último semestre de 2015, se llevarán a cabo capacitaciones en los Estados de "
        "Oaxaca, Jalisco y Morelos." in texto
    )
    # El anexo es la cobertura del periodo: realizadas por tipo y su total nacional.
    assert "| Total nacional | 2 | 1 | 1 | 4 | 8 |" in texto


def test_docx_en_ingles(demo, tmp_path):
    salida = tmp_path / "contribution.docx"
    avisos = io.StringIO()
    call_command(
        "informe_contribucion",
        *PERIODO,
        "--idioma",
        "en",
        "--salida",
        str(salida),
        stdout=io.StringIO(),
        stderr=avisos,
    )
    texto = " ".join(p.text for p in docx.Document(str(salida)).paragraphs)
    assert "in the states of San Luis Potosí, Nayarit, Campeche and Guanajuato" in texto
    assert "SNDIF-PSICOCARTOON" in avisos.getvalue()  # el convenio sin fecha de firma


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (["--desde", "2015-02-30", "--hasta", "2015-06-30"], "«2015-02-30» no es una fecha válida"),
        (["--desde", "2015-06-30", "--hasta", "2015-01-01"], "no puede ser anterior"),
        (["--desde", "2015-01-01", "--hasta", "2015-06-30", "--formato", "odt"], "invalid choice"),
        (["--hasta", "2015-06-30"], "--desde"),
        (
            ["--desde", "2015-01-01", "--hasta", "2015-06-30", "--salida", "/no/existe/a.md"],
            "la carpeta «/no/existe» no existe",
        ),
    ],
)
def test_argumentos_malos_salen_con_estado_2_y_un_mensaje(argumentos, mensaje, tmp_path):
    # En un proceso aparte, como lo corre una persona: mensaje claro, sin traza, estado 2.
    proceso = subprocess.run(
        [sys.executable, "manage.py", "informe_contribucion", *argumentos],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
            "PATH": "/usr/bin:/bin",
        },
    )
    assert proceso.returncode == 2, proceso.stderr
    assert mensaje in proceso.stderr
    assert "Traceback" not in proceso.stderr


def test_sin_motor_pdf_dice_que_instalar(demo, tmp_path, monkeypatch):
    def falla(nombre):
        raise OSError("cannot load library 'libpangoft2-1.0-0'")

    monkeypatch.setattr(exportar_pdf.importlib, "import_module", falla)
    salida = tmp_path / "a.pdf"
    with pytest.raises(CommandError, match="apt-get install libpango-1.0-0") as error:
        call_command("informe_contribucion", *PERIODO, "--formato", "pdf", "--salida", str(salida))
    assert error.value.returncode == 1
    assert not salida.exists()

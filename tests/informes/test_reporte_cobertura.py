"""La orden ``reporte_cobertura``: la misma tabla que la página, en CSV, XLSX o JSON."""

import csv
import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

PERIODO_2015 = ["--desde", "2015-01-01", "--hasta", "2015-12-31"]


def reporte(*argumentos) -> str:
    salida = io.StringIO()
    call_command("reporte_cobertura", *argumentos, stdout=salida, stderr=io.StringIO())
    return salida.getvalue()


def test_csv_por_la_salida_estandar(demo, django_assert_num_queries):
    with django_assert_num_queries(6):
        texto = reporte(*PERIODO_2015)

    filas = list(csv.reader(io.StringIO(texto.lstrip("\ufeff"))))
    assert filas[0][:6] == [
        "clave",
        "entidad",
        "realizadas",
        "programadas",
        "canceladas",
        "participantes",
    ]
    assert [f[:4] for f in filas if f[2] != "0" or f[3] != "0"][1:] == [
        ["04", "Campeche", "1", "0"],
        ["09", "Ciudad de México", "2", "0"],
        ["11", "Guanajuato", "1", "0"],
        ["14", "Jalisco", "0", "1"],
        ["17", "Morelos", "0", "1"],
        ["18", "Nayarit", "1", "0"],
        ["20", "Oaxaca", "0", "1"],
        ["24", "San Luis Potosí", "1", "0"],
        ["00", "Total nacional", "6", "3"],
    ]


def test_xlsx_a_un_archivo(demo, tmp_path):
    destino = tmp_path / "cobertura.xlsx"

    reporte(*PERIODO_2015, "--formato", "xlsx", "--salida", str(destino))

    hoja = load_workbook(destino)["Cobertura"]
    filas = list(hoja.iter_rows(values_only=True))
    assert filas[24][:4] == ("24", "San Luis Potosí", 1, 0)
    assert filas[-1][:4] == ("00", "Total nacional", 6, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["cobertura.xlsx"]


def test_json(demo):
    datos = json.loads(
        reporte("--desde", "2015-07-01", "--hasta", "2015-12-31", "--formato", "json")
    )

    assert datos["periodo"]["nombre"] == "segundo semestre de 2015"
    assert datos["resumen"] == "32 de 32 entidades sin actividades realizadas"
    assert datos["filas"][19]["entidad"] == "Oaxaca"
    assert datos["filas"][19]["programadas"] == 1
    assert datos["filas"][-1]["clave"] == "00"


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (
            ["--desde", "2015-13-01", "--hasta", "2015-12-31"],
            "--desde «2015-13-01» no es una fecha válida",
        ),
        (
            ["--desde", "2015-01-01", "--hasta", "31/12/2015"],
            "--hasta «31/12/2015» no es una fecha válida",
        ),
        (["--hasta", "2015-12-31"], "Falta --desde AAAA-MM-DD."),
        (
            ["--desde", "0001-01-01", "--hasta", "2015-12-31"],
            "--desde: El 01/01/0001 es anterior al 01/01/2000",
        ),
        (
            ["--desde", "2015-01-01", "--hasta", "9999-12-31"],
            "--hasta: El 31/12/9999 está a más de 5 años de hoy",
        ),
        (
            ["--desde", "2015-12-31", "--hasta", "2015-01-01"],
            "--hasta (2015-01-01) es anterior a --desde",
        ),
        ([*PERIODO_2015, "--formato", "pdf"], "Formato «pdf» desconocido; use csv, xlsx o json."),
        (
            [*PERIODO_2015, "--salida", "/no/existe/x.csv"],
            "No existe la carpeta de «/no/existe/x.csv»",
        ),
    ],
)
def test_errores_con_mensaje_claro_y_estado_2(argumentos, mensaje):
    with pytest.raises(CommandError) as error:
        reporte(*argumentos)

    assert mensaje in str(error.value)
    assert error.value.returncode == 2


def test_estado_de_salida_2_desde_la_linea_de_ordenes():
    resultado = subprocess.run(
        [sys.executable, "manage.py", "reporte_cobertura", *PERIODO_2015, "--formato", "doc"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert resultado.returncode == 2
    assert "Formato «doc» desconocido" in resultado.stderr
    assert "Traceback" not in resultado.stderr

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from capacitaciones.hojas.columnas import TODAS
from capacitaciones.models import Actividad
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd, xlsx_bytes

pytestmark = pytest.mark.django_db


def _importar(ruta, *opciones):
    salida = io.StringIO()
    call_command("importar_actividades", str(ruta), *opciones, stdout=salida, verbosity=0)
    return salida.getvalue()


def test_importar_un_archivo_valido_y_luego_el_mismo(demo, tmp_path):
    ruta = tmp_path / "sistema-dif-slp.xlsx"
    ruta.write_bytes(xlsx_bytes([fila(folio="SLP-1"), fila(folio="SLP-2", titulo="Otra")]))

    assert _importar(ruta) == "Actividades importadas: 2 nuevas, 0 actualizadas, 0 sin cambios.\n"
    assert _importar(ruta) == "Actividades importadas: 0 nuevas, 0 actualizadas, 2 sin cambios.\n"


def test_dry_run_no_guarda(demo, tmp_path):
    ruta = tmp_path / "a.csv"
    ruta.write_bytes(csv_bytes([fila()]))
    antes = Actividad.objects.count()
    assert _importar(ruta, "--dry-run") == (
        "El archivo no tiene errores (prueba, no se guardó nada): 1 nuevas, 0 actualizadas, "
        "0 sin cambios.\n"
    )
    assert Actividad.objects.count() == antes


def test_importar_con_errores_sale_con_estado_distinto_de_cero_y_la_lista(demo, tmp_path):
    ruta = tmp_path / "a.csv"
    ruta.write_bytes(csv_bytes([fila(entidades="Nayrit"), fila(), fila(estado="cancelada")]))
    foto = foto_bd()
    with pytest.raises(CommandError) as error:
        _importar(ruta)
    assert str(error.value) == (
        "No se importó nada: «a.csv» tiene 2 errores.\n"
        "Fila 2, columna «entidades»: 'Nayrit' no es una entidad federativa; ¿quiso decir "
        "Nayarit?\n"
        "Fila 4, columna «motivo»: Escriba el motivo: es obligatorio cuando la actividad está "
        "cancelada."
    )
    assert foto_bd() == foto


def test_importar_un_archivo_que_no_existe(db, tmp_path):
    with pytest.raises(CommandError, match="No se puede leer"):
        _importar(tmp_path / "no-existe.csv")


def test_el_estado_de_salida_es_distinto_de_cero(demo, tmp_path):
    ruta = tmp_path / "a.csv"
    ruta.write_bytes(b"")
    with pytest.raises(SystemExit) as salida:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "importar_actividades", str(ruta)])
    assert salida.value.code == 1


def test_plantilla(demo, tmp_path):
    ruta = tmp_path / "plantilla.xlsx"
    call_command("plantilla_actividades", "--salida", str(ruta), stdout=io.StringIO())
    libro = openpyxl.load_workbook(ruta)
    assert libro.sheetnames[:2] == ["Actividades", "Instrucciones"]
    assert [c.value for c in libro["Actividades"][1]] == list(TODAS)
    assert libro["Actividades"].max_row == 1
    instrucciones = "\n".join(c.value or "" for (c,) in libro["Instrucciones"].iter_rows())
    assert "«Niñas y niños=45 (20 mujeres, 25 hombres)»" in instrucciones
    columna = {hoja: [c.value for c in libro[hoja]["A"]] for hoja in ("Tipos", "Estados")}
    assert "Plática" in columna["Tipos"] and "Reprogramada" in columna["Estados"]
    entidades = [[c.value for c in f] for f in libro["Entidades"].iter_rows(min_row=2)]
    assert ["18", "Nayarit", "Nayarit", entidades[17][3]] == entidades[17]
    assert ["Policía Federal", "PF"] in [
        [c.value for c in f] for f in libro["Instituciones"].iter_rows()
    ]
    assert "SNDIF-PF-2014" in [c.value for c in libro["Convenios"]["A"]]


def test_la_plantilla_llena_se_importa(demo, tmp_path):
    ruta = tmp_path / "plantilla.xlsx"
    call_command("plantilla_actividades", "--salida", str(ruta), stdout=io.StringIO())
    libro = openpyxl.load_workbook(ruta)
    libro["Actividades"].append([fila().get(c) for c in TODAS])
    libro.save(ruta)
    assert "1 nuevas" in _importar(ruta)


def test_plantilla_necesita_xlsx(db, tmp_path):
    with pytest.raises(CommandError, match="debe terminar en .xlsx"):
        call_command("plantilla_actividades", "--salida", str(tmp_path / "p.csv"))

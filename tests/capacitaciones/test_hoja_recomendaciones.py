"""La columna opcional «recomendaciones» de la hoja de actividades: importar y exportar."""

import csv
import io

import openpyxl
import pytest

import programa.models
from capacitaciones.hojas.columnas import COLUMNAS, TODAS
from capacitaciones.hojas.exportar import actividades_filas, lineas_csv
from capacitaciones.hojas.plantilla import INSTRUCCIONES, plantilla_escribir
from capacitaciones.models import Actividad
from tests import factories as f
from tests.capacitaciones.hojas import csv_bytes, fila, importar

pytestmark = pytest.mark.django_db

CON_RECOMENDACIONES = (*COLUMNAS, "recomendaciones")


@pytest.fixture
def recomendaciones():
    crc = f.DocumentoOnuFactory(simbolo="CRC/C/MEX/CO/4-5")
    relator = f.DocumentoOnuFactory(simbolo="A/HRC/7/8/Add.2", mecanismo="relatoria_especial")
    return {
        "42": f.RecomendacionFactory(documento=crc, parrafo="42"),
        "43 b)": f.RecomendacionFactory(documento=crc, parrafo="43 b)"),
        "3": f.RecomendacionFactory(documento=relator, parrafo="3"),
    }


def _referencias(folio: str) -> list[str]:
    actividad = Actividad.objects.get(folio=folio)
    return sorted(r.referencia for r in actividad.recomendaciones.all())


def test_recomendaciones_es_la_ultima_columna():
    assert TODAS[-1] == "recomendaciones"


def test_importar_liga_las_recomendaciones_escritas(demo, recomendaciones):
    contenido = csv_bytes(
        [fila(folio="R-1", recomendaciones="CRC/C/MEX/CO/4-5 párr. 42; a/hrc/7/8/add.2 parr. 3")],
        columnas=CON_RECOMENDACIONES,
    )
    resultado = importar(contenido)
    assert resultado.valido, resultado.errores
    assert _referencias("R-1") == ["A/HRC/7/8/Add.2 párr. 3", "CRC/C/MEX/CO/4-5 párr. 42"]


def test_una_referencia_desconocida_es_error_con_sugerencia(demo, recomendaciones):
    contenido = csv_bytes(
        [
            fila(folio="R-1", recomendaciones="CRC/C/MEX/CO/4-5 párr. 42"),
            fila(folio="R-2", recomendaciones="CRC/C/MEX/CO/4-5 párr. 43b"),
            fila(folio="R-3", recomendaciones="CRC/C/MEX/CO/4 párr. 42"),
            fila(folio="R-4", recomendaciones="la del comité"),
        ],
        columnas=CON_RECOMENDACIONES,
    )
    resultado = importar(contenido)
    assert not resultado.guardado
    assert resultado.errores == [
        "Fila 3, columna «recomendaciones»: 'CRC/C/MEX/CO/4-5 párr. 43b' no es una "
        "recomendación registrada; ¿quiso decir CRC/C/MEX/CO/4-5 párr. 43 b)?",
        "Fila 4, columna «recomendaciones»: 'CRC/C/MEX/CO/4 párr. 42' no es una recomendación "
        "registrada; ¿quiso decir CRC/C/MEX/CO/4-5 párr. 42?",
        "Fila 5, columna «recomendaciones»: 'la del comité' no es una recomendación "
        "registrada. Escríbala como «DOCUMENTO párr. N», p. ej. «CRC/C/MEX/CO/4-5 párr. 42».",
    ]
    assert not Actividad.objects.filter(folio__startswith="R-").exists()


def test_una_hoja_sin_la_columna_no_toca_los_vinculos(demo, recomendaciones):
    importar(
        csv_bytes(
            [fila(folio="R-1", recomendaciones="CRC/C/MEX/CO/4-5 párr. 42")],
            columnas=CON_RECOMENDACIONES,
        )
    )
    resultado = importar(csv_bytes([fila(folio="R-1", titulo="Otro título")]))
    assert resultado.valido and resultado.conteo["actualizadas"] == 1
    assert _referencias("R-1") == ["CRC/C/MEX/CO/4-5 párr. 42"]


def test_la_columna_vacia_quita_los_vinculos_y_cambiarla_los_reemplaza(demo, recomendaciones):
    columnas = CON_RECOMENDACIONES
    importar(
        csv_bytes(
            [fila(folio="R-1", recomendaciones="CRC/C/MEX/CO/4-5 párr. 42")], columnas=columnas
        )
    )
    resultado = importar(
        csv_bytes([fila(folio="R-1", recomendaciones="A/HRC/7/8/Add.2 párr. 3")], columnas=columnas)
    )
    assert resultado.conteo["actualizadas"] == 1
    assert _referencias("R-1") == ["A/HRC/7/8/Add.2 párr. 3"]
    sin_cambios = importar(
        csv_bytes([fila(folio="R-1", recomendaciones="A/HRC/7/8/Add.2 párr. 3")], columnas=columnas)
    )
    assert sin_cambios.conteo["sin_cambios"] == 1
    importar(csv_bytes([fila(folio="R-1", recomendaciones="")], columnas=columnas))
    assert _referencias("R-1") == []


def test_exportar_escribe_la_columna_y_reimportar_no_cambia_nada(demo, recomendaciones):
    actividad = f.ActividadFactory(folio="R-9", entidades=["24"])
    actividad.recomendaciones.set([recomendaciones["3"], recomendaciones["43 b)"]])
    texto = "".join(lineas_csv(actividades_filas(Actividad.objects.filter(folio="R-9"))))
    (exportada,) = csv.DictReader(io.StringIO(texto[1:]))
    assert exportada["recomendaciones"] == "A/HRC/7/8/Add.2 párr. 3; CRC/C/MEX/CO/4-5 párr. 43 b)"

    resultado = importar(texto.encode("utf-8"))
    assert resultado.valido, resultado.errores
    assert resultado.conteo["sin_cambios"] == 1


def test_la_plantilla_documenta_la_columna_y_lista_las_recomendaciones(recomendaciones):
    salida = io.BytesIO()
    plantilla_escribir(salida)
    libro = openpyxl.load_workbook(salida)
    encabezados = [c.value for c in libro["Actividades"][1]]
    assert encabezados[-1] == "recomendaciones"
    assert any(t.startswith("recomendaciones (opcional, la última)") for t in INSTRUCCIONES)
    referencias = [
        fila[0] for fila in libro["Recomendaciones"].iter_rows(min_row=2, values_only=True)
    ]
    assert referencias == [
        "A/HRC/7/8/Add.2 párr. 3",
        "CRC/C/MEX/CO/4-5 párr. 42",
        "CRC/C/MEX/CO/4-5 párr. 43 b)",
    ]


def test_la_misma_referencia_mal_escrita_en_muchas_filas_se_busca_una_vez(
    demo, recomendaciones, monkeypatch
):
    # Buscar la parecida recorre todas las recomendaciones (decenas de ms con mil): la misma
    # errata copiada en miles de filas no debe costar minutos.
    busquedas = []
    original = programa.models.difflib.get_close_matches

    def contar(*args, **kwargs):
        busquedas.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(programa.models.difflib, "get_close_matches", contar)
    errata = "CRC/C/MEX/CO/4-5 párr. 43b"
    contenido = csv_bytes(
        [fila(folio=f"R-{n}", recomendaciones=errata) for n in range(30)],
        columnas=CON_RECOMENDACIONES,
    )

    resultado = importar(contenido)

    assert len(resultado.errores) == 30
    assert resultado.errores[-1] == (
        f"Fila 31, columna «recomendaciones»: '{errata}' no es una recomendación registrada; "
        "¿quiso decir CRC/C/MEX/CO/4-5 párr. 43 b)?"
    )
    assert len(busquedas) == 1

"""La hoja de recomendaciones: todo o nada, errores con fila y columna, reimportar actualiza."""

import io

import pytest
from django.core.management import CommandError, call_command

from informes.seguimiento.importar import COLUMNAS, recomendaciones_importar
from programa.models import DocumentoOnu, MetaOds, Recomendacion
from tests import factories as f
from tests.capacitaciones.hojas import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def fila(**valores) -> dict:
    base = {
        "mecanismo": "Comité de los Derechos del Niño",
        "documento": "PRUEBA/C/MEX/CO/9",
        "parrafo": "42",
        "fecha": "05/06/2015",
        "texto": "Texto de prueba: fortalecer la prevención.",
        "texto_en": "Test text: strengthen prevention.",
        "temas": "Explotación sexual",
        "ods": "16.2; 5.2",
    }
    return base | valores


def importar(filas, nombre="recomendaciones.csv", guardar=True, contenido=None):
    if contenido is None:
        contenido = csv_bytes(filas, columnas=COLUMNAS)
    return recomendaciones_importar(archivo=io.BytesIO(contenido), nombre=nombre, guardar=guardar)


@pytest.fixture(autouse=True)
def tema():
    return f.TemaFactory(nombre="Explotación sexual")


def test_una_hoja_buena_crea_documento_recomendaciones_y_metas():
    resultado = importar([fila(), fila(parrafo="43 b)", temas="", ods="8.7")])

    assert resultado.valido and resultado.guardado
    assert resultado.documentos_nuevos == ["PRUEBA/C/MEX/CO/9"]
    documento = DocumentoOnu.objects.get()
    assert documento.get_mecanismo_display() == "Comité de los Derechos del Niño"
    assert [str(r) for r in Recomendacion.objects.all()] == [
        "PRUEBA/C/MEX/CO/9 párr. 42",
        "PRUEBA/C/MEX/CO/9 párr. 43 b)",
    ]
    r42 = Recomendacion.objects.get(parrafo="42")
    assert r42.texto_en == "Test text: strengthen prevention."
    assert r42.fecha.isoformat() == "2015-06-05"
    assert [t.nombre for t in r42.temas.all()] == ["Explotación sexual"]
    assert sorted(o.clave for o in r42.ods.all()) == ["16.2", "5.2"]
    assert sorted(MetaOds.objects.values_list("clave", flat=True)) == ["16.2", "5.2", "8.7"]


def test_el_xlsx_se_importa_igual_que_el_csv():
    resultado = importar(
        None,
        nombre="recomendaciones.xlsx",
        contenido=xlsx_bytes([fila(mecanismo="epu", fecha=None)], columnas=COLUMNAS),
    )
    assert resultado.valido, resultado.errores
    recomendacion = Recomendacion.objects.get()
    assert recomendacion.documento.mecanismo == "epu"
    assert recomendacion.fecha is None


def test_volver_a_importar_actualiza_sin_duplicar():
    importar([fila(), fila(parrafo="43")])
    historial = Recomendacion.historial.count()

    resultado = importar([fila(texto="Texto corregido."), fila(parrafo="43")])

    assert resultado.valido
    assert [f.accion for f in resultado.filas] == ["actualiza", "sin_cambios"]
    assert Recomendacion.objects.count() == 2
    assert Recomendacion.objects.get(parrafo="42").texto == "Texto corregido."
    assert Recomendacion.historial.count() == historial + 1
    assert resultado.documentos_nuevos == []


def test_un_documento_registrado_se_nombra_sin_mecanismo():
    f.DocumentoOnuFactory(simbolo="PRUEBA/C/MEX/CO/9", mecanismo="cedaw")
    resultado = importar([fila(mecanismo="", documento="prueba/c/mex/co/9")])
    assert resultado.valido, resultado.errores
    assert str(Recomendacion.objects.get()) == "PRUEBA/C/MEX/CO/9 párr. 42"


@pytest.mark.parametrize(
    ("cambios", "error"),
    [
        (
            {"mecanismo": "Comite de los derechos del nino"},
            None,  # sin acentos ni mayúsculas también vale
        ),
        (
            {"mecanismo": "Comité de los Derechos del Nio"},
            "Fila 2, columna «mecanismo»: 'Comité de los Derechos del Nio' no es un mecanismo; "
            "¿quiso decir Comité de los Derechos del Niño?",
        ),
        (
            {"mecanismo": ""},
            "Fila 2, columna «mecanismo»: El documento PRUEBA/C/MEX/CO/9 no está registrado: "
            "escriba su mecanismo para crearlo.",
        ),
        (
            {"documento": ""},
            "Fila 2, columna «documento»: Escriba el símbolo del documento",
        ),
        ({"parrafo": ""}, "Fila 2, columna «parrafo»: Escriba el párrafo"),
        (
            {"parrafo": "b) cuarenta"},
            "Fila 2, columna «parrafo»: 'b) cuarenta' no empieza con el número del párrafo",
        ),
        (
            {"fecha": "31/02/2015"},
            "Fila 2, columna «fecha»: '31/02/2015' no es una fecha que exista.",
        ),
        (
            {"fecha": "junio 2015"},
            "Fila 2, columna «fecha»: 'junio 2015' no es una fecha con formato",
        ),
        (
            {"texto": "", "texto_en": ""},
            "Fila 2, columna «texto»: Escriba el texto de la recomendación",
        ),
        (
            {"temas": "Explotacion sexal"},
            "Fila 2, columna «temas»: 'Explotacion sexal' no es un tema del catálogo; ¿quiso "
            "decir Explotación sexual?",
        ),
        (
            {"ods": "16,2"},
            "Fila 2, columna «ods»: '16,2' no es una meta ODS; escríbala como objetivo.meta",
        ),
    ],
)
def test_cada_error_dice_fila_y_columna_y_no_guarda_nada(cambios, error):
    resultado = importar([fila(**cambios), fila(parrafo="7")])
    if error is None:
        assert resultado.valido, resultado.errores
        return
    assert not resultado.guardado
    assert len(resultado.errores) == 1
    assert resultado.errores[0].startswith(error), resultado.errores
    assert not Recomendacion.objects.exists()
    assert not DocumentoOnu.objects.exists()
    assert not MetaOds.objects.exists()


def test_la_misma_referencia_dos_veces_es_error():
    resultado = importar([fila(), fila(parrafo="7"), fila(parrafo=" 42 ")])
    assert resultado.errores == [
        "Fila 4, columna «parrafo»: La recomendación PRUEBA/C/MEX/CO/9 párr. 42 ya aparece en "
        "la fila 2; cada recomendación va en una sola fila."
    ]
    assert not Recomendacion.objects.exists()


def test_mecanismo_distinto_al_del_documento_registrado():
    f.DocumentoOnuFactory(simbolo="PRUEBA/C/MEX/CO/9", mecanismo="cedaw")
    resultado = importar([fila(mecanismo="comite_derechos_nino")])
    assert resultado.errores == [
        "Fila 2, columna «mecanismo»: El documento PRUEBA/C/MEX/CO/9 es del mecanismo «CEDAW», "
        "no de «Comité de los Derechos del Niño»."
    ]


def test_falta_una_columna_se_dice_antes_de_leer_filas():
    contenido = csv_bytes([fila()], columnas=[c for c in COLUMNAS if c != "ods"])
    resultado = importar(None, contenido=contenido)
    assert resultado.errores == ["Falta la columna «ods»."]


def test_la_orden_importa_y_dice_los_errores(tmp_path):
    hoja = tmp_path / "recomendaciones.csv"
    hoja.write_bytes(csv_bytes([fila(), fila(parrafo="43")], columnas=COLUMNAS))
    salida = io.StringIO()
    call_command("importar_recomendaciones", str(hoja), stdout=salida)
    assert salida.getvalue().strip() == (
        "Recomendaciones importadas: 2 nuevas, 0 actualizadas, 0 sin cambios; documentos "
        "nuevos: PRUEBA/C/MEX/CO/9."
    )

    hoja.write_bytes(csv_bytes([fila(temas="Nada")], columnas=COLUMNAS))
    with pytest.raises(CommandError) as error:
        call_command("importar_recomendaciones", str(hoja))
    assert str(error.value) == (
        "No se importó nada: «recomendaciones.csv» tiene 1 error.\n"
        "Fila 2, columna «temas»: 'Nada' no es un tema del catálogo."
    )


def test_la_prueba_sin_guardar_cuenta_pero_no_escribe():
    resultado = importar([fila()], guardar=False)
    assert resultado.valido and not resultado.guardado
    assert resultado.documentos_nuevos == ["PRUEBA/C/MEX/CO/9"]
    assert not DocumentoOnu.objects.exists()

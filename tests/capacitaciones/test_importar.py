import datetime as dt
import io
import zipfile

import pytest

from capacitaciones.hojas.columnas import COLUMNAS
from capacitaciones.hojas.importar import Accion
from capacitaciones.models import Actividad, ActividadInstitucion, Participacion
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd, importar, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_un_csv_valido_crea_las_actividades_con_sus_relaciones(demo):
    antes = Actividad.objects.count()
    contenido = csv_bytes(
        [
            fila(folio="SLP-2016-001", entidades="24; nayarit", mujeres="20", hombres="25"),
            fila(
                tipo="curso",
                titulo="Prevención de la trata",
                estado="programada",
                fecha_inicio="2016-09-15",
                precision="Semestre",
                modalidad="EN LINEA",
                entidades="Qro.",
                entidades_participantes="Jalisco;Yucatán",
                temas="trata de personas; Explotacion sexual infantil",
                participantes="Personal del programa=12; Niñas y niños=40 (22 mujeres, 18 hombres)",
                organiza="Sistema Nacional para el Desarrollo Integral de la Familia",
                imparte="",
                convenio="sndif-pf-2014",
                descripcion="Capacitación a distancia",
            ),
        ]
    )

    resultado = importar(contenido)

    assert resultado.errores == []
    assert resultado.guardado
    assert resultado.conteo == {"nuevas": 2, "actualizadas": 0, "sin_cambios": 0, "con_error": 0}
    assert Actividad.objects.count() == antes + 2
    platica = Actividad.objects.get(folio="SLP-2016-001")
    assert (platica.tipo, platica.estado) == ("platica", "realizada")
    assert platica.fecha_inicio == platica.fecha_fin == dt.date(2015, 3, 18)
    assert sorted(e.nombre_corto for e in platica.entidades.all()) == [
        "Nayarit",
        "San Luis Potosí",
    ]
    participacion = platica.participaciones.get()
    assert (participacion.audiencia.nombre, participacion.total) == ("Niñas y niños", 45)
    assert (participacion.mujeres, participacion.hombres) == (20, 25)
    assert [str(i.siglas) for i in platica.instituciones_con_rol("imparte")] == ["PF"]

    curso = Actividad.objects.get(titulo="Prevención de la trata")
    assert curso.folio.startswith("ACT-")
    assert (curso.fecha_inicio, curso.fecha_fin) == (dt.date(2016, 7, 1), dt.date(2016, 12, 31))
    assert (curso.precision, curso.modalidad) == ("semestre", "en_linea")
    assert curso.convenio.folio == "SNDIF-PF-2014"
    assert [e.nombre_corto for e in curso.entidades.all()] == ["Querétaro"]
    assert {t.nombre for t in curso.temas.all()} == {
        "Trata de personas",
        "Explotación sexual infantil",
    }
    assert {
        (p.audiencia.nombre, p.total, p.mujeres, p.hombres) for p in curso.participaciones.all()
    } == {("Personal del programa", 12, None, None), ("Niñas y niños", 40, 22, 18)}
    assert curso.total_participantes == 52


def test_reimportar_el_mismo_archivo_no_cambia_nada_y_corregido_actualiza(demo):
    filas = [fila(folio="SLP-1"), fila(folio="SLP-2", titulo="Ciberacoso")]
    importar(csv_bytes(filas))
    foto = foto_bd()

    otra_vez = importar(csv_bytes(filas))
    assert otra_vez.conteo["sin_cambios"] == 2
    assert foto_bd() == foto

    filas[1] = fila(folio="SLP-2", titulo="Ciberacoso escolar", participantes="Adolescentes=30")
    corregido = importar(csv_bytes(filas))

    assert [f.accion for f in corregido.filas] == [Accion.SIN_CAMBIOS, Accion.ACTUALIZA]
    actividad = Actividad.objects.get(folio="SLP-2")
    assert actividad.titulo == "Ciberacoso escolar"
    assert [(p.audiencia.nombre, p.total) for p in actividad.participaciones.all()] == [
        ("Adolescentes", 30)
    ]
    assert Actividad.objects.filter(folio__startswith="SLP-").count() == 2
    # Las instituciones se reemplazan, no se duplican.
    assert ActividadInstitucion.objects.filter(actividad=actividad).count() == 2


def test_actualizar_no_toca_lo_que_la_hoja_no_trae(demo):
    """Sin columna «participa», las instituciones que participan se conservan."""
    contenido = csv_bytes(
        [
            fila(
                folio="SNDIF-2015-CAP-SLP",
                tipo="Capacitación",
                titulo="Capacitación corregida",
                fecha_inicio="2015-01-01",
                precision="semestre",
            )
        ]
    )
    assert importar(contenido).conteo["actualizadas"] == 1
    actividad = Actividad.objects.get(folio="SNDIF-2015-CAP-SLP")
    assert actividad.titulo == "Capacitación corregida"
    assert actividad.titulo_en  # campo que la hoja no tiene: intacto
    assert [i.siglas for i in actividad.instituciones_con_rol("participa")] == ["DIF SLP"]


def test_un_xlsx_con_celdas_de_fecha_y_numero(demo):
    contenido = xlsx_bytes(
        [fila(fecha_inicio=dt.datetime(2015, 4, 22), fecha_fin=None, mujeres=20, folio=1234)]
    )
    resultado = importar(contenido, nombre="Actividades.XLSX")
    assert resultado.errores == []
    actividad = Actividad.objects.get(folio="1234")
    assert actividad.fecha_inicio == dt.date(2015, 4, 22)
    assert actividad.participaciones.get().mujeres == 20


def test_csv_con_punto_y_coma_sin_bom(demo):
    contenido = csv_bytes(
        [fila(folio="PYC-1", titulo="Niñas, niños y más")], separador=";", bom=False
    )
    assert importar(contenido).errores == []
    assert Actividad.objects.get(folio="PYC-1").titulo == "Niñas, niños y más"


def test_la_vista_previa_no_escribe(demo):
    foto = foto_bd()
    resultado = importar(csv_bytes([fila(), fila(folio="SNDIF-2015-PLATICA-01")]), guardar=False)
    assert resultado.valido and not resultado.guardado
    assert [f.accion for f in resultado.filas] == [Accion.NUEVA, Accion.ACTUALIZA]
    assert foto_bd() == foto


def _bomba_xml() -> bytes:
    """Un XLSX cuya hoja define entidades que se expanden mil millones de veces."""
    entrada = zipfile.ZipFile(io.BytesIO(xlsx_bytes([fila()])))
    entidades = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    doctype = f"<!DOCTYPE worksheet [{''.join(entidades)}]>".encode()
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as destino:
        for nombre in entrada.namelist():
            datos = entrada.read(nombre)
            if nombre == "xl/worksheets/sheet1.xml":
                datos = doctype + datos.split(b"?>", 1)[-1]
            destino.writestr(nombre, datos)
    return salida.getvalue()


def _bomba_zip() -> bytes:
    """Un XLSX de verdad con una parte extra que ocupa 300 MB al descomprimirse."""
    salida = io.BytesIO(xlsx_bytes([fila()]))
    zip_ = zipfile.ZipFile(salida, "a", compression=zipfile.ZIP_DEFLATED)
    with zip_, zip_.open("xl/relleno.xml", "w", force_zip64=True) as parte:
        ceros = b"\0" * (1024 * 1024)
        for _ in range(300):
            parte.write(ceros)
    return salida.getvalue()


ENCABEZADO = ",".join(COLUMNAS)

ENTRADAS_MALAS = {
    "extension": (b"a,b\n", "actividades.txt", "no es una hoja de cálculo aceptada"),
    "xlsx_falso": (csv_bytes([fila()]), "actividades.xlsx", "dice ser XLSX pero su contenido"),
    "zip_no_excel": (
        b"PK\x03\x04" + b"\0" * 100,
        "actividades.xlsx",
        "está dañado",
    ),
    "csv_binario": (xlsx_bytes([fila()]), "actividades.csv", "dice ser CSV pero es un libro"),
    "vacio": (b"", "actividades.csv", "está vacío"),
    "solo_bom": ("\ufeff\n".encode(), "actividades.csv", "está vacío"),
    "sin_filas": (("\ufeff" + ENCABEZADO + "\n").encode(), "actividades.csv", "no tiene filas"),
    "sin_encabezados": (b"1,2,3\n4,5,6\n", "actividades.csv", "no tiene los encabezados"),
    "encabezado_mal_escrito": (
        csv_bytes([fila()]).replace(b"fecha_inicio", b"fecha_incio"),
        "actividades.csv",
        "Falta la columna «fecha_inicio»; ¿es «fecha_incio»?",
    ),
    "latin1": (
        csv_bytes([fila(titulo="Niñas")], bom=False).decode().encode("latin-1"),
        "actividades.csv",
        "no está en UTF-8 (primer carácter ilegible en la línea 2)",
    ),
    "entidad": (
        csv_bytes([fila(entidades="Nayrit")]),
        "a.csv",
        "Fila 2, columna «entidades»: 'Nayrit' no es una entidad federativa; ¿quiso decir Nayarit?",
    ),
    "tipo": (
        csv_bytes([fila(tipo="Platik")]),
        "a.csv",
        "Fila 2, columna «tipo»: 'Platik' no es un valor de «tipo»; ¿quiso decir Plática?",
    ),
    "estado": (
        csv_bytes([fila(estado="hecha")]),
        "a.csv",
        "'hecha' no es un valor de «estado». Use uno de: Programada, Realizada",
    ),
    "tema": (
        csv_bytes([fila(temas="Delitos cibernetcos")]),
        "a.csv",
        "'Delitos cibernetcos' no es un tema del catálogo; ¿quiso decir Delitos cibernéticos?",
    ),
    "audiencia": (
        csv_bytes([fila(participantes="Niñas y nios=4")]),
        "a.csv",
        "'Niñas y nios' no es una audiencia del catálogo; ¿quiso decir Niñas y niños?",
    ),
    "institucion": (
        csv_bytes([fila(imparte="Policia Federl")]),
        "a.csv",
        "'Policia Federl' no es una institución registrada (por nombre o siglas); "
        "¿quiso decir Policía Federal?",
    ),
    "convenio": (
        csv_bytes([fila(convenio="SNDIF-PF-2041")]),
        "a.csv",
        "No hay un convenio con folio 'SNDIF-PF-2041'",
    ),
    "fecha_formato": (
        csv_bytes([fila(fecha_inicio="18 de marzo")]),
        "a.csv",
        "'18 de marzo' no es una fecha con formato AAAA-MM-DD ni DD/MM/AAAA.",
    ),
    "fecha_imposible": (
        csv_bytes([fila(fecha_inicio="2015-02-30")]),
        "a.csv",
        "Fila 2, columna «fecha_inicio»: '2015-02-30' no es una fecha que exista.",
    ),
    "sin_fecha": (csv_bytes([fila(fecha_inicio="")]), "a.csv", "Escriba la fecha de inicio."),
    "fin_antes": (
        csv_bytes([fila(fecha_fin="17/03/2015")]),
        "a.csv",
        "La fecha de término (17/03/2015) es anterior a la de inicio (18/03/2015).",
    ),
    "negativo": (
        csv_bytes([fila(participantes="Niñas y niños=-3")]),
        "a.csv",
        "Total de Niñas y niños no puede ser negativo (-3).",
    ),
    "no_numerico": (
        csv_bytes([fila(hombres="muchos")]),
        "a.csv",
        "Fila 2, columna «hombres»: 'muchos' no es un número entero (hombres).",
    ),
    "desglose_excede": (
        csv_bytes([fila(mujeres="30", hombres="20")]),
        "a.csv",
        "Niñas y niños: Mujeres (30) más hombres (20) suman más que el total (45).",
    ),
    "desglose_no_coincide": (
        csv_bytes([fila(participantes="Niñas y niños=45 (20 mujeres)", mujeres="21")]),
        "a.csv",
        "Fila 2, columna «mujeres»: Dice 21, pero el desglose de «participantes» suma 20.",
    ),
    "desglose_de_la_actividad_excede": (
        csv_bytes(
            [
                fila(
                    participantes="Niñas y niños=45; Personal del programa=3",
                    mujeres="40",
                    hombres="10",
                )
            ]
        ),
        "a.csv",
        "Fila 2, columna «mujeres»: Mujeres (40) más hombres (10) suman más que las personas "
        "registradas (48).",
    ),
    "desglose_de_la_actividad_sin_total": (
        csv_bytes([fila(participantes="Niñas y niños; Personal del programa", mujeres="2")]),
        "a.csv",
        "Fila 2, columna «mujeres»: Escriba cuántas personas asistieron (por audiencia) antes "
        "de desglosar por sexo.",
    ),
    "sin_motivo": (
        csv_bytes([fila(estado="Cancelada")]),
        "a.csv",
        "Fila 2, columna «motivo»: Escriba el motivo: es obligatorio cuando la actividad está "
        "cancelada.",
    ),
    "folio_repetido": (
        csv_bytes([fila(folio="X-1"), fila(folio="X-1")]),
        "a.csv",
        "Fila 3, columna «folio»: El folio 'X-1' ya aparece en la fila 2",
    ),
    "titulo_largo": (
        csv_bytes([fila(titulo="x" * 301)]),
        "a.csv",
        "Fila 2, columna «titulo»: Asegúrese de que este valor tenga como máximo 300 caracteres",
    ),
    "bomba_xml": (_bomba_xml(), "a.xlsx", "no se aceptan por seguridad"),
    "bomba_zip": (_bomba_zip(), "a.xlsx", "parece una «bomba zip»"),
}


@pytest.mark.parametrize("caso", ENTRADAS_MALAS)
def test_cada_entrada_mala_da_un_mensaje_claro_y_no_cambia_nada(demo, caso):
    contenido, nombre, mensaje = ENTRADAS_MALAS[caso]
    foto = foto_bd()
    participaciones = Participacion.objects.count()

    resultado = importar(contenido, nombre=nombre)

    assert not resultado.guardado
    assert any(mensaje in error for error in resultado.errores), resultado.errores
    assert foto_bd() == foto
    assert Participacion.objects.count() == participaciones


def test_una_fila_mala_impide_guardar_las_buenas(demo):
    antes = Actividad.objects.count()
    resultado = importar(csv_bytes([fila(), fila(), fila(entidades="Nayrit"), fila()]))
    assert [f.accion for f in resultado.filas] == [
        Accion.NUEVA,
        Accion.NUEVA,
        Accion.ERROR,
        Accion.NUEVA,
    ]
    assert Actividad.objects.count() == antes


def test_archivo_mas_grande_que_el_limite(demo, settings):
    settings.TAMANO_MAXIMO_ARCHIVO_MB = 1
    contenido = csv_bytes([fila(descripcion="x" * 1000)] * 1100)
    resultado = importar(contenido)
    assert resultado.errores == [
        f"El archivo «actividades.csv» pesa {len(contenido) / 1024 / 1024:.1f} MB; "
        "el máximo es 1 MB."
    ]


def test_openpyxl_usa_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_importar_cuesta_las_mismas_consultas_con_10_o_30_filas(demo, django_assert_num_queries):
    # Consultas: entidades, temas, audiencias, instituciones, convenios, programas (6);
    # SAVEPOINT; actividades con esos folios (1 por lote de 500; ninguna existe, así que sin
    # precargas); insertar actividades, entidades, temas, instituciones, participaciones (5);
    # historial (9): actividades; por cada relación M2M (entidades, entidades participantes,
    # temas, recomendaciones) leerla e insertar su copia si tiene filas (aquí no hay
    # participantes ni recomendaciones); instituciones y participaciones; el evento en la
    # bitácora;
    # RELEASE SAVEPOINT. (SQLite inserta de 34 en 34 registros de historial por su límite de
    # 999 parámetros; por eso no más de 30 filas aquí.)
    for n in (10, 30):
        contenido = csv_bytes([fila(folio=f"Q{n}-{i}") for i in range(n)])
        with django_assert_num_queries(24):
            assert importar(contenido).conteo["nuevas"] == n


def test_actualizar_cuesta_consultas_constantes(demo, django_assert_num_queries):
    contenido = csv_bytes([fila(folio=f"U-{i}") for i in range(30)])
    importar(contenido)
    cambiado = csv_bytes([fila(folio=f"U-{i}", titulo="Otro título") for i in range(30)])
    # 6 catálogos; SAVEPOINT; actividades con esos folios y sus 5 relaciones (6);
    # actualizar el título, lo único que cambió (1); historial de las actividades con sus
    # relaciones M2M con filas (entidades y temas) y la lectura de las recomendaciones, que
    # no tienen (6); el evento en la bitácora; RELEASE
    # SAVEPOINT. Las relaciones que no cambiaron no se borran ni se vuelven a escribir.
    with django_assert_num_queries(23):
        assert importar(cambiado).conteo["actualizadas"] == 30
    assert Actividad.objects.filter(titulo="Otro título").count() == 30
    assert ActividadInstitucion.objects.filter(actividad__folio__startswith="U-").count() == 60

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from capacitaciones.hojas.columnas import COLUMNAS, TODAS
from capacitaciones.hojas.exportar import actividades_filas, escribir_xlsx, lineas_csv
from capacitaciones.models import Actividad
from programa.models import Audiencia
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd, importar
from tests.factories import (
    ActividadFactory,
    ActividadInstitucionFactory,
    ParticipacionFactory,
    ProgramaFactory,
)

pytestmark = pytest.mark.django_db


def _csv(actividades=None) -> list[dict]:
    texto = "".join(lineas_csv(actividades_filas(actividades or Actividad.objects.all())))
    assert texto.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(texto[1:])))


def test_las_columnas_del_contrato_van_primero():
    assert TODAS[: len(COLUMNAS)] == COLUMNAS
    assert COLUMNAS[0] == "folio" and COLUMNAS[-1] == "motivo" and len(COLUMNAS) == 20


def test_exportar_csv_muestra_lo_que_ve_el_usuario(demo):
    filas = {f["folio"]: f for f in _csv()}
    curso = filas["SNDIF-2014-CURSO-ESI"]
    assert curso["tipo"] == "Curso"
    assert (curso["fecha_inicio"], curso["fecha_fin"], curso["precision"]) == (
        "01/04/2014",
        "30/04/2014",
        "Mes",
    )
    assert curso["entidades_participantes"].startswith("Chihuahua; Durango")
    assert curso["participantes"] == "Personal de los Sistemas Estatales DIF"
    assert curso["organiza"] == "SNDIF"
    assert "DIF Yuc." in curso["participa"]
    platica = filas["SNDIF-2015-PLATICA-02"]
    assert (platica["imparte"], platica["convenio"]) == ("PF", "SNDIF-PF-2014")
    assert platica["sede"] == "Centro de Desarrollo Infantil del DIF Nacional"


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_ida_y_vuelta_no_cambia_nada(demo, tmp_path, formato):
    # Desgloses por audiencia y totales sin dato: lo más difícil de conservar.
    actividad = Actividad.objects.get(folio="SNDIF-2014-FORO-TRATA")
    actividad.participaciones.filter(audiencia__nombre="Personas servidoras públicas").update(
        total=30, mujeres=18, hombres=10
    )
    actividad.participaciones.filter(
        audiencia__nombre="Organizaciones de la sociedad civil"
    ).update(total=7, mujeres=None, hombres=4)
    actividad.motivo = "Se cambió de sede"
    actividad.estado = "reprogramada"
    actividad.save()
    foto = foto_bd()
    salida = tmp_path / f"actividades.{formato}"
    call_command("exportar_actividades", "--salida", str(salida), verbosity=0)

    resultado = importar(salida.read_bytes(), nombre=salida.name)

    assert resultado.errores == []
    assert resultado.conteo["sin_cambios"] == Actividad.objects.count() == 11
    assert foto_bd() == foto
    assert "Personas servidoras públicas=30 (18 mujeres, 10 hombres)" in foto
    assert "Organizaciones de la sociedad civil=7 (4 hombres)" in foto


def test_ida_y_vuelta_de_actividades_importadas(demo):
    importar(
        csv_bytes(
            [
                fila(folio="A-1", participantes="Niñas y niños=45 (20 mujeres, 25 hombres)"),
                fila(folio="A-2", fecha_inicio="2016-05-05", precision="trimestre"),
            ]
        )
    )
    exportado = "".join(lineas_csv(actividades_filas(Actividad.objects.all()))).encode()
    assert importar(exportado).conteo["sin_cambios"] == 13


def test_exportar_xlsx_escribe_fechas_como_fechas(demo):
    salida = io.BytesIO()
    escribir_xlsx(
        actividades_filas(Actividad.objects.filter(folio="SNDIF-2015-PLATICA-01")), salida
    )
    hoja = openpyxl.load_workbook(salida, read_only=True)["Actividades"]
    encabezado, valores = list(hoja.iter_rows(values_only=True))
    assert encabezado == TODAS
    fila_ = dict(zip(encabezado, valores, strict=True))
    assert fila_["fecha_inicio"] == dt.datetime(2015, 3, 18)
    assert fila_["titulo"] == "Delitos Cibernéticos"


def test_exportar_cuesta_las_mismas_consultas_con_muchas_actividades(django_assert_num_queries):
    audiencia = Audiencia.objects.get(nombre="Niñas y niños")
    programa = ProgramaFactory()
    for i in range(40):
        actividad = ActividadFactory(entidades=["24", "18"], folio=f"E-{i}", programa=programa)
        ParticipacionFactory(actividad=actividad, audiencia=audiencia, total=10, mujeres=4)
        ActividadInstitucionFactory(actividad=actividad)
    # 1 siglas repetidas; actividades con su convenio (1 lote); entidades; entidades
    # participantes; temas; recomendaciones con su documento; participaciones con audiencia;
    # instituciones con la suya.
    with django_assert_num_queries(8):
        filas = _csv()
    assert len(filas) == 40
    assert {f["participantes"] for f in filas} == {"Niñas y niños=10 (4 mujeres)"}
    assert {f["entidades"] for f in filas} == {"Nayarit; San Luis Potosí"}


def test_exportar_por_periodo_desde_la_linea_de_ordenes(demo, tmp_path):
    salida = tmp_path / "2015.csv"
    call_command(
        "exportar_actividades",
        "--desde",
        "2015-01-01",
        "--hasta",
        "2015-06-30",
        "--salida",
        str(salida),
        verbosity=0,
    )
    filas = list(csv.DictReader(io.StringIO(salida.read_text(encoding="utf-8-sig"))))
    assert sorted(f["folio"] for f in filas) == [
        "SNDIF-2015-CAP-CAM",
        "SNDIF-2015-CAP-GTO",
        "SNDIF-2015-CAP-NAY",
        "SNDIF-2015-CAP-SLP",
        "SNDIF-2015-PLATICA-01",
        "SNDIF-2015-PLATICA-02",
    ]


def test_exportar_a_la_salida_estandar(demo):
    salida = io.StringIO()
    call_command("exportar_actividades", "--desde", "2015-07-01", stdout=salida)
    filas = list(csv.DictReader(io.StringIO(salida.getvalue().lstrip("\ufeff"))))
    assert sorted(f["folio"] for f in filas) == [
        "SNDIF-2015-CAP-JAL",
        "SNDIF-2015-CAP-MOR",
        "SNDIF-2015-CAP-OAX",
    ]


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (["--desde", "01/07/2015"], "'01/07/2015' no es una fecha con formato AAAA-MM-DD."),
        (["--desde", "2015-07-01", "--hasta", "2015-01-01"], "--hasta no puede ser anterior"),
        (["--formato", "xlsx"], "Para exportar en XLSX indique el archivo con --salida."),
    ],
)
def test_exportar_con_parametros_malos(db, argumentos, mensaje):
    with pytest.raises(CommandError, match=mensaje):
        call_command("exportar_actividades", *argumentos)


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_un_titulo_que_parece_formula_no_se_ejecuta_y_vuelve_igual(demo, tmp_path, formato):
    titulo = '=HYPERLINK("http://ejemplo.invalid","clic")'
    Actividad.objects.filter(folio="SNDIF-2015-PLATICA-01").update(titulo=titulo, sede="-Sede")
    salida = tmp_path / f"actividades.{formato}"
    call_command("exportar_actividades", "--salida", str(salida), verbosity=0)

    if formato == "xlsx":
        import openpyxl

        hoja = openpyxl.load_workbook(salida).active
        celdas = [c for fila in hoja.iter_rows() for c in fila if c.value == titulo]
        assert celdas and all(c.data_type == "s" for c in celdas)
    else:
        assert "'=HYPERLINK(" in salida.read_text(encoding="utf-8-sig")
    resultado = importar(salida.read_bytes(), nombre=salida.name)
    assert resultado.errores == [] and resultado.conteo["sin_cambios"] == 11
    actividad = Actividad.objects.get(folio="SNDIF-2015-PLATICA-01")
    assert (actividad.titulo, actividad.sede) == (titulo, "-Sede")


# Segundo semestre de 2017: cada actividad toca un borde del periodo o queda justo fuera.
_BORDES = {
    "ANTES": (dt.date(2017, 6, 30), dt.date(2017, 6, 30), "dia"),
    "PRIMER-DIA": (dt.date(2017, 7, 1), dt.date(2017, 7, 1), "dia"),
    "CRUZA-INICIO": (dt.date(2017, 6, 30), dt.date(2017, 7, 1), "dia"),
    "ULTIMO-DIA": (dt.date(2017, 12, 31), dt.date(2017, 12, 31), "dia"),
    "DESPUES": (dt.date(2018, 1, 1), dt.date(2018, 1, 1), "dia"),
    "ABARCA": (dt.date(2016, 11, 1), dt.date(2018, 2, 28), "dia"),
    "MES-JUNIO": (dt.date(2017, 6, 1), dt.date(2017, 6, 30), "mes"),
    "MES-DICIEMBRE": (dt.date(2017, 12, 1), dt.date(2017, 12, 31), "mes"),
    "SEMESTRE-1": (dt.date(2017, 1, 1), dt.date(2017, 6, 30), "semestre"),
    "SEMESTRE-2": (dt.date(2017, 7, 1), dt.date(2017, 12, 31), "semestre"),
    "ANIO": (dt.date(2017, 1, 1), dt.date(2017, 12, 31), "anio"),
}


@pytest.mark.parametrize(
    ("desde", "hasta"),
    [("2017-07-01", "2017-12-31"), ("2017-07-01", None), (None, "2017-06-30")],
)
def test_el_periodo_de_la_exportacion_es_el_de_en_periodo(db, desde, hasta, monkeypatch):
    from capacitaciones.models import ActividadQuerySet
    from programa.limites import FECHA_PISO, FECHA_TECHO

    for nombre, (inicio, fin, precision) in _BORDES.items():
        ActividadFactory(folio=nombre, fecha_inicio=inicio, fecha_fin=fin, precision=precision)
    original, llamadas = ActividadQuerySet.en_periodo, []

    def espia(self, *periodo):
        llamadas.append(periodo)
        return original(self, *periodo)

    monkeypatch.setattr(ActividadQuerySet, "en_periodo", espia)
    argumentos = [*(["--desde", desde] if desde else []), *(["--hasta", hasta] if hasta else [])]
    salida = io.StringIO()
    call_command("exportar_actividades", *argumentos, stdout=salida)
    exportadas = {f["folio"] for f in csv.DictReader(io.StringIO(salida.getvalue()[1:]))}

    # Una sola regla: la exportación pasa por en_periodo (y en PostgreSQL por su índice).
    periodo = (
        dt.date.fromisoformat(desde) if desde else FECHA_PISO,
        dt.date.fromisoformat(hasta) if hasta else FECHA_TECHO,
    )
    assert llamadas == [periodo]
    esperadas = {
        ("2017-07-01", "2017-12-31"): {
            "PRIMER-DIA",
            "CRUZA-INICIO",
            "ULTIMO-DIA",
            "ABARCA",
            "MES-DICIEMBRE",
            "SEMESTRE-2",
            "ANIO",
        },
        ("2017-07-01", None): set(_BORDES) - {"ANTES", "MES-JUNIO", "SEMESTRE-1"},
        (None, "2017-06-30"): {
            "ANTES",
            "CRUZA-INICIO",
            "ABARCA",
            "MES-JUNIO",
            "SEMESTRE-1",
            "ANIO",
        },
    }[(desde, hasta)]
    assert exportadas == esperadas
    assert exportadas == set(
        original(Actividad.objects.all(), *periodo).values_list("folio", flat=True)
    )

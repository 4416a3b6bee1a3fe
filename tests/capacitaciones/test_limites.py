"""Cifras y fechas imposibles: por el admin, por una hoja y en el filtro de año de la lista."""

import datetime as dt

import pytest
from django.utils import timezone

from capacitaciones.hojas.admin import CLAVE_SESION
from capacitaciones.models import Actividad, Participacion
from programa.limites import fecha_maxima
from tests import factories as f
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd, importar, xlsx_bytes
from tests.capacitaciones.test_admin_actividades import URL, formulario
from tests.capacitaciones.test_admin_hojas import CONFIRMAR, _subir

pytestmark = pytest.mark.django_db
D = dt.date


def _lejana() -> dt.date:
    return fecha_maxima() + dt.timedelta(days=1)


# -- la hoja -----------------------------------------------------------------------------------

CIFRAS_MALAS = {
    "enorme": (
        {"participantes": "Adolescentes=100000000000000000000"},
        "columna «participantes»: Total de Adolescentes: 100,000,000,000,000,000,000 personas "
        "en una sola audiencia no es una cifra plausible; el máximo es 100,000.",
    ),
    "billon": (
        {"participantes": "Niñas y niños=1000000000000"},
        "1,000,000,000,000 personas en una sola audiencia no es una cifra plausible",
    ),
    "5000_cifras": (
        {"participantes": "Niñas y niños=" + "9" * 5000},
        "Total de Niñas y niños: un número de 5000 cifras no es una cantidad de personas.",
    ),
    "negativo": ({"participantes": "Niñas y niños=-5"}, "no puede ser negativo (-5)"),
    "fraccion": (
        {"participantes": "Niñas y niños=3.5"},
        "'3.5' no es un número entero (total de Niñas y niños).",
    ),
    "exponente": (
        {"participantes": "Niñas y niños=1e3"},
        "'1e3' no es un número entero (total de Niñas y niños).",
    ),
    "texto": ({"participantes": "Niñas y niños=mil"}, "'mil' no es un número entero"),
    "desglose_enorme": (
        {"participantes": "Niñas y niños=45 (100000000000000000000 mujeres)"},
        "Mujeres de Niñas y niños: 100,000,000,000,000,000,000 personas",
    ),
    "columna_mujeres": (
        {"participantes": "Niñas y niños", "mujeres": "200000"},
        "columna «mujeres»: 200,000 personas en una sola audiencia no es una cifra plausible",
    ),
    "columna_hombres_enorme": (
        {"hombres": "1" + "0" * 40},
        "columna «hombres»: Hombres: un número de 41 cifras no es una cantidad de personas.",
    ),
}


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
@pytest.mark.parametrize("caso", CIFRAS_MALAS)
def test_cada_cifra_mala_da_fila_y_columna_y_no_guarda_nada(demo, caso, formato):
    valores, mensaje = CIFRAS_MALAS[caso]
    foto, participaciones = foto_bd(), Participacion.objects.count()
    hoja = csv_bytes if formato == "csv" else xlsx_bytes

    resultado = importar(hoja([fila(), fila(**valores)]), nombre=f"a.{formato}")

    assert not resultado.guardado
    assert any(e.startswith("Fila 3, columna") and mensaje in e for e in resultado.errores), (
        resultado.errores
    )
    assert foto_bd() == foto and Participacion.objects.count() == participaciones


@pytest.mark.parametrize(
    ("celda", "mensaje"),
    [
        (1e20, "columna «mujeres»: 100,000,000,000,000,000,000 personas"),
        (3.5, "'3.5' no es un número entero (mujeres)."),
        (-5, "Mujeres no puede ser negativo (-5)."),
        (1e300, "Mujeres: un número de 301 cifras no es una cantidad de personas."),
        ("mil", "'mil' no es un número entero (mujeres)."),
    ],
    ids=["1e20", "3.5", "-5", "1e300", "mil"],
)
def test_celdas_numericas_de_excel_fuera_de_rango(demo, celda, mensaje):
    resultado = importar(xlsx_bytes([fila(mujeres=celda)]), nombre="a.xlsx")
    assert not resultado.guardado
    assert any(mensaje in e for e in resultado.errores), resultado.errores


def test_una_cifra_en_el_limite_se_guarda(demo, settings):
    settings.PARTICIPANTES_MAXIMO_POR_AUDIENCIA = 250_000
    resultado = importar(csv_bytes([fila(folio="TOPE-1", participantes="Niñas y niños=250000")]))
    assert resultado.errores == []
    assert Actividad.objects.get(folio="TOPE-1").total_participantes == 250_000


def _fechas_malas():
    lejana = _lejana()
    return {
        "0001": ("01/01/0001", "El 01/01/0001 es anterior al 01/01/2000"),
        "9999": ("9999-12-31", "El 31/12/9999 está a más de 5 años de hoy"),
        "1999": ("31/12/1999", "El 31/12/1999 es anterior al 01/01/2000"),
        "hoy+5+1": (lejana.strftime("%d/%m/%Y"), f"El {lejana:%d/%m/%Y} está a más de 5 años"),
    }


@pytest.mark.parametrize("columna", ["fecha_inicio", "fecha_fin"])
@pytest.mark.parametrize("caso", ["0001", "9999", "1999", "hoy+5+1"])
def test_fechas_fuera_de_rango_en_la_hoja(demo, caso, columna):
    texto, mensaje = _fechas_malas()[caso]
    valores = {"fecha_inicio": "01/01/2000", columna: texto, "estado": "Programada"}
    foto = foto_bd()

    resultado = importar(csv_bytes([fila(**valores)]))

    assert any(e.startswith(f"Fila 2, columna «{columna}»: {mensaje}") for e in resultado.errores)
    assert foto_bd() == foto


@pytest.mark.parametrize("caso", ["0001", "9999", "hoy+5+1"])
def test_celdas_de_fecha_de_excel_fuera_de_rango(demo, caso):
    fecha = {"0001": D(1, 1, 1), "9999": D(9999, 12, 31), "hoy+5+1": _lejana()}[caso]
    resultado = importar(xlsx_bytes([fila(fecha_inicio=fecha)]), nombre="a.xlsx")
    assert any("Fila 2, columna «fecha_inicio»: El " in e for e in resultado.errores)


def test_un_anio_completo_que_termina_lejos_se_explica(demo):
    # Lo escrito cabe, pero con precisión de año la actividad dura hasta el 31 de diciembre.
    maxima = fecha_maxima()
    if maxima.month == 12 and maxima.day == 31:
        pytest.skip("hoy + 5 años cae en 31 de diciembre")
    resultado = importar(
        csv_bytes([fila(fecha_inicio=maxima.isoformat(), precision="Año", estado="Programada")])
    )
    assert any(
        f"columna «fecha_fin»: El 31/12/{maxima.year} está a más de 5 años" in e
        for e in resultado.errores
    ), resultado.errores


def test_confirmar_una_hoja_con_cifras_imposibles_no_da_error_500(demo, admin_client):
    foto = foto_bd()
    hoja = csv_bytes([fila(participantes="Adolescentes=100000000000000000000")])

    previa = _subir(admin_client, hoja)

    assert previa.status_code == 200
    assert "el máximo es 100,000" in previa.content.decode()
    assert "Confirmar e importar" not in previa.content.decode()
    # Aunque alguien envíe la confirmación a mano, se vuelve a validar y nada se escribe.
    token = admin_client.session.get(CLAVE_SESION, {}).get("token", "x")
    confirmado = admin_client.post(CONFIRMAR, {"token": token}, follow=True)
    assert confirmado.status_code == 200
    assert foto_bd() == foto


# -- el admin ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        ({"fecha_inicio": "01/01/0001"}, "El 01/01/0001 es anterior al 01/01/2000"),
        ({"fecha_inicio": "31/12/1999"}, "El 31/12/1999 es anterior al 01/01/2000"),
        ({"fecha_inicio": "31/12/9999"}, "El 31/12/9999 está a más de 5 años de hoy"),
        ({"fecha_fin": "31/12/9999"}, "El 31/12/9999 está a más de 5 años de hoy"),
        (
            {
                "participaciones-TOTAL_FORMS": 1,
                "participaciones-0-total": 10**12,
            },
            "1,000,000,000,000 personas en una sola audiencia no es una cifra plausible",
        ),
        (
            {
                "participaciones-TOTAL_FORMS": 1,
                "participaciones-0-total": 10**20,
                "participaciones-0-mujeres": 10**20,
            },
            "100,000,000,000,000,000,000 personas en una sola audiencia",
        ),
    ],
)
def test_el_admin_explica_fechas_y_cifras_imposibles(admin_client, cambios, mensaje):
    if "participaciones-TOTAL_FORMS" in cambios:
        cambios["participaciones-0-audiencia"] = f.AudienciaFactory().pk
    respuesta = admin_client.post(URL + "add/", formulario(**cambios))

    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert not Actividad.objects.filter(folio="SNDIF-2015-PRUEBA").exists()


def test_las_cifras_del_admin_llevan_su_maximo(admin_client, settings):
    settings.PARTICIPANTES_MAXIMO_POR_AUDIENCIA = 5000
    actividad = f.ActividadFactory()
    f.ParticipacionFactory(actividad=actividad)
    html = admin_client.get(f"{URL}{actividad.pk}/change/").content.decode()
    assert 'name="participaciones-0-total"' in html
    assert html.count('max="5000"') >= 3


def test_el_admin_acepta_hoy_mas_cinco_anios_pero_no_un_dia_mas(admin_client):
    maxima = fecha_maxima()
    datos = formulario(estado="programada", fecha_inicio=maxima.strftime("%d/%m/%Y"))
    assert admin_client.post(URL + "add/", datos).status_code == 302
    Actividad.objects.all().delete()
    datos["fecha_inicio"] = _lejana().strftime("%d/%m/%Y")
    assert admin_client.post(URL + "add/", datos).status_code == 200
    assert not Actividad.objects.exists()


def test_el_admin_de_convenios_explica_la_fecha_de_firma(admin_client):
    programa = f.ProgramaFactory()
    datos = {
        "folio": "CONV-1",
        "tipo": "colaboracion",
        "titulo": "Convenio",
        "programa": programa.pk,
        "fecha_firma": "01/01/0001",
        "partes-TOTAL_FORMS": 0,
        "partes-INITIAL_FORMS": 0,
    }
    respuesta = admin_client.post("/admin/convenios/convenio/add/", datos)
    assert respuesta.status_code == 200
    assert "El 01/01/0001 es anterior al 01/01/2000" in respuesta.content.decode()


# -- el filtro de año --------------------------------------------------------------------------


def test_el_filtro_de_anio_ofrece_solo_los_anios_con_actividades(admin_client):
    f.ActividadFactory(fecha_inicio=D(2003, 5, 1), fecha_fin=D(2003, 5, 1))
    f.ActividadFactory(fecha_inicio=D(2015, 3, 18), fecha_fin=D(2015, 3, 18))
    anio = min(timezone.localdate().year + 1, fecha_maxima().year)
    f.ActividadFactory(
        fecha_inicio=D(anio, 1, 1), fecha_fin=D(anio, 12, 31), precision="anio", estado="programada"
    )

    assert Actividad.objects.anios_con_datos() == [anio, 2015, 2003]
    html = admin_client.get(URL).content.decode()
    assert f"?anio={anio}" in html and "?anio=2015" in html and "?anio=2003" in html
    assert "?anio=2004" not in html and "?anio=2014" not in html and "?anio=2002" not in html


def test_una_actividad_de_varios_anios_esta_en_cada_uno():
    f.ActividadFactory(fecha_inicio=D(2019, 7, 1), fecha_fin=D(2021, 6, 30), precision="semestre")
    assert Actividad.objects.anios_con_datos() == [2021, 2020, 2019]


def test_sin_actividades_el_filtro_no_ofrece_anios():
    assert Actividad.objects.anios_con_datos() == []

"""Los redactores en casos de borde: listas, «y/e», cada precisión de fecha, periodos que
cruzan meses y años, secciones vacías."""

import datetime as dt

import pytest

from informes.contribucion.redaccion import en, es

pytestmark = pytest.mark.django_db


def _f(inicio, fin, precision):
    return {"inicio": inicio, "fin": fin, "precision": precision}


@pytest.mark.parametrize(
    ("elementos", "esperado"),
    [
        ([], ""),
        (["Oaxaca"], "Oaxaca"),
        (["Oaxaca", "Jalisco"], "Oaxaca y Jalisco"),
        (["Oaxaca", "Jalisco", "Morelos"], "Oaxaca, Jalisco y Morelos"),
        (["Guerrero", "Hidalgo"], "Guerrero e Hidalgo"),
        (["Puebla", "Tlaxcala", "Iztapalapa"], "Puebla, Tlaxcala e Iztapalapa"),
        (["agua", "hielo"], "agua y hielo"),  # hie- suena /ye/
        (["cobre", "hierro"], "cobre y hierro"),
        (["Tlaxcala", "Yucatán"], "Tlaxcala y Yucatán"),
        (["niñas", "Íñigo"], "niñas e Íñigo"),
    ],
)
def test_lista_en_espanol_con_su_conjuncion(elementos, esperado):
    assert es.lista(elementos) == esperado


def test_lista_en_ingles():
    assert en.and_list(["Oaxaca"]) == "Oaxaca"
    assert en.and_list(["Guerrero", "Hidalgo"]) == "Guerrero and Hidalgo"
    assert en.and_list(["Oaxaca", "Jalisco", "Morelos"]) == "Oaxaca, Jalisco and Morelos"


@pytest.mark.parametrize(
    ("fecha", "espanol", "ingles"),
    [
        (_f("2015-03-18", "2015-03-18", "dia"), "el 18 de marzo de 2015", "on 18 March 2015"),
        (_f("2014-04-01", "2014-04-30", "mes"), "en abril de 2014", "in April 2014"),
        (
            _f("2015-01-01", "2015-03-31", "trimestre"),
            "en el primer trimestre de 2015",
            "in the first quarter of 2015",
        ),
        (
            _f("2015-07-01", "2015-12-31", "semestre"),
            "en el último semestre de 2015",
            "in the second half of 2015",
        ),
        (
            _f("2015-01-01", "2015-06-30", "semestre"),
            "en el primer semestre de 2015",
            "in the first half of 2015",
        ),
        (_f("2014-01-01", "2014-12-31", "anio"), "durante 2014", "during 2014"),
        # Periodos de varios días, meses o años.
        (
            _f("2015-03-03", "2015-03-05", "dia"),
            "del 3 al 5 de marzo de 2015",
            "from 3 to 5 March 2015",
        ),
        (
            _f("2015-03-30", "2015-04-02", "dia"),
            "del 30 de marzo al 2 de abril de 2015",
            "from 30 March to 2 April 2015",
        ),
        (
            _f("2014-12-28", "2015-01-03", "dia"),
            "del 28 de diciembre de 2014 al 3 de enero de 2015",
            "from 28 December 2014 to 3 January 2015",
        ),
        (
            _f("2015-03-01", "2015-05-31", "mes"),
            "de marzo a mayo de 2015",
            "from March to May 2015",
        ),
        (
            _f("2014-11-01", "2015-02-28", "mes"),
            "de noviembre de 2014 a febrero de 2015",
            "from November 2014 to February 2015",
        ),
        (_f("2014-01-01", "2015-12-31", "anio"), "de 2014 a 2015", "from 2014 to 2015"),
        (
            _f("2014-07-01", "2015-06-30", "semestre"),
            "del último semestre de 2014 al primer semestre de 2015",
            "from the second half of 2014 to the first half of 2015",
        ),
    ],
)
def test_fechas_con_su_precision(fecha, espanol, ingles):
    assert es.fecha(fecha) == espanol
    assert en.date(fecha) == ingles


def test_coma_tras_una_fecha_larga_al_empezar_la_oracion():
    assert es.fecha_inicial(_f("2015-03-18", "2015-03-18", "dia")) == "El 18 de marzo de 2015"
    assert es.fecha_inicial(_f("2014-04-01", "2014-04-30", "mes")) == "En abril de 2014"
    assert es.fecha_inicial(_f("2014-01-01", "2014-12-31", "anio")) == "Durante 2014,"


def test_tiempo_verbal_segun_la_fecha_de_corte():
    corte = dt.date(2015, 6, 30)
    segundo = _f("2015-07-01", "2015-12-31", "semestre")
    assert es.tiempo("programada", segundo, corte) == "futuro"
    assert es.tiempo("realizada", segundo, corte) == "pasado"
    assert es.tiempo("programada", _f("2015-06-01", "2015-07-31", "mes"), corte) == "presente"
    assert es.tiempo("programada", _f("2015-05-01", "2015-05-31", "mes"), corte) == "pendiente"


@pytest.mark.parametrize(
    ("claves", "espanol", "ingles"),
    [
        (["20"], "el Estado de Oaxaca", "the state of Oaxaca"),
        (["15"], "el Estado de México", "the State of Mexico"),
        (["12", "13"], "los Estados de Guerrero e Hidalgo", "the states of Guerrero and Hidalgo"),
        (["09"], "la Ciudad de México", "Mexico City"),
        (["12", "15", "20"], "los Estados de Guerrero, México y Oaxaca", None),
        (
            ["20", "14", "09"],
            "los Estados de Oaxaca y Jalisco, y la Ciudad de México",
            "the states of Oaxaca and Jalisco and Mexico City",
        ),
    ],
)
def test_entidades(claves, espanol, ingles):
    from programa.models import EntidadFederativa

    nombres = dict(EntidadFederativa.objects.values_list("clave", "nombre_corto"))
    ents = [{"clave": c, "nombre": nombres[c]} for c in claves]
    assert es.entidades(ents) == espanol
    if ingles:
        assert en.states(ents) == ingles


def test_articulos_y_titulos_descriptivos():
    assert es.con_articulo("Policía Federal") == "la Policía Federal"
    assert es.con_articulo("Sistema Nacional DIF") == "el Sistema Nacional DIF"
    assert (
        es.con_articulo("Objetos Digitales de Aprendizaje")
        == "los Objetos Digitales de Aprendizaje"
    )
    assert es.de("el personal encargado") == "del personal encargado"
    assert es.es_descriptivo("Curso sobre Elementos Teórico Metodológicos", "curso")
    assert es.es_descriptivo("Capacitación sobre delitos cibernéticos", "capacitación")
    assert not es.es_descriptivo("Foro Análisis y Reflexión", "foro")
    assert not es.es_descriptivo("Delitos Cibernéticos", "plática")


def test_finalmente_no_se_junta_con_tambien():
    bloques = [es.Bloque("parrafo", f"Párrafo {n}.") for n in range(4)]
    bloques.append(es.Bloque("parrafo", "También se llevó a cabo el Convenio de colaboración."))
    ultimo = es.Redactor.finalmente(None, bloques)[-1].texto
    assert ultimo == "Finalmente, se llevó a cabo el Convenio de colaboración."

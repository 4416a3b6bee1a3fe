"""Los redactores en casos de borde: listas, «y/e», cada precisión de fecha, periodos que
cruzan meses y años, secciones vacías."""

import datetime as dt

import pytest

from informes.contribucion.redaccion import en, es, plan

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
    texto = "También se llevó a cabo el Convenio de colaboración."
    assert (
        es.Frases({"corte": "2015-06-30"}).finalmente(texto)
        == "Finalmente, se llevó a cabo el Convenio de colaboración."
    )
    assert en.Frases({"corte": "2015-06-30"}).finalmente("Also, X.") == "Finally, x."


# --- Lo que un lector exigente de la Cancillería señalaría -------------------------------------


def test_dos_dias_seguidos():
    f = _f("2019-11-14", "2019-11-15", "dia")
    assert es.fecha(f) == "los días 14 y 15 de noviembre de 2019"
    assert en.date(f) == "on 14 and 15 November 2019"


@pytest.mark.parametrize(
    ("fecha", "espanol", "ingles"),
    [
        # Dos capacitaciones de tres días: no «del 25 de marzo al 10 de julio».
        (_f("2019-03-25", "2019-07-10", "dia"), "entre marzo y julio de 2019", None),
        (_f("2019-03-04", "2019-03-20", "dia"), "en marzo de 2019", "in March 2019"),
        (_f("2019-02-01", "2019-06-30", "mes"), "entre febrero y junio de 2019", None),
        (
            _f("2018-11-05", "2019-02-08", "dia"),
            "entre noviembre de 2018 y febrero de 2019",
            "between November 2018 and February 2019",
        ),
        (_f("2015-01-01", "2015-06-30", "semestre"), "en el primer semestre de 2015", None),
    ],
)
def test_las_fechas_de_un_grupo_dicen_el_tramo(fecha, espanol, ingles):
    assert es.fecha_varias(fecha) == espanol
    if ingles:
        assert en.date_several(fecha) == ingles
    assert en.date_several(_f("2019-03-25", "2019-07-10", "dia")) == "between March and July 2019"


@pytest.mark.parametrize(
    ("nombres", "espanol"),
    [
        (["adolescentes"], "a adolescentes"),
        (
            ["personas servidoras públicas", "organizaciones de la sociedad civil"],
            "a personas servidoras públicas y organizaciones de la sociedad civil",
        ),
        (
            ["niñas y niños", "madres, padres y personas cuidadoras"],
            "a niñas y niños, así como a madres, padres y personas cuidadoras",
        ),
        (
            ["niñas y niños", "el público en general"],
            "a niñas y niños, así como al público en general",
        ),
        (["adolescentes", "el público en general"], "a adolescentes y al público en general"),
        (
            ["el personal de los Sistemas Estatales DIF", "organizaciones civiles"],
            "al personal de los Sistemas Estatales DIF y a organizaciones civiles",
        ),
    ],
)
def test_listas_de_publicos_sin_ambiguedad(nombres, espanol):
    assert es.lista_con(es.a, nombres) == espanol


def test_listas_de_publicos_en_ingles():
    assert (
        en.list_with("for", ["children", "parents and caregivers"])
        == "for children, as well as parents and caregivers"
    )
    assert (
        en.list_with("of", ["staff of the State DIF Systems", "civil society organizations"])
        == "of staff of the State DIF Systems and of civil society organizations"
    )
    assert en.list_with("to", ["public servants"]) == "to public servants"


def test_numeros_pequenos_con_letra():
    assert es.cuantas(2, "taller", "talleres", False) == "dos talleres"
    assert es.cuantas(1, "plática", "pláticas", True) == "una plática"
    assert es.cuantas(12, "curso", "cursos", False) == "12 cursos"
    assert en.how_many(2, "workshop", "workshops") == "two workshops"


def _convenio(objeto, objeto_en=""):
    return {
        "titulo": "Convenio de colaboración con la Fundación X",
        "titulo_en": "",
        "objeto": objeto,
        "objeto_en": objeto_en,
        "fecha_firma": "2019-03-14",
        "vigencia_fin": None,
        "partes": [],
    }


@pytest.mark.parametrize(
    ("objeto", "espanol"),
    [
        ("realizar acciones coordinadas", "Dicho convenio tiene por objetivo realizar acciones "),
        # Un infinitivo capturado con mayúscula se escribe en minúscula tras «tiene por objetivo».
        ("Realizar acciones coordinadas.", "Dicho convenio tiene por objetivo realizar acciones "),
        # Lo que no es infinitivo no cabe en el hueco: oración propia.
        (
            "Colaboración en materia de prevención.",
            "Su objeto: Colaboración en materia de prevención.",
        ),
        ("La cooperación entre las partes", "Su objeto: La cooperación entre las partes."),
    ],
)
def test_objeto_del_convenio_solo_entra_si_cabe(objeto, espanol):
    texto = es.Frases({"corte": "2019-12-31"}).objeto_convenio(_convenio(objeto))
    assert texto.startswith(espanol), texto


def test_objeto_del_convenio_en_ingles():
    frases = en.Frases({"corte": "2019-12-31"})
    assert (
        frases.objeto_convenio(_convenio("x", "to prevent crimes"))
        == "The purpose of this agreement is to prevent crimes."
    )
    assert (
        frases.objeto_convenio(_convenio("x", "Cooperation between the parties"))
        == "Its purpose: Cooperation between the parties."
    )


def _estrategia(participacion):
    return {
        "nombre": "Estrategia Nacional de Prevención de Adicciones",
        "nombre_en": "",
        "participacion": participacion,
        "participacion_en": "",
        "instituciones": [],
    }


def test_participacion_en_una_estrategia_sigue_a_la_coma_o_va_aparte():
    frases = es.Frases({"corte": "2019-12-31"})
    assert frases.estrategia(_estrategia("con pláticas en escuelas"), 0) == (
        "Asimismo, el programa participa en la Estrategia Nacional de Prevención de Adicciones, "
        "con pláticas en escuelas."
    )
    assert frases.estrategia(_estrategia("Se dieron pláticas en escuelas."), 0) == (
        "Asimismo, el programa participa en la Estrategia Nacional de Prevención de Adicciones. "
        "Se dieron pláticas en escuelas."
    )


def _producto(descripcion):
    return {
        "clase": "material_impreso",
        "nombre": "guía de crianza positiva",
        "nombre_en": "",
        "descripcion": descripcion,
        "descripcion_en": "",
        "fecha": None,
    }


def test_descripcion_de_un_producto_sigue_a_mismo_que_o_va_aparte():
    frases = es.Frases({"corte": "2019-12-31"})
    assert frases.producto(_producto("aborda la crianza positiva"), "", []) == (
        "Se generó el material impreso “Guía de crianza positiva”, mismo que aborda la crianza "
        "positiva."
    )
    assert frases.producto(_producto("Material para madres y padres."), "", []) == (
        "Se generó el material impreso “Guía de crianza positiva”. Material para madres y padres."
    )
    for nota in ("para madres y padres", "dirigida a docentes"):  # ni verbo ni oración
        assert frases.producto(_producto(nota), "", []).endswith(f"”. {es.mayuscula(nota)}.")


def _programa(descripcion):
    return {
        "nombre": "Programa X",
        "nombre_en": "",
        "descripcion": descripcion,
        "descripcion_en": "",
        "responsable": {"nombre": "Sistema Nacional DIF", "nombre_en": "", "siglas": "SNDIF"},
    }


def test_descripcion_de_un_programa_sigue_al_sujeto_solo_si_empieza_con_verbo():
    assert es.Frases({"corte": "2019-12-31"}).programa(
        _programa("Implementa acciones preventivas."), None
    ) == (
        "El Sistema Nacional DIF (SNDIF) implementa acciones preventivas, a través del Programa X."
    )
    assert es.Frases({"corte": "2019-12-31"}).programa(
        _programa("Programa federal de prevención."), None
    ) == (
        "El Sistema Nacional DIF (SNDIF) implementa el Programa X. Programa federal de prevención."
    )


def test_un_titulo_que_ya_nombra_la_capacitacion_no_la_repite_en_ingles():
    h = {"titulo": "formación de promotores", "titulo_en": "training of child promoters"}
    assert en.Frases({"corte": "2019-12-31"})._training(h, nombrar=True) == (
        "training of child promoters"
    )
    h = {"titulo": "formación de promotores", "titulo_en": "Training for trainers"}
    assert (
        en.Frases({"corte": "2019-12-31"})._training(h, nombrar=True) == "“Training for trainers”"
    )
    h = {"titulo": "escudo digital", "titulo_en": "digital shield"}
    assert en.Frases({"corte": "2019-12-31"})._training(h, nombrar=True) == (
        "the “Digital shield” training"
    )


def test_un_plan_dos_recetarios():
    """El orden y la selección están en un solo lugar: cada sección del plan tiene su frase en
    los dos recetarios, y ninguno de ellos decide secciones."""
    for nombre in ("cuerpo", "seccion_acciones", "seccion_capacitaciones"):
        assert not hasattr(es.Frases, nombre) and not hasattr(en.Frases, nombre)
    frases = {
        n for n in vars(es.Frases) if not n.startswith("_") and callable(getattr(es.Frases, n))
    }
    faltan = {n for n in frases if not hasattr(en.Frases, n)}
    assert faltan == set()
    assert list(plan.SECCIONES) == [
        "marco",
        "acciones",
        "estrategias",
        "capacitaciones",
        "productos",
        "profesionalizacion",
        "cambios",
        "otras",
    ]

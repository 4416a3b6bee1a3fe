"""Las reglas de conteo de la cobertura, con los datos de 2015 y con datos hechos a la medida."""

import datetime as dt

import pytest

from capacitaciones.models import Actividad
from informes.cobertura.periodos import Periodo
from informes.cobertura.selectores import Filtros, actividades_por_trimestre, cobertura
from programa.fechas import Precision
from tests.factories import (
    ActividadFactory,
    AudienciaFactory,
    ConvenioFactory,
    ParticipacionFactory,
    TemaFactory,
)

pytestmark = pytest.mark.django_db

ANIO_2015 = Filtros(Periodo.anio(2015))


def por_clave(datos, atributo):
    return {f.clave: getattr(f, atributo) for f in datos.entidades if getattr(f, atributo)}


def test_demo_2015_realizadas_y_programadas_por_entidad(demo):
    datos = cobertura(ANIO_2015)

    # Capacitaciones en SLP, Nayarit, Campeche y Guanajuato; dos pláticas en la CDMX.
    assert por_clave(datos, "realizadas") == {"24": 1, "18": 1, "04": 1, "11": 1, "09": 2}
    # Capacitaciones programadas para el segundo semestre en Oaxaca, Jalisco y Morelos.
    assert por_clave(datos, "programadas") == {"20": 1, "14": 1, "17": 1}
    assert datos.fila("24").realizadas_por_tipo(Actividad.Tipo.CAPACITACION) == 1
    assert datos.fila("09").realizadas_por_tipo(Actividad.Tipo.PLATICA) == 2
    assert datos.nacional.realizadas == 6
    assert datos.nacional.programadas == 3
    assert datos.nacional.canceladas == 0
    assert datos.resumen() == "27 de 32 entidades sin actividades realizadas"
    assert [f.clave for f in datos.entidades] == [f"{n:02d}" for n in range(1, 33)]


def test_demo_semestres_de_2015_respetan_la_precision_de_las_fechas(demo):
    primero = cobertura(Filtros(Periodo.semestre(2015, 1)))
    segundo = cobertura(Filtros(Periodo.semestre(2015, 2)))

    assert por_clave(primero, "realizadas") == {"24": 1, "18": 1, "04": 1, "11": 1, "09": 2}
    assert por_clave(primero, "programadas") == {}
    assert por_clave(segundo, "programadas") == {"20": 1, "14": 1, "17": 1}
    assert segundo.nacional.realizadas == 0
    assert segundo.resumen() == "32 de 32 entidades sin actividades realizadas"


def test_demo_2014_el_foro_y_el_curso_sin_entidad_cuentan_solo_en_el_total(demo):
    datos = cobertura(Filtros(Periodo.anio(2014)))

    assert datos.nacional.realizadas == 2
    assert datos.sin_entidad.realizadas == 2
    assert por_clave(datos, "realizadas") == {}


def test_actividad_en_varias_entidades_cuenta_en_cada_una_y_una_vez_en_el_pais():
    audiencia = AudienciaFactory(nombre="Adolescentes")
    actividad = ActividadFactory(entidades=["24", "18", "04"])
    ParticipacionFactory(actividad=actividad, audiencia=audiencia, total=30)

    datos = cobertura(ANIO_2015)

    assert por_clave(datos, "realizadas") == {"24": 1, "18": 1, "04": 1}
    assert por_clave(datos, "participantes") == {"24": 30, "18": 30, "04": 30}
    assert datos.nacional.realizadas == 1
    assert datos.nacional.participantes == 30
    assert datos.nacional.por_audiencia == {audiencia.pk: 30}


def test_participantes_sin_registrar_cuentan_cero_y_se_suman_por_audiencia():
    ninos, personal = AudienciaFactory(nombre="Niñas y niños"), AudienciaFactory(nombre="P")
    a = ActividadFactory(entidades=["09"])
    ParticipacionFactory(actividad=a, audiencia=ninos, total=None)
    ParticipacionFactory(actividad=a, audiencia=personal, total=12)
    b = ActividadFactory(entidades=["09"])
    ParticipacionFactory(actividad=b, audiencia=ninos, total=25)

    fila = cobertura(ANIO_2015).fila("09")

    assert fila.participantes == 37
    assert fila.por_audiencia == {ninos.pk: 25, personal.pk: 12}


def test_canceladas_nunca_cuentan_como_cobertura_ni_sus_participantes():
    cancelada = ActividadFactory(
        entidades=["20"], estado=Actividad.Estado.CANCELADA, motivo="Lluvias"
    )
    ParticipacionFactory(actividad=cancelada, total=50)
    programada = ActividadFactory(entidades=["20"], estado=Actividad.Estado.PROGRAMADA)
    ParticipacionFactory(actividad=programada, total=40)

    datos = cobertura(ANIO_2015)
    oaxaca = datos.fila("20")

    assert (oaxaca.realizadas, oaxaca.canceladas, oaxaca.programadas) == (0, 1, 1)
    assert oaxaca.participantes == 0
    assert oaxaca.sin_realizadas
    assert datos.resumen() == "32 de 32 entidades sin actividades realizadas"


@pytest.mark.parametrize(
    ("periodo", "cuenta"),
    [
        (Periodo.anio(2015), 1),
        (Periodo.semestre(2015, 2), 1),
        (Periodo.semestre(2015, 1), 0),
        (Periodo.trimestre(2015, 4), 1),
        (Periodo.entre(dt.date(2015, 6, 1), dt.date(2015, 7, 1)), 1),
        (Periodo.entre(dt.date(2015, 1, 1), dt.date(2015, 6, 30)), 0),
        (Periodo.anio(2016), 0),
    ],
)
def test_actividad_con_fecha_de_semestre_pertenece_a_los_periodos_que_toca(periodo, cuenta):
    ActividadFactory(
        entidades=["14"],
        fecha_inicio=dt.date(2015, 7, 1),
        fecha_fin=dt.date(2015, 12, 31),
        precision=Precision.SEMESTRE,
    )

    assert cobertura(Filtros(periodo)).fila("14").realizadas == cuenta


def test_filtros_por_tipo_estado_tema_convenio_y_programa():
    tema = TemaFactory(nombre="Ciberacoso")
    convenio = ConvenioFactory()
    curso = ActividadFactory(entidades=["01"], tipo=Actividad.Tipo.CURSO, convenio=convenio)
    curso.temas.set([tema])
    ActividadFactory(entidades=["02"], tipo=Actividad.Tipo.PLATICA)
    ActividadFactory(entidades=["03"], estado=Actividad.Estado.PROGRAMADA)

    def entidades(**filtros):
        datos = cobertura(Filtros(Periodo.anio(2015), **filtros))
        return sorted(f.clave for f in datos.entidades if f.realizadas or f.programadas)

    assert entidades() == ["01", "02", "03"]
    assert entidades(tipo=Actividad.Tipo.CURSO) == ["01"]
    assert entidades(estado=Actividad.Estado.PROGRAMADA) == ["03"]
    assert entidades(tema=tema) == ["01"]
    assert entidades(convenio=convenio) == ["01"]
    assert entidades(programa=curso.programa) == ["01", "02", "03"]


def test_filas_exportables_empiezan_con_las_columnas_fijas_y_cierran_con_el_total(demo):
    datos = cobertura(ANIO_2015)
    filas = datos.filas()

    assert datos.columnas()[:6] == [
        "clave",
        "entidad",
        "realizadas",
        "programadas",
        "canceladas",
        "participantes",
    ]
    assert len(filas) == 33
    assert filas[23][:6] == ["24", "San Luis Potosí", 1, 0, 0, 0]
    assert filas[-1][:6] == ["00", "Total nacional", 6, 3, 0, 0]


def test_consultas_de_la_cobertura_no_crecen_con_las_actividades(django_assert_num_queries):
    audiencia = AudienciaFactory()
    for clave in ("01", "05", "09", "14", "24", "31"):
        for _ in range(3):
            actividad = ActividadFactory(entidades=[clave, "32"])
            ParticipacionFactory(actividad=actividad, audiencia=audiencia, total=5)

    # entidades, audiencias, actividades por entidad, por país, participantes por entidad y
    # por país.
    with django_assert_num_queries(6):
        datos = cobertura(ANIO_2015)

    assert datos.fila("32").realizadas == 18
    assert datos.fila("32").participantes == 90
    assert datos.nacional.realizadas == 18
    assert datos.nacional.participantes == 90


def test_actividades_por_trimestre_cuentan_donde_se_traslapan(django_assert_num_queries):
    ActividadFactory(fecha_inicio=dt.date(2015, 3, 18))
    ActividadFactory(
        estado=Actividad.Estado.PROGRAMADA,
        fecha_inicio=dt.date(2015, 7, 1),
        fecha_fin=dt.date(2015, 12, 31),
        precision=Precision.SEMESTRE,
    )

    with django_assert_num_queries(1):
        trimestres = actividades_por_trimestre([2015])

    assert [(t.nombre, t.programadas, t.realizadas) for t in trimestres] == [
        ("1T 2015", 0, 1),
        ("2T 2015", 0, 0),
        ("3T 2015", 1, 0),
        ("4T 2015", 1, 0),
    ]


def test_nombres_de_periodos():
    assert Periodo.entre(dt.date(2015, 7, 1), dt.date(2015, 12, 31)).nombre == (
        "segundo semestre de 2015"
    )
    assert Periodo.entre(dt.date(2015, 1, 1), dt.date(2015, 12, 31)).nombre == "2015"
    assert Periodo.entre(dt.date(2015, 3, 18), dt.date(2015, 4, 22)).nombre == (
        "del 18 de marzo de 2015 al 22 de abril de 2015"
    )

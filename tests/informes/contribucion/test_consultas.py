"""Armar la aportación hace las mismas consultas con 3 actividades que con 60, y las secciones
sin hechos no se imprimen."""

import datetime as dt

import pytest

from capacitaciones.models import Actividad
from informes.contribucion.documento import bloques_a_texto
from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.redaccion import redactar
from tests.factories import (
    ActividadFactory,
    ActividadInstitucionFactory,
    AudienciaFactory,
    ConvenioFactory,
    EstrategiaFactory,
    InstitucionFactory,
    ParteConvenioFactory,
    ParticipacionFactory,
    ProductoFactory,
    ProgramaFactory,
)

pytestmark = pytest.mark.django_db

DESDE, HASTA, CORTE = dt.date(2015, 1, 1), dt.date(2015, 12, 31), dt.date(2015, 6, 30)


@pytest.fixture
def programa():
    return ProgramaFactory()


def _actividades(n: int, programa):
    audiencia = AudienciaFactory(nombre="Adolescentes")
    convenio = ConvenioFactory(programa=programa, fecha_firma=dt.date(2015, 2, 1))
    ParteConvenioFactory(convenio=convenio)
    EstrategiaFactory(programa=programa).instituciones.add(InstitucionFactory())
    for i in range(n):
        tipo = ["platica", "capacitacion", "curso", "campana"][i % 4]
        a = ActividadFactory(
            programa=programa,
            tipo=tipo,
            titulo="Capacitación sobre ciberacoso" if tipo == "capacitacion" else f"Título {i}",
            fecha_inicio=dt.date(2015, 3, 1 + i % 28),
            entidades=[f"{1 + i % 32:02d}"],
        )
        ParticipacionFactory(actividad=a, audiencia=audiencia, total=10)
        ActividadInstitucionFactory(actividad=a)
        ProductoFactory(actividad=a, convenio=convenio if i % 2 else None, fecha=None)


def _construir():
    return contribucion_construir(desde=DESDE, hasta=HASTA, corte=CORTE)


@pytest.mark.parametrize("n", [8, 60])
def test_consultas_constantes(n, programa, django_assert_num_queries, monkeypatch):
    # Con tope bajo, en los dos tamaños hay acciones narradas y acciones contadas.
    monkeypatch.setattr("informes.contribucion.hechos.MAX_VINETAS", 2)
    _actividades(n, programa)
    # 1 filas ligeras de todas las actividades (con sus participantes sumados) · 3 convenios,
    # sus partes, sus instituciones · 2 estrategias y sus instituciones · 5 productos (con su
    # convenio), partes de ese convenio, sus instituciones, audiencias, entidades de difusión
    # · 1 programas con su institución · 1 las narradas + 5 precargas de con_relaciones()
    # (entidades, entidades participantes, temas, participaciones con audiencia, instituciones
    # con rol) · 2 nombres de las entidades · 6 el anexo (el selector de cobertura:
    # entidades, audiencias, actividades por entidad y nacional, participantes por entidad y
    # nacional), que cuenta también las actividades no narradas.
    with django_assert_num_queries(26):
        contribucion = _construir()
    assert sum(len(s["parrafos"]) for s in contribucion["secciones"]) > 0
    assert Actividad.objects.count() == n


def test_secciones_vacias_no_se_imprimen(programa):
    ActividadFactory(
        programa=programa,
        tipo="curso",
        titulo="Curso sobre ciberacoso",
        fecha_inicio=dt.date(2015, 4, 8),
    )
    texto = bloques_a_texto(redactar(_construir(), "es"))
    assert "Destacan las siguientes acciones" not in texto
    assert "capacitaciones" not in texto and "Estrategia" not in texto
    assert "El 8 de abril de 2015 se llevó a cabo el Curso sobre ciberacoso." in texto


def test_sin_publico_se_nombran_las_audiencias_y_el_tiempo_sigue_al_corte(programa):
    nna = AudienciaFactory(nombre="Niñas y niños")
    adolescentes = AudienciaFactory(nombre="Adolescentes")
    platica = ActividadFactory(
        programa=programa, titulo="Navega seguro", fecha_inicio=dt.date(2015, 5, 6)
    )
    ParticipacionFactory(actividad=platica, audiencia=nna, total=None)
    ParticipacionFactory(actividad=platica, audiencia=adolescentes, total=30)
    ActividadFactory(
        programa=programa,
        tipo="foro",
        titulo="Foro Internet Seguro",
        estado="programada",
        fecha_inicio=dt.date(2015, 9, 1),
        fecha_fin=dt.date(2015, 9, 2),
    )
    texto = bloques_a_texto(redactar(_construir(), "es"))
    # Sin registro que hable de prevención, no se llama «preventiva»; «niñas y niños» ya lleva
    # su «y»: lo que sigue va tras «así como».
    assert (
        "El 6 de mayo de 2015 se impartió la plática “Navega seguro”, dirigida a "
        "niñas y niños, así como a adolescentes." in texto
    )
    assert (
        "Los días 1 y 2 de septiembre de 2015 se llevará a cabo el “Foro Internet Seguro”." in texto
    )


@pytest.mark.parametrize("n", [8, 60])
def test_una_respuesta_por_pregunta_hace_consultas_fijas(n, programa, django_assert_num_queries):
    from informes.contribucion.hechos import Criterios

    _actividades(n, programa)
    adolescentes = AudienciaFactory(nombre="Adolescentes")
    # 1 filas ligeras · 1 programas · 1 las narradas + 5 precargas · 1 productos (ninguno
    # tiene esa audiencia: sin sus precargas) · 2 nombres de las entidades. Sin convenios ni
    # estrategias (no tienen tipo ni audiencia: ni se consultan) ni anexo (es el del informe).
    with django_assert_num_queries(11):
        respuesta = contribucion_construir(
            desde=DESDE,
            hasta=HASTA,
            corte=CORTE,
            criterios=Criterios(tipos=("curso",), audiencias=(adolescentes,)),
            anexo=False,
        )
    assert respuesta["anexo"] is None
    assert respuesta["secciones"][0]["clave"] == "profesionalizacion"

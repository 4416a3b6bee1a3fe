"""Español correcto en cada pantalla: cada página del admin y de informes, para cada rol.

El catálogo es_MX de Django tiene errores («introduza», «1 results», «otro/a», «El actividad …
se agregó») y lo que le falta sale en inglés; locale/es_MX los corrige. Esta prueba abre todo
lo que cada rol puede abrir y falla si el texto visible trae una de las frases malas conocidas.
"""

import datetime as dt
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories as f

pytestmark = pytest.mark.django_db

MESES = "Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto|Septiembre|Octubre|Noviembre|Diciembre"
GENERO_FEMENINO = "actividad|institución|estrategia|evidencia|participación|entidad|audiencia"
# Frase mala -> por qué. Se buscan en el texto visible (no en atributos ni en scripts).
MALAS = {
    r"introduza": "errata del catálogo es_MX de Django",
    r"\bresults?\b": "inglés en la cuenta de resultados",
    r"\w/as?\b": "«otro/a», «todos/as», «seleccionados/as»",
    r"\bHistoria\b": "se dice «Historial»",
    r"\bAxes\b|\bAXES\b": "nombre de la biblioteca en vez de «Intentos de acceso»",
    r"Access (attempts?|failures?|logs?)": "inglés (django-axes)",
    r"(?<!¿)Eliminar\?": "falta el signo de apertura «¿»",
    rf"\bde ({MESES})\b": "los meses van en minúscula",
    rf"\b[Ee]l ({GENERO_FEMENINO})\b": "artículo masculino con sustantivo femenino",
    r"(?<![\d.,])1 (actividades|entidades|resultados|registros|participantes|realizadas)\b": (
        "plural con uno"
    ),
    r"entidades asignadas \(\d+\)": "clave de entidad leída como cuenta",
    # Tras «/» es parte del símbolo de un documento de la ONU («A/HRC/7/8/Add.2»), no inglés.
    r"(?<!/)\b(Add|Change|Delete|Save|Search|Filter|History|Object|Comment|Changed by|View site"
    r"|Log out|Welcome|selected|Select)\b": "inglés",
}
VISIBLES = {"title", "aria-label", "placeholder", "alt"}


class TextoVisible(HTMLParser):
    """El texto que una persona lee: datos fuera de <script>/<style>, más títulos y etiquetas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.partes: list[str] = []
        self._oculto = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._oculto += 1
        atributos = dict(attrs)
        self.partes += [v for k, v in attrs if k in VISIBLES and v]
        if tag == "input" and atributos.get("type") == "submit" and atributos.get("value"):
            self.partes.append(atributos["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._oculto -= 1

    def handle_data(self, data):
        if not self._oculto:
            self.partes.append(data)


def texto_visible(html: str) -> str:
    lector = TextoVisible()
    lector.feed(html)
    return re.sub(r"\s+", " ", " ".join(lector.partes))


def frases_malas(texto: str) -> list[str]:
    return [
        f"{m.group(0)!r} ({motivo})"
        for patron, motivo in MALAS.items()
        for m in [re.search(patron, texto)]
        if m
    ]


def test_ninguna_pagina_dice_frases_malas_para_ningun_rol(paginas_abiertas):
    problemas = [
        f"{pagina.rol} {pagina.url}: {frase}"
        for pagina in paginas_abiertas.html()
        for frase in frases_malas(texto_visible(pagina.html))
    ]

    assert not problemas, "\n".join(problemas)
    # De verdad se abrieron las páginas de los cinco roles.
    assert sum(p.estado == 200 for p in paginas_abiertas.html()) > 200


@pytest.mark.parametrize(
    ("texto", "mala"),
    [
        ("El actividad «Plática» se agregó correctamente.", True),
        ("Agregar otro/a participación", True),
        ("1 results", True),
        ("29 de Octubre de 2019", True),
        ("ELIMINAR?", False),  # el texto es «Eliminar?»; el CSS lo pone en mayúsculas
        ("Eliminar?", True),
        ("¿Eliminar?", False),
        ("INTENTOS DE ACCESO · Access attempts", True),
        ("Historia", True),
        ("Historial", False),
        ("solo las entidades asignadas (32)", True),
        ("1 actividades realizadas", True),
        ("11 actividades", False),
        ("2,001 actividades", False),
        ("Registro agregado: actividad «Plática»", False),
        ("29 de octubre de 2019", False),
        ("A/HRC/7/8/Add.2 párr. 3", False),  # símbolo de la ONU
        ("Add another", True),
    ],
)
def test_la_lista_de_frases_malas_reconoce_cada_una(texto, mala):
    assert bool(frases_malas(texto)) is mala


def test_el_texto_visible_no_incluye_atributos_ni_scripts():
    html = '<a href="/admin/History/" class="Add">Historial</a><script>var x = "Save";</script>'
    assert texto_visible(html).strip() == "Historial"


def test_el_mensaje_de_alta_no_supone_el_genero_del_registro(admin_client):
    programa = f.ProgramaFactory()
    datos = {
        "folio": "DIF-SLP-2019-007",
        "tipo": "taller",
        "titulo": "Taller en Rioverde",
        "estado": "realizada",
        "precision": "dia",
        "fecha_inicio": "29/10/2019",
        "fecha_fin": "",
        "modalidad": "presencial",
        "programa": programa.pk,
        "entidades": ["24"],
    }
    for prefijo in ("participaciones", "actividadinstitucion_set", "evidencias"):
        datos |= {f"{prefijo}-TOTAL_FORMS": 0, f"{prefijo}-INITIAL_FORMS": 0}

    respuesta = admin_client.post("/admin/capacitaciones/actividad/add/", datos, follow=True)

    texto = texto_visible(respuesta.content.decode())
    assert "Registro agregado: actividad «" in texto and "Taller en Rioverde" in texto
    assert "El actividad" not in texto and "agregado correctamente" not in texto


def test_los_meses_en_prosa_van_en_minuscula():
    from django.template import Context, Template

    fecha = Template('{{ d|date:"j \\d\\e F \\d\\e Y" }}').render(
        Context({"d": dt.date(2019, 10, 29)})
    )
    assert fecha == "29 de octubre de 2019"


def _po(ruta: Path) -> dict:
    """Lo mínimo de un .po: (contexto, msgid, forma) -> msgstr, con cadenas de varias líneas."""
    entradas, actual, campo = {}, {}, None

    def cerrar():
        if actual.get("msgid"):
            base = (
                actual["msgid"]
                if "msgctxt" not in actual
                else f"{actual['msgctxt']}\x04{actual['msgid']}"
            )
            if "msgid_plural" in actual:
                for n in range(2):
                    entradas[(base, n)] = actual.get(f"msgstr[{n}]", "")
            else:
                entradas[base] = actual.get("msgstr", "")

    for linea in ruta.read_text().splitlines():
        if linea.startswith("#") or not linea.strip():
            continue
        if linea.startswith('"'):
            actual[campo] += eval(linea)  # noqa: S307 (una cadena de C del propio .po)
            continue
        campo, valor = linea.split(" ", 1)
        if campo in ("msgctxt", "msgid") and ("msgstr" in actual or "msgstr[0]" in actual):
            cerrar()
            actual = {}
        actual[campo] = eval(valor)  # noqa: S307
    cerrar()
    return entradas


@pytest.mark.parametrize("dominio", ["django", "djangojs"])
def test_el_mo_compilado_corresponde_al_po(dominio):
    carpeta = Path(settings.BASE_DIR) / "locale" / "es_MX" / "LC_MESSAGES"
    with open(carpeta / f"{dominio}.mo", "rb") as mo:
        compilado = gettext.GNUTranslations(mo)._catalog
    fuente = _po(carpeta / f"{dominio}.po")

    assert {k: v for k, v in compilado.items() if k != ""} == fuente, (
        "Compile de nuevo: python manage.py compilemessages --locale es_MX"
    )


def test_el_calendario_y_el_reloj_del_admin_hablan_espanol(admin_client):
    """El JavaScript del admin (DateTimeShortcuts, acciones, selector de dos cajas) toma sus
    textos de /admin/jsi18n/: meses, días, «Hoy», «Ahora» y los títulos de sus ventanas."""
    catalogo = admin_client.get("/admin/jsi18n/").content.decode()

    def dice(msgid):
        return re.search(rf'"{re.escape(msgid)}": ("[^"]*"|\[[^\]]*\])', catalogo).group(1)

    assert dice("Choose a Date") == '"Elija una fecha"'
    assert dice("Choose a Time") == '"Elija una hora"'
    assert (dice("Today"), dice("Now"), dice("Yesterday")) == ('"Hoy"', '"Ahora"', '"Ayer"')
    # Al principio del encabezado del calendario el mes va con mayúscula: «Octubre 2019».
    assert dice("October") == '"Octubre"'
    assert dice("one letter Sunday\\u0004S") == '"D"'
    assert "seleccionado" in dice("%(sel)s of %(cnt)s selected")
    assert dice("Click to choose all %s at once.") == (
        '"Haga clic para elegir todos los %s de una vez."'
    )
    textos = re.findall(r'": ("[^"]*")', catalogo)
    for malo in ("/a", "Da click", 'Fecha"', "esta a"):
        assert not [t for t in textos if malo in t], malo

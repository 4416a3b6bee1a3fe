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
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from capacitaciones.models import Actividad
from informes.contribucion.servicios import informe_generar
from informes.models import InformeContribucion
from programa.models import PerfilUsuario
from programa.roles import POR_CLAVE
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


@pytest.fixture
def sitio(demo):
    """Los hechos de 2015, un informe, una actividad borrada y una persona por rol."""
    usuarios = {}
    for clave, grupo in POR_CLAVE.items():
        usuario = User.objects.create_user(clave, password="x" * 12, is_staff=True)
        usuario.groups.add(Group.objects.get(name=grupo))
        usuarios[clave] = usuario
    PerfilUsuario.objects.create(usuario=usuarios["enlace-estatal"]).entidades.set(["24"])
    informe = InformeContribucion.objects.create(
        titulo="Aportación 2019",
        desde=dt.date(2019, 1, 1),
        hasta=dt.date(2019, 12, 31),
        corte=dt.date(2019, 10, 29),
        creado_por=usuarios["coordinacion"],
    )
    informe_generar(informe=informe)
    f.ActividadFactory(titulo="Taller que se borró", entidades=["24"]).delete()
    f.ActividadFactory(  # una sola actividad del enlace en 2019: «1 actividad realizada»
        titulo="Foro en Ciudad Valles",
        entidades=["24"],
        fecha_inicio=dt.date(2019, 10, 29),
        fecha_fin=dt.date(2019, 10, 29),
    )
    return {"usuarios": usuarios, "informe": informe}


def paginas(informe) -> list[str]:
    """Cada página HTML: índice, listas, altas, fichas, historiales, borrados e informes."""
    urls = ["/admin/", "/admin/password_change/"]
    for modelo in admin.site._registry:
        info = f"admin:{modelo._meta.app_label}_{modelo._meta.model_name}"
        urls += [reverse(f"{info}_changelist"), reverse(f"{info}_changelist") + "?q=a"]
        urls.append(reverse(f"{info}_add"))
        registro = modelo._default_manager.order_by("pk").first()
        if registro is not None:
            for vista in ("change", "history", "delete"):
                urls.append(reverse(f"{info}_{vista}", args=[registro.pk]))
        urls.append(reverse("admin:app_list", args=[modelo._meta.app_label]))
    actividad = Actividad.objects.filter(entidades="24").order_by("pk").first()
    historia = actividad.historial.order_by("history_id").first()
    A = "/admin/capacitaciones/actividad/"
    urls += [
        f"{A}{actividad.pk}/change/",
        f"{A}{actividad.pk}/history/{historia.history_id}/",
        f"{A}importar/",
        f"{A}eliminadas/",
        f"{A}?anio=2015",
        "/informes/",
        "/informes/?anio=2019",
        "/informes/cobertura/?anio=2015",
        "/informes/cobertura/?anio=2019",
        "/informes/cobertura/24/?anio=2019",
        "/informes/contribucion/",
        "/informes/contribucion/nuevo/",
        f"/informes/contribucion/{informe.pk}/",
        f"/informes/contribucion/{informe.pk}/regenerar/",
        f"/informes/contribucion/{informe.pk}/finalizar/",
    ]
    return list(dict.fromkeys(urls))


def test_ninguna_pagina_dice_frases_malas_para_ningun_rol(client, sitio):
    problemas, abiertas = [], 0
    urls = paginas(sitio["informe"])
    for rol, usuario in sitio["usuarios"].items():
        client.force_login(usuario)
        for url in urls:
            respuesta = client.get(url)
            if respuesta.status_code != 200 or "html" not in respuesta.get("Content-Type", ""):
                continue
            abiertas += 1
            for frase in frases_malas(texto_visible(respuesta.content.decode())):
                problemas.append(f"{rol} {url}: {frase}")

    assert not problemas, "\n".join(problemas)
    assert abiertas > 200  # de verdad se abrieron las páginas de los cinco roles


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


def test_el_mo_compilado_corresponde_al_po():
    carpeta = Path(settings.BASE_DIR) / "locale" / "es_MX" / "LC_MESSAGES"
    with open(carpeta / "django.mo", "rb") as mo:
        compilado = gettext.GNUTranslations(mo)._catalog
    fuente = _po(carpeta / "django.po")

    assert {k: v for k, v in compilado.items() if k != ""} == fuente, (
        "Compile de nuevo: python manage.py compilemessages --locale es_MX"
    )

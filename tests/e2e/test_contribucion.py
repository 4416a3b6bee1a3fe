"""Recorrido 3: la coordinación redacta la aportación del año pasado, edita una sección viendo la
vista previa cambiar mientras escribe, inicia una nueva versión, compara las dos y descarga la
nueva en DOCX, PDF, HTML y Markdown.

El año es el anterior al de hoy (el periodo rápido que la coordinación usa al preparar la
aportación anual), con actividades escritas aquí y no las de la semilla de 2015.

Aquí también se prueba que la vista previa del editor (static/informes/contribucion/editor.js)
sigue las mismas reglas que el documento (informes/contribucion/documento.py): los mismos
textos de ejemplo pasan por las dos y deben dar los mismos bloques y las mismas palabras.
"""

import datetime as dt
import importlib
import io
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from capacitaciones.models import Actividad
from informes.contribucion.documento import contar_palabras, texto_a_bloques, texto_plano
from informes.contribucion.servicios import informe_generar
from informes.models import InformeContribucion
from programa.models import Audiencia
from tests.e2e.teclado import entrar
from tests.e2e.usuarios import CLAVE, coordinacion_nacional
from tests.factories import ActividadFactory, ParticipacionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

INTRODUCCION = (
    "El Sistema Nacional DIF presenta las acciones del año.\n\n"
    "Destacan:\n- la prevención en escuelas\n- la capacitación al personal"
)
CIERRE_V2 = "México reitera su compromiso con la niñez."


@pytest.fixture
def _finales_borrables(transactional_db):
    """Al terminar, la base se vacía; en SQLite el disparador que protege los informes finales
    impide el DELETE del vaciado (PostgreSQL usa TRUNCATE, que no lo dispara). Se quita solo
    para borrar el informe de esta prueba y se vuelve a poner."""
    yield
    if connection.vendor != "sqlite":
        return
    disparadores = importlib.import_module("informes.migrations.0002_informe_final_inmutable")
    with connection.cursor() as cursor:
        for sentencia in disparadores.SQLITE_REVERSA:
            cursor.execute(sentencia)
        cursor.execute("DELETE FROM informes_informecontribucion")
        for sentencia in disparadores.SQLITE:
            cursor.execute(sentencia)


@pytest.fixture
def anio_pasado(transactional_db) -> int:
    """Dos pláticas del año pasado en Oaxaca y Jalisco, con sus participantes."""
    anio = timezone.localdate().year - 1
    audiencia = Audiencia.objects.get(nombre="Adolescentes")
    for titulo, clave, fecha in (
        ("Riesgos en las redes sociales", "20", dt.date(anio, 3, 18)),
        ("Ciberacoso entre pares", "14", dt.date(anio, 9, 4)),
    ):
        actividad = ActividadFactory(
            titulo=titulo, fecha_inicio=fecha, entidades=[clave], estado=Actividad.Estado.REALIZADA
        )
        ParticipacionFactory(actividad=actividad, audiencia=audiencia, total=45)
    return anio


def campo(pagina, nombre: str):
    """El campo de una sección por su etiqueta (su vista previa se llama «Vista previa: …»)."""
    return pagina.get_by_role("textbox", name=nombre, exact=True)


def tras_pintar(pagina) -> None:
    """editor.js pinta en el siguiente cuadro de animación: se espera a que haya pasado."""
    pagina.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")


def descargar(recorrido, zona, nombre_enlace: str) -> tuple[str, bytes]:
    descarga = recorrido.descargar(
        zona.get_by_role("link", name=nombre_enlace, exact=True), nombre_enlace
    )
    return descarga.suggested_filename, Path(descarga.path()).read_bytes()


def bloques_en_pantalla(vista) -> list[dict]:
    """Los bloques que pinta una vista previa, leídos del DOM como los leería una persona."""
    return vista.evaluate(
        """v => Array.from(v.children).map(n => n.tagName === "UL"
            ? {tipo: "vinetas", texto: "", elementos: Array.from(n.children, li => li.textContent)}
            : {tipo: n.tagName === "P" ? "parrafo" : "encabezado", texto: n.textContent,
               elementos: []})"""
    )


def test_coordinacion_redacta_edita_compara_y_descarga_la_aportacion_del_anio(
    pagina, recorrido, anio_pasado
):
    anio = anio_pasado
    coordinadora = coordinacion_nacional()
    pagina.set_viewport_size({"width": 1366, "height": 900})
    recorrido.abrir("/admin/")
    recorrido.entrar(coordinadora.username, CLAVE)

    # Redactar: del admin a los informes por su enlace; el periodo rápido del año llena las
    # fechas; nadie las escribe.
    recorrido.clic(
        pagina.get_by_role("link", name="Informes de contribución").first,
        "Informes de contribución",
    )
    expect(pagina.locator("h1")).to_have_text("Informes de contribución")
    recorrido.clic(pagina.get_by_role("link", name="Nuevo informe"), "Nuevo informe")
    recorrido.clic(pagina.get_by_role("link", name=str(anio), exact=True), str(anio))
    expect(pagina.locator("#id_desde")).to_have_value(f"{anio}-01-01")
    expect(pagina.locator("#id_hasta")).to_have_value(f"{anio}-12-31")
    expect(pagina.locator("#id_corte")).to_have_value(f"{anio}-12-31")
    recorrido.pantalla(f"Informe nuevo con el periodo {anio}")
    recorrido.clic(
        pagina.get_by_role("button", name="Crear y redactar desde los registros"),
        "Crear y redactar desde los registros",
    )
    expect(pagina.locator("ul.mensajes")).to_contain_text(
        "Informe creado y redactado desde los registros."
    )
    cuerpo = pagina.get_by_role("region", name="Vista previa: Texto")
    expect(cuerpo).to_contain_text("Riesgos en las redes sociales")
    expect(cuerpo).to_contain_text("Ciberacoso entre pares")

    # Editar la introducción: la vista previa y las palabras cambian antes de guardar.
    vista = pagina.get_by_role("region", name="Vista previa: Introducción")
    expect(vista).to_be_empty()
    total = pagina.locator("#conteo-palabras")
    antes = int(total.inner_text())
    recorrido.escribir(campo(pagina, "Introducción"), INTRODUCCION, "Introducción")
    expect(vista.locator("p").first).to_have_text(
        "El Sistema Nacional DIF presenta las acciones del año."
    )
    expect(vista.locator("ul li")).to_have_text(
        ["la prevención en escuelas", "la capacitación al personal"]
    )
    palabras = contar_palabras(texto_plano(texto_a_bloques(INTRODUCCION)))
    expect(pagina.locator("#palabras-introduccion")).to_have_text(f"{palabras} palabras")
    expect(total).to_have_text(str(antes + palabras))
    recorrido.pantalla("Introducción editada, con su vista previa")
    recorrido.clic(pagina.get_by_role("button", name="Guardar"), "Guardar")
    expect(pagina.locator("ul.mensajes")).to_contain_text("Cambios guardados.")
    expect(total).to_have_text(str(antes + palabras))  # el servidor cuenta lo mismo

    # Una nueva versión, con otro cierre.
    recorrido.clic(
        pagina.get_by_role("button", name="Iniciar una nueva versión a partir de este informe"),
        "Iniciar una nueva versión a partir de este informe",
    )
    expect(pagina.locator("ul.mensajes")).to_contain_text("Se inició la versión 2 como borrador.")
    recorrido.escribir(campo(pagina, "Cierre"), CIERRE_V2, "Cierre")
    expect(pagina.get_by_role("region", name="Vista previa: Cierre")).to_have_text(CIERRE_V2)
    recorrido.clic(pagina.get_by_role("button", name="Guardar"), "Guardar")
    expect(pagina.locator("ul.mensajes")).to_contain_text("Cambios guardados.")

    # Comparar: el cierre nuevo aparece como agregado; la introducción, sin cambios.
    recorrido.clic(
        pagina.get_by_role("link", name="Comparar con la versión 1"), "Comparar con la versión 1"
    )
    expect(pagina.locator("h1")).to_have_text("Qué cambió de la versión 1 a la versión 2")
    expect(pagina.locator(".comparacion ins")).to_have_text([CIERRE_V2])
    expect(pagina.locator(".comparacion del")).to_have_count(0)
    expect(pagina.locator("section.comparacion h2").first).to_have_text(
        "Introducción (sin cambios)"
    )
    recorrido.pantalla("Comparación de las versiones 1 y 2")

    # Descargar la versión 2 en los cuatro formatos, desde la comparación.
    version_2 = pagina.get_by_role("navigation", name="Descargar la versión 2")
    nombre, docx = descargar(recorrido, version_2, "Word (DOCX)")
    assert nombre == f"aportacion-{anio}0101-{anio}1231-es-v2.docx"
    texto = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert CIERRE_V2 in texto and "la prevención en escuelas" in texto
    assert "Riesgos en las redes sociales" in texto
    nombre, pdf = descargar(recorrido, version_2, "PDF")
    assert nombre.endswith("-v2.pdf")
    texto = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert CIERRE_V2 in texto and "Ciberacoso entre pares" in texto
    nombre, html = descargar(recorrido, version_2, "HTML")
    assert nombre.endswith("-v2.html")
    html = html.decode()
    assert f"<p>{CIERRE_V2}</p>" in html and "<li>la capacitación al personal</li>" in html
    nombre, markdown = descargar(recorrido, version_2, "Markdown")
    assert nombre.endswith("-v2.md")
    markdown = markdown.decode()
    assert CIERRE_V2 in markdown and "- la prevención en escuelas" in markdown
    recorrido.afirmar_maximo(18)


# Textos que pasan por la regla de Python y por la de JavaScript: lo que escribe una persona,
# lo que pega de Word o de un correo, y lo que nadie escribiría a propósito.
EJEMPLOS = [
    "",
    "   \n\n  \t ",
    "Un párrafo.",
    "Un párrafo\npartido en renglones\r\ncon fin de Windows.",
    "Uno.\n\nDos.\n\n\n\nTres.",
    "Uno.\n   \t\nDos.",
    "Destacan:\n- primera\n- segunda\ncontinuación de la segunda\n\nDespués.",
    "- sola\n\n* con asterisco\n• con bolita\n· con punto medio",
    "-sin espacio no es viñeta\n--doble\n- - viñeta que empieza con guion",
    "## Un subtítulo\nPárrafo bajo él.",
    "Párrafo antes.\n## Subtítulo en medio\nPárrafo después.\n- y una viñeta",
    "##sin espacio\n##   \n## \n   ## con sangría",
    "- viñeta\n## subtítulo tras la viñeta\ncontinúa la viñeta",
    "<script>alert('x')</script> & &amp; <b>negritas</b>",
    "Niñas-y-niños, O’Higgins, don't, e-mail, 3.5 %, 1,000 personas, _guion_bajo_.",
    "Café con e\u0301 combinada, 東京都, Ελλάδα, 😀 emoji, x² y ½ y ① y ٣.",
    "Tabulador\tdentro,\u00a0espacio duro,\u2003eme,\u3000ideográfico.",
    "\ufeffCon BOM al inicio\u200b y espacio de ancho cero",
    "Uno.\n\u0085\nDos.\n\x1c\nTres.\n\u2028\nCuatro.",
    "Renglón con \r suelto\r\rque no parte.",
    "  \n\n- \n-\n- x  \n\n  ## \t título con espacios \t \n",
]


def _reglas_js(pagina, textos: list[str]) -> list[dict]:
    return pagina.evaluate(
        """textos => textos.map(t => {
            const r = window.reglasDelInforme;
            const bloques = r.textoABloques(t);
            return {bloques, palabras: r.contarPalabras(r.textoPlano(bloques)),
                    palabras_crudas: r.contarPalabras(t)};
        })""",
        textos,
    )


def _reglas_python(texto: str) -> dict:
    bloques = texto_a_bloques(texto)
    return {
        "bloques": [asdict(b) for b in bloques],
        "palabras": contar_palabras(texto_plano(bloques)),
        "palabras_crudas": contar_palabras(texto),
    }


def _espacios_python() -> list[str]:
    return [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


def _asignados_en_python() -> set[int]:
    """Los puntos de código que conoce el Unicode de este Python (el navegador puede ser más
    nuevo: un carácter que Python aún no conoce no es letra para él)."""
    return {
        c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) not in ("Cn", "Cs")
    }


@pytest.fixture
def editor_abierto(pagina, transactional_db):
    coordinadora = coordinacion_nacional()
    informe = InformeContribucion.objects.create(
        titulo="Aportación de prueba",
        desde=dt.date(2019, 1, 1),
        hasta=dt.date(2019, 12, 31),
        corte=dt.date(2019, 12, 31),
        limite_palabras=40,
        introduccion=EJEMPLOS[10],
        cierre=EJEMPLOS[6],
        creado_por=coordinadora,
    )
    informe_generar(informe=informe)
    entrar(pagina, coordinadora.username, CLAVE)
    pagina.goto(f"/informes/contribucion/{informe.pk}/")
    return informe


def test_la_vista_previa_y_el_conteo_siguen_las_reglas_del_documento(pagina, editor_abierto):
    espacios = sorted(
        set(_espacios_python())
        | set(
            pagina.evaluate("""() => { const r = [];
            for (let c = 0; c <= 0xffff; c++) { const s = String.fromCharCode(c);
              if (/\\s/.test(s)) r.push(s); } return r; }""")
        )
    )
    # Cada espacio de Python o de JavaScript entre párrafos, junto a una viñeta y en un subtítulo.
    con_espacios = [
        t
        for e in espacios
        for t in (f"a{e}\n{e}\nb", f"{e}-{e}x{e}", f"##{e}x", f"## x{e}\n{e}y", f"p{e}q")
    ]
    textos = EJEMPLOS + con_espacios

    assert _reglas_js(pagina, textos) == [_reglas_python(t) for t in textos]


def test_las_letras_de_una_palabra_son_las_mismas_en_python_y_en_javascript(pagina, editor_abierto):
    # Cada carácter solo: es una palabra para una regla si y solo si lo es para la otra.
    asignados = _asignados_en_python()
    en_python = {c for c in asignados if contar_palabras(chr(c)) == 1}
    en_js = pagina.evaluate(
        """() => { const r = [], contar = window.reglasDelInforme.contarPalabras;
            for (let c = 0; c <= 0x10ffff; c++) {
              if (c >= 0xd800 && c <= 0xdfff) continue;
              if (contar(String.fromCodePoint(c)) === 1) r.push(c);
            } return r; }"""
    )
    assert en_python == set(en_js) & asignados


def test_lo_que_pinta_el_servidor_es_lo_que_pinta_el_navegador(pagina, editor_abierto):
    introduccion = pagina.get_by_role("region", name="Vista previa: Introducción")
    cierre = pagina.get_by_role("region", name="Vista previa: Cierre")
    # Al abrir, la vista previa es la del servidor (editor.js solo cuenta).
    servidor = [bloques_en_pantalla(introduccion), bloques_en_pantalla(cierre)]
    assert servidor == [
        [asdict(b) for b in texto_a_bloques(EJEMPLOS[10])],
        [asdict(b) for b in texto_a_bloques(EJEMPLOS[6])],
    ]
    palabras_servidor = pagina.locator("#conteo-palabras").inner_text()
    # El mismo texto escrito otra vez: el navegador lo pinta igual y cuenta igual.
    campo(pagina, "Introducción").fill(EJEMPLOS[10])
    campo(pagina, "Cierre").fill(EJEMPLOS[6])
    tras_pintar(pagina)
    expect(pagina.locator("#conteo-palabras")).to_have_text(palabras_servidor)
    assert [bloques_en_pantalla(introduccion), bloques_en_pantalla(cierre)] == servidor

    # Cada ejemplo escrito en el cierre: lo que se ve es lo que saldrá en el documento.
    for texto in EJEMPLOS:
        campo(pagina, "Cierre").fill(texto)
        tras_pintar(pagina)
        # El cuadro de texto cambia un «\r» suelto por «\n» (así lo envía al guardar): la
        # regla se aplica a lo que el campo tiene, que es lo que guardará el servidor.
        esperado = _reglas_python(campo(pagina, "Cierre").input_value())
        expect(pagina.locator("#palabras-cierre")).to_have_text(
            "1 palabra" if esperado["palabras"] == 1 else f"{esperado['palabras']} palabras"
        )
        assert bloques_en_pantalla(cierre) == esperado["bloques"], texto

    # El límite es 40: el aviso aparece y se va mientras se escribe, y se anuncia sin prisa.
    campo(pagina, "Cierre").fill("palabra " * 200)
    expect(pagina.locator("#conteo-aviso")).to_have_text("El texto excede el límite de palabras.")
    expect(pagina.locator("#conteo-anuncio")).to_contain_text("Cierre: 200 palabras. En total,")
    pagina.get_by_label("Límite de palabras").fill("")
    expect(pagina.locator("#conteo-aviso")).to_have_text("")
    expect(pagina.locator("#conteo-limite")).to_have_text("")


@pytest.mark.parametrize(("ancho", "al_lado"), [(1366, True), (390, False)])
def test_la_vista_previa_va_al_lado_en_pantalla_ancha_y_debajo_en_el_telefono(
    pagina, recorrido, editor_abierto, ancho, al_lado
):
    pagina.set_viewport_size({"width": ancho, "height": 900})
    for nombre in ("Introducción", "Texto", "Cierre"):
        caja = campo(pagina, nombre).bounding_box()
        vista = pagina.get_by_role("region", name=f"Vista previa: {nombre}").bounding_box()
        if al_lado:
            assert vista["x"] >= caja["x"] + caja["width"]
            assert abs(vista["y"] - caja["y"]) < 5
        else:
            assert vista["y"] >= caja["y"] + caja["height"]
            assert vista["x"] + vista["width"] <= ancho
    desborde = pagina.evaluate(
        "() => Array.from(document.querySelectorAll('.seccion-edicion'))"
        ".map(s => s.getBoundingClientRect().right)"
    )
    assert max(desborde) <= ancho
    recorrido.pantalla(f"Editor a {ancho} px")


def test_marcar_como_final_congela_el_informe(pagina, recorrido, _finales_borrables, anio_pasado):
    coordinadora = coordinacion_nacional()
    hoy = timezone.localdate()
    informe = InformeContribucion.objects.create(
        titulo="Aportación del año pasado",
        desde=dt.date(anio_pasado, 1, 1),
        hasta=dt.date(anio_pasado, 12, 31),
        corte=min(hoy, dt.date(anio_pasado, 12, 31)),
        creado_por=coordinadora,
    )
    informe_generar(informe=informe)
    entrar(pagina, coordinadora.username, CLAVE)
    pagina.goto(f"/informes/contribucion/{informe.pk}/")

    pagina.get_by_role("link", name="Marcar como final").click()
    expect(pagina.locator(".advertencia li")).to_have_count(5)
    recorrido.pantalla("Confirmar que el informe es final")
    pagina.get_by_role("button", name="Sí, marcar como final").click()
    expect(pagina.locator("ul.mensajes")).to_contain_text("El informe es final")
    expect(pagina.locator("#id_introduccion")).to_have_count(0)
    expect(pagina.locator("article.documento")).to_contain_text("Riesgos en las redes sociales")
    pagina.goto("/informes/contribucion/")
    fila = pagina.locator("tbody tr").first
    expect(fila).to_contain_text("Final")
    expect(fila).to_contain_text(f"01/01/{anio_pasado} – 31/12/{anio_pasado}")
    expect(fila).to_contain_text(coordinadora.username)
    recorrido.pantalla("Lista de informes con el final")

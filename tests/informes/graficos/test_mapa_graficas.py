"""El mapa y las gráficas SVG: accesibles, sin JavaScript y con la atribución de la geometría."""

import re
import xml.etree.ElementTree as ET

from informes.graficos.graficas import barras_agrupadas, barras_horizontales
from informes.graficos.mapa import clases, geometria, mapa_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_la_geometria_tiene_las_32_entidades_con_su_clave_inegi():
    entidades = geometria()["entidades"]

    assert [e["clave"] for e in entidades] == [f"{n:02d}" for n in range(1, 33)]
    assert {e["clave"]: e["id_svg_maps"] for e in entidades}["09"] == "cmx"
    assert {e["clave"]: e["nombre"] for e in entidades}["15"] == "Estado de México"
    assert "CC BY 4.0" in geometria()["licencia"]


def test_mapa_con_titulo_leyenda_etiquetas_y_enlaces():
    svg = mapa_svg(
        {"24": 3, "09": 1},
        "Actividades realizadas por entidad federativa, 2015",
        unidad=("actividad realizada", "actividades realizadas"),
        enlaces={"24": "/informes/cobertura/24/?anio=2015&tipo=curso"},
    )
    raiz = ET.fromstring(svg)  # XML bien formado

    assert raiz.find(f"{SVG}title").text == "Actividades realizadas por entidad federativa, 2015"
    assert (
        len(raiz.iter(f"{SVG}path").__class__.__name__) and len(list(raiz.iter(f"{SVG}path"))) == 32
    )
    assert 'aria-label="San Luis Potosí: 3 actividades realizadas"' in svg
    assert 'aria-label="Ciudad de México: 1 actividad realizada"' in svg
    assert 'aria-label="Zacatecas: 0 actividades realizadas"' in svg
    assert 'href="/informes/cobertura/24/?anio=2015&amp;tipo=curso"' in svg
    leyenda = ["".join(t.itertext()) for t in raiz.iter(f"{SVG}text")]
    assert leyenda[:5] == [
        "Actividades realizadas por entidad federativa, 2015",
        "Actividades realizadas",
        "0 (sin cobertura)",
        "1",
        "2",
    ]
    assert "3" in leyenda
    assert "<script" not in svg
    assert "Victor Cazanave" in svg and "CC BY 4.0" in svg


def test_mapa_colorea_de_menos_a_mas():
    svg = mapa_svg({"01": 1, "02": 10}, "Prueba")
    pares = re.findall(
        r'fill="([^"]+)" stroke="#4d4d4d" stroke-width="0.7" data-clave="(\d\d)"', svg
    )
    por_clave = {clave: color for color, clave in pares}

    assert por_clave["01"] == "#c6dbef"
    assert por_clave["02"] == "#08519c"
    assert por_clave["03"] == "url(#mapa-sin-dato)"


def test_mapa_escapa_el_texto():
    svg = mapa_svg({}, "Periodo <b>&</b>", id_svg="anexo")

    assert "Periodo &lt;b&gt;&amp;&lt;/b&gt;" in svg
    assert 'id="anexo-titulo"' in svg
    ET.fromstring(svg)


def test_clases_del_mapa():
    assert clases(0) == []
    assert clases(2) == [(1, 1), (2, 2)]
    assert clases(10) == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    assert clases(7) == [(1, 1), (2, 2), (3, 4), (5, 5), (6, 7)]


def test_graficas_con_titulo_descripcion_y_valores():
    agrupadas = barras_agrupadas(
        ["1T 2015", "2T 2015"],
        [("Programadas", [0, 3]), ("Realizadas", [5, 1])],
        "Actividades por trimestre",
        id_svg="t",
    )
    horizontales = barras_horizontales(["Plática", "Capacitación"], [2, 4], "Por tipo")

    raiz = ET.fromstring(agrupadas)
    assert raiz.get("role") == "img"
    assert raiz.find(f"{SVG}desc").text == (
        "1T 2015: programadas 0, realizadas 5; 2T 2015: programadas 3, realizadas 1"
    )
    assert "<title>2T 2015, Programadas: 3</title>" in agrupadas
    assert ET.fromstring(horizontales).find(f"{SVG}desc").text == "Plática: 2; Capacitación: 4"

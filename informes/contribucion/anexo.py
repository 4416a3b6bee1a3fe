"""El anexo estadístico de la aportación, calculado de los hechos del informe (no de los registros):
así el anexo de un informe final siempre coincide con su instantánea.
"""

from collections import defaultdict

from capacitaciones.models import Actividad
from informes.contribucion.documento import Tabla
from informes.contribucion.hechos import SIN_ENTIDAD
from informes.contribucion.redaccion import en, es
from informes.graficos.mapa import mapa_svg

ETIQUETAS = {
    "es": {
        "anexo": "Anexo estadístico",
        "por_entidad": "Actividades por entidad federativa y tipo",
        "entidad": "Entidad federativa",
        "sin_entidad": "Sin entidad registrada",
        "total": "Total de actividades",
        "nota_total": (
            "Una actividad realizada en varias entidades, o con participantes de varias, cuenta en "
            "cada una; el total cuenta cada actividad una vez."
        ),
        "por_audiencia": "Participantes por audiencia",
        "audiencia": "Audiencia",
        "actividades": "Actividades",
        "personas": "Personas registradas",
        "sin_dato": "Actividades sin número registrado",
        "mapa": "Cobertura: actividades por entidad federativa",
        "nota_sin_dato": (
            "Cuando una actividad no registró cuántas personas asistieron, no se suma: "
            "se cuenta en «Actividades sin número registrado»."
        ),
    },
    "en": {
        "anexo": "Statistical annex",
        "por_entidad": "Activities by state and kind",
        "entidad": "State",
        "sin_entidad": "No state recorded",
        "total": "Total activities",
        "nota_total": (
            "An activity held in, or with participants from, several states counts in each; the "
            "total counts each activity once."
        ),
        "por_audiencia": "Participants by audience",
        "audiencia": "Audience",
        "actividades": "Activities",
        "personas": "People recorded",
        "sin_dato": "Activities with no number recorded",
        "mapa": "Coverage: activities by state",
        "nota_sin_dato": (
            "Where an activity did not record how many people attended, nothing is added: it "
            "is counted under «Activities with no number recorded»."
        ),
    },
}


def _hechos(contribucion: dict):
    for seccion in contribucion["secciones"]:
        for parrafo in seccion["parrafos"]:
            yield from parrafo["hechos"]


def anexo_calcular(contribucion: dict) -> dict:
    """Actividades por (entidad, tipo) y personas por audiencia, sumando el ``conteo`` de cada
    hecho. Devuelve datos simples: {"por_entidad": {clave: {tipo: n}}, "por_audiencia": [...]}."""
    por_entidad: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    por_tipo: dict[str, int] = defaultdict(int)
    audiencias: dict[str, dict] = {}
    for hecho in _hechos(contribucion):
        conteo = hecho.get("conteo")
        if not conteo:
            continue
        for fila in conteo["actividades"]:
            por_entidad[fila["entidad"]][fila["clase"]] += fila["n"]
        for clase, n in conteo["por_tipo"].items():
            por_tipo[clase] += n
        for fila in conteo["personas"]:
            suma = audiencias.setdefault(
                fila["audiencia"], dict(fila, actividades=0, sin_dato=0, personas=0)
            )
            for campo in ("actividades", "sin_dato", "personas"):
                suma[campo] += fila[campo]
    return {
        "por_entidad": {clave: dict(tipos) for clave, tipos in por_entidad.items()},
        "por_tipo": dict(por_tipo),
        "por_audiencia": sorted(audiencias.values(), key=lambda f: (f["orden"], f["audiencia"])),
    }


def _nombre_tipo(clase: str, idioma: str) -> str:
    if idioma == "en":
        return en.KINDS[clase][1].capitalize()
    return es.mayuscula(es.CLASES[clase][1])


def anexo_tablas(contribucion: dict, idioma: str) -> tuple[list[Tabla], dict[str, int]]:
    """Las tablas del anexo en ``idioma`` y los valores del mapa ({clave INEGI: actividades})."""
    et = ETIQUETAS[idioma]
    datos = anexo_calcular(contribucion)
    nombres = contribucion["entidades"]
    clases = [
        c for c in Actividad.Tipo.values if any(c in t for t in datos["por_entidad"].values())
    ]

    def nombre(clave: str) -> str:
        if clave == SIN_ENTIDAD:
            return et["sin_entidad"]
        if idioma == "en":
            return en.state_name({"clave": clave, "nombre": nombres[clave]})
        return nombres[clave]

    claves = sorted(
        datos["por_entidad"], key=lambda c: (c == SIN_ENTIDAD, es.normalizar(nombre(c)))
    )
    filas = []
    totales = datos["por_tipo"]
    for clave in claves:
        tipos = datos["por_entidad"][clave]
        filas.append(
            [nombre(clave), *(str(tipos.get(c, 0)) for c in clases), str(sum(tipos.values()))]
        )
    tablas = []
    if filas:
        filas.append([et["total"], *(str(totales[c]) for c in clases), str(sum(totales.values()))])
        tablas.append(
            Tabla(
                et["por_entidad"],
                [et["entidad"], *(_nombre_tipo(c, idioma) for c in clases), "Total"],
                filas,
            )
        )
    if datos["por_audiencia"]:
        campo = "audiencia_en" if idioma == "en" else "audiencia"
        tablas.append(
            Tabla(
                et["por_audiencia"],
                [et["audiencia"], et["actividades"], et["personas"], et["sin_dato"]],
                [
                    [
                        f[campo] or f["audiencia"],
                        str(f["actividades"]),
                        str(f["personas"]),
                        str(f["sin_dato"]),
                    ]
                    for f in datos["por_audiencia"]
                ],
            )
        )
    valores = {
        clave: sum(tipos.values())
        for clave, tipos in datos["por_entidad"].items()
        if clave != SIN_ENTIDAD
    }
    return tablas, valores


UNIDADES_MAPA = {"es": ("actividad", "actividades"), "en": ("activity", "activities")}


def mapa_cobertura_svg(valores: dict[str, int], titulo: str, idioma: str) -> str:
    """El mapa del anexo: el mismo coroplético de la página de cobertura, sin enlaces."""
    return mapa_svg(valores, titulo, unidad=UNIDADES_MAPA[idioma], id_svg="mapa-anexo")

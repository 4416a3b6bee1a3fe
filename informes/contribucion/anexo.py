"""El anexo estadístico de la aportación: la tabla de la página de cobertura para el periodo y
los filtros del informe, con las mismas reglas (``informes.cobertura.selectores``).

``anexo_datos()`` lo calcula en la base de datos (las seis consultas del selector) y devuelve
datos simples que se guardan en los hechos (clave «anexo»): la instantánea de un informe final
lo lleva, y su anexo no cambia aunque cambien los registros. ``anexo_tablas()`` solo da formato.
Los hechos de versión 1 (sin «anexo») se siguen leyendo como entonces, para no cambiar un final.
"""

import datetime as dt
from collections import defaultdict

from capacitaciones.models import Actividad
from informes.cobertura.periodos import Periodo
from informes.cobertura.selectores import Cobertura, FilaCobertura, Filtros, cobertura
from informes.contribucion.documento import Tabla
from informes.contribucion.redaccion import en, es
from informes.graficos.mapa import ATRIBUCION, ATRIBUCION_EN, geometria, mapa_svg, numero

SIN_ENTIDAD = ""  # clave del renglón "sin entidad registrada"

ETIQUETAS = {
    "es": {
        "anexo": "Anexo estadístico",
        "por_entidad": "Actividades y participantes por entidad federativa",
        "entidad": "Entidad federativa",
        "realizadas": "Realizadas",
        "programadas": "Programadas",
        "participantes": "Participantes",
        "mujeres": "Mujeres",
        "hombres": "Hombres",
        "sin_desglose": "Sin desglose",
        "sin_entidad": "Sin entidad registrada",
        "total": "Total nacional",
        "por_tipo": "Actividades realizadas por entidad federativa y tipo",
        "por_audiencia": "Participantes por audiencia",
        "audiencia": "Audiencia",
        "de_la_actividad": "Desglose de toda la actividad (varias audiencias)",
        "mapa": "Cobertura: actividades realizadas por entidad federativa",
        "nota_total": (
            "Una actividad realizada en varias entidades cuenta una vez en cada una y una sola "
            "vez en el total nacional: el total no es la suma de las filas. Las actividades sin "
            "entidad registrada cuentan solo en el total. La entidad es donde se realiza la "
            "actividad, no la de quienes asisten."
        ),
        "nota_programadas": (
            "Las actividades programadas no cuentan como cobertura: el mapa colorea solo las "
            "realizadas, y los participantes son los de las actividades realizadas (una "
            "audiencia sin número registrado cuenta 0)."
        ),
        "nota_desglose": (
            "Mujeres y hombres: el desglose de cada audiencia cuando la actividad lo trae; si "
            "no, el de toda la actividad, que no se atribuye a ninguna audiencia. «Sin "
            "desglose»: participantes menos mujeres menos hombres."
        ),
        "resumen": "{n} de {de} entidades sin actividades realizadas en el periodo.",
    },
    "en": {
        "anexo": "Statistical annex",
        "por_entidad": "Activities and participants by state",
        "entidad": "State",
        "realizadas": "Held",
        "programadas": "Planned",
        "participantes": "Participants",
        "mujeres": "Women",
        "hombres": "Men",
        "sin_desglose": "Sex not recorded",
        "sin_entidad": "No state recorded",
        "total": "National total",
        "por_tipo": "Activities held by state and kind",
        "por_audiencia": "Participants by audience",
        "audiencia": "Audience",
        "de_la_actividad": "Whole-activity breakdown (several audiences)",
        "mapa": "Coverage: activities held by state",
        "nota_total": (
            "An activity held in several states counts once in each and once in the national "
            "total: the total is not the sum of the rows. Activities with no state recorded "
            "count only in the total. The state is where the activity took place, not where "
            "the participants came from."
        ),
        "nota_programadas": (
            "Planned activities do not count as coverage: the map shows activities held only, "
            "and participants are those of activities held (an audience with no number "
            "recorded counts 0)."
        ),
        "nota_desglose": (
            "Women and men: each audience's breakdown where the activity records it; otherwise "
            "the whole activity's, which is not assigned to any audience. “Sex not recorded”: "
            "participants minus women minus men."
        ),
        "resumen": "{n} of {de} states with no activities held in the period.",
    },
}


def _fila(f: FilaCobertura, tipos: list[str]) -> dict:
    return {
        "clave": f.clave,
        "entidad": f.entidad,
        "realizadas": f.realizadas,
        "programadas": f.programadas,
        "participantes": f.participantes,
        "mujeres": f.mujeres,
        "hombres": f.hombres,
        "sin_desglose": f.sin_desglose,
        "por_tipo": {t: f.realizadas_por_tipo(t) for t in tipos if f.realizadas_por_tipo(t)},
    }


def anexo_de_cobertura(datos: Cobertura) -> dict:
    """La cobertura como datos simples (JSON): lo que se congela con el informe."""
    nacional = datos.nacional
    tipos = [v for v, _e in datos.tipos if nacional.realizadas_por_tipo(v)]
    return {
        "periodo": {
            "desde": datos.filtros.periodo.desde.isoformat(),
            "hasta": datos.filtros.periodo.hasta.isoformat(),
        },
        "tipos": tipos,
        "entidades": [_fila(f, tipos) for f in datos.entidades],
        "sin_entidad": _fila(datos.sin_entidad, tipos),
        "nacional": _fila(nacional, tipos),
        "audiencias": [
            {
                "nombre": a.nombre,
                "nombre_en": a.nombre_en,
                "participantes": nacional.por_audiencia.get(a.pk, 0),
                "mujeres": nacional.mujeres_por_audiencia.get(a.pk, 0),
                "hombres": nacional.hombres_por_audiencia.get(a.pk, 0),
            }
            for a in datos.audiencias
            if a.pk in nacional.por_audiencia
        ],
        "de_la_actividad": {
            "mujeres": nacional.mujeres_actividad,
            "hombres": nacional.hombres_actividad,
        },
    }


def anexo_datos(*, desde: dt.date, hasta: dt.date, programa=None, temas=(), convenios=()) -> dict:
    """El anexo del periodo y los filtros del informe, del selector de cobertura."""
    filtros = Filtros(
        Periodo.entre(desde, hasta),
        programa=programa,
        temas=tuple(temas),
        convenios=tuple(convenios),
    )
    return anexo_de_cobertura(cobertura(filtros))


def _nombre_tipo(clase: str, idioma: str) -> str:
    if idioma == "en":
        return en.KINDS[clase][1].capitalize()
    return es.mayuscula(es.CLASES[clase][1])


def _n(valor: int) -> str:
    return numero(valor)


def anexo_tablas(contribucion: dict, idioma: str) -> tuple[list[Tabla], dict[str, int]]:
    """Las tablas del anexo en ``idioma`` y los valores del mapa ({clave INEGI: realizadas})."""
    datos = contribucion.get("anexo")
    if datos is None:
        return _tablas_v1(contribucion, idioma)
    et = ETIQUETAS[idioma]

    def nombre(f: dict) -> str:
        if f["clave"] == SIN_ENTIDAD:
            return et["sin_entidad"]
        if idioma == "en":
            return en.state_name({"clave": f["clave"], "nombre": f["entidad"]})
        return f["entidad"]

    cifras = ("realizadas", "programadas", "participantes", "mujeres", "hombres", "sin_desglose")
    con_datos = [f for f in datos["entidades"] if f["realizadas"] or f["programadas"]]
    sin = datos["sin_entidad"]
    if sin["realizadas"] or sin["programadas"]:
        con_datos.append(sin)
    nacional = dict(datos["nacional"], clave="00")
    tablas = []
    if con_datos:
        tablas.append(
            Tabla(
                et["por_entidad"],
                [et["entidad"], *(et[c] for c in cifras)],
                [[nombre(f), *(_n(f[c]) for c in cifras)] for f in [*con_datos, nacional]],
            )
        )
        tablas[-1].filas[-1][0] = et["total"]
    tipos = datos["tipos"]
    realizadas = [f for f in con_datos if f["realizadas"]]
    if tipos and realizadas:
        filas = [
            [nombre(f), *(_n(f["por_tipo"].get(t, 0)) for t in tipos), _n(f["realizadas"])]
            for f in [*realizadas, nacional]
        ]
        filas[-1][0] = et["total"]
        tablas.append(
            Tabla(
                et["por_tipo"],
                [et["entidad"], *(_nombre_tipo(t, idioma) for t in tipos), "Total"],
                filas,
            )
        )
    if datos["audiencias"]:
        campo = "nombre_en" if idioma == "en" else "nombre"
        filas = [
            [a[campo] or a["nombre"], _n(a["participantes"]), _n(a["mujeres"]), _n(a["hombres"])]
            for a in datos["audiencias"]
        ]
        actividad = datos["de_la_actividad"]
        if actividad["mujeres"] or actividad["hombres"]:
            filas.append(
                [et["de_la_actividad"], "—", _n(actividad["mujeres"]), _n(actividad["hombres"])]
            )
        filas.append(
            [
                et["total"],
                _n(nacional["participantes"]),
                _n(nacional["mujeres"]),
                _n(nacional["hombres"]),
            ]
        )
        tablas.append(
            Tabla(
                et["por_audiencia"],
                [et["audiencia"], et["participantes"], et["mujeres"], et["hombres"]],
                filas,
            )
        )
    valores = {f["clave"]: f["realizadas"] for f in datos["entidades"]}
    return tablas, valores


def anexo_etiquetas(contribucion: dict, idioma: str) -> dict:
    """Los títulos del anexo (el de versión 1 para hechos de entonces)."""
    return (ETIQUETAS if "anexo" in contribucion else ETIQUETAS_V1)[idioma]


def anexo_notas(contribucion: dict, idioma: str, tablas: list[Tabla]) -> list[str]:
    """Las notas bajo las tablas: cómo se cuenta (las mismas reglas que la cobertura)."""
    datos = contribucion.get("anexo")
    if datos is None:
        v1 = ETIQUETAS_V1[idioma]
        return [v1["nota_total"], v1["nota_sin_dato"]][: len(tablas)]
    if not tablas:
        return []
    et = ETIQUETAS[idioma]
    sin_realizadas = sum(1 for f in datos["entidades"] if not f["realizadas"])
    return [
        et["resumen"].format(n=sin_realizadas, de=len(datos["entidades"])),
        et["nota_total"],
        et["nota_programadas"],
        et["nota_desglose"],
    ]


# ---- Versión 1 de los hechos (instantáneas y borradores anteriores a «anexo») ------------

ETIQUETAS_V1 = {
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
            "is counted under “Activities with no number recorded”."
        ),
    },
}


def _hechos(contribucion: dict):
    for seccion in contribucion["secciones"]:
        for parrafo in seccion["parrafos"]:
            yield from parrafo["hechos"]


def _calcular_v1(contribucion: dict) -> dict:
    """Solo para instantáneas de la versión 1 (informes finales congelados antes del anexo de
    cobertura): actividades por (entidad, tipo) y personas por audiencia, sumando el ``conteo``
    de cada hecho; los hechos nuevos ya no lo traen. Devuelve datos simples:
    {"por_entidad": {clave: {tipo: n}}, "por_audiencia": [...]}."""
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


def _tablas_v1(contribucion: dict, idioma: str) -> tuple[list[Tabla], dict[str, int]]:
    """Las tablas del anexo de una instantánea anterior a «anexo» (versión 1 de los hechos)."""
    et = ETIQUETAS_V1[idioma]
    datos = _calcular_v1(contribucion)
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
# La leyenda y el texto alternativo del mapa, en el idioma del informe.
TEXTOS_MAPA = {
    "es": {
        "sin_dato": "sin actividades realizadas",
        "hasta": "a",
        "atribucion": ATRIBUCION,
        "alternativo": (
            "Mapa de México con las 32 entidades federativas coloreadas según el número de "
            "actividades realizadas: {con} de 32 con alguna; más actividades: {mas}. Las cifras "
            "de cada entidad están en la tabla del anexo."
        ),
    },
    "en": {
        "sin_dato": "no activities held",
        "hasta": "to",
        "atribucion": ATRIBUCION_EN,
        "alternativo": (
            "Map of Mexico with its 32 states shaded by the number of activities held: {con} of "
            "32 with at least one; most activities: {mas}. Each state's figures are in the "
            "annex table."
        ),
    },
}


def mapa_texto_alternativo(valores: dict[str, int], idioma: str) -> str:
    """Lo que el mapa muestra, dicho en una frase: el texto alternativo del PDF y del DOCX."""
    entidades = geometria()["entidades"]
    con = [e for e in entidades if valores.get(e["clave"], 0) > 0]
    maximo = max((valores[e["clave"]] for e in con), default=0)
    nombres = [
        en.state_name(e) if idioma == "en" else e["nombre"]
        for e in con
        if valores[e["clave"]] == maximo
    ]
    mas = f"{', '.join(nombres)} ({numero(maximo)})" if nombres else "—"
    return TEXTOS_MAPA[idioma]["alternativo"].format(con=len(con), mas=mas)


def mapa_cobertura_svg(valores: dict[str, int], idioma: str) -> str:
    """El mapa del anexo: el mismo coroplético de la página de cobertura, sin enlaces.

    Sin título dibujado: el documento lo pone como pie de figura, una sola vez. El ``<title>``
    del SVG es el texto alternativo (WeasyPrint lo escribe como /Alt de la figura del PDF).
    """
    textos = TEXTOS_MAPA[idioma]
    return mapa_svg(
        valores,
        mapa_texto_alternativo(valores, idioma),
        unidad=UNIDADES_MAPA[idioma],
        id_svg="mapa-anexo",
        sin_dato=textos["sin_dato"],
        hasta=textos["hasta"],
        con_titulo=False,
        nombres={e["clave"]: en.state_name(e) for e in geometria()["entidades"]}
        if idioma == "en"
        else None,
        atribucion=textos["atribucion"],
    )

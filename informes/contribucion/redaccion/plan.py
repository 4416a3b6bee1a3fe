"""El plan de la aportación: qué se dice y en qué orden, escrito una vez para los dos idiomas.

El plan elige las secciones y su orden, qué hechos van en qué oración y con qué datos (el tiempo
verbal según el corte, si un grupo es de varias actividades, si un producto ya se nombró, qué
conector toca). Las palabras, la concordancia, las listas, las fechas y las comillas las pone un
recetario (``es.Frases``, ``en.Frases``) con la interfaz de ``Frases``.

Para narrar una clase nueva de hecho: una función de sección aquí, registrada en ``SECCIONES``,
y una frase con el mismo nombre en cada recetario.
"""

import datetime as dt

from informes.contribucion.documento import Bloque
from programa.texto import normalizar


def tiempo(estado: str, f: dict, corte: dt.date) -> str:
    """'pasado' (realizada), 'futuro' (empieza después del corte), 'presente' (en curso al
    corte) o 'pendiente' (debió ocurrir antes del corte y no se registró como realizada)."""
    if estado == "realizada":
        return "pasado"
    if dt.date.fromisoformat(f["inicio"]) > corte:
        return "futuro"
    return "presente" if dt.date.fromisoformat(f["fin"]) >= corte else "pendiente"


class Frases:
    """La interfaz de un recetario, y lo que no depende del idioma: qué siglas ya se
    presentaron y qué partes de un convenio hay que nombrar."""

    idioma = ""

    def __init__(self, contribucion: dict):
        self.corte = dt.date.fromisoformat(contribucion["corte"])
        self.responsables: set[str] = set()  # siglas ya presentadas: después, solo las siglas

    def es_responsable(self, inst: dict) -> bool:
        return bool(inst["siglas"]) and inst["siglas"] in self.responsables

    def presentar(self, inst: dict) -> None:
        if inst["siglas"]:
            self.responsables.add(inst["siglas"])

    def partes_por_nombrar(self, c: dict) -> list[dict]:
        """Las otras partes de un convenio, si su título no las nombra ya."""
        normal = f" {normalizar(c['titulo'])} "
        otras = [p for p in c["partes"] if not self.es_responsable(p)]
        nombradas = any(
            f" {normalizar(p['nombre'])} " in normal
            or (p["siglas"] and f" {normalizar(p['siglas'])} " in normal)
            for p in otras
        )
        return [] if nombradas else otras

    def texto(self, h: dict, campo: str) -> str:
        """El texto libre de ``campo`` en este idioma (vacío si no se capturó)."""
        raise NotImplementedError


def marco(parrafos: list[dict], f) -> list[Bloque]:
    bloques = []
    for parrafo in parrafos:
        h = parrafo["hechos"][0]
        convenios = h["convenios"]
        bloques.append(Bloque("parrafo", f.programa(h, convenios[0] if convenios else None)))
        if convenios and f.texto(convenios[0], "objeto"):
            bloques.append(Bloque("parrafo", f.objeto_convenio(convenios[0])))
        bloques.extend(Bloque("parrafo", f.otro_convenio(c)) for c in convenios[1:])
        bloques.extend(Bloque("parrafo", f.convenio_vigente(c)) for c in h["convenios_vigentes"])
    return bloques


def acciones(parrafos: list[dict], f) -> list[Bloque]:
    bloques = []
    for parrafo in parrafos:
        bloques.append(Bloque("parrafo", f.acciones_intro()))
        bloques.append(Bloque("vinetas", elementos=[f.accion(h) for h in parrafo["hechos"]]))
    return bloques


def estrategias(parrafos: list[dict], f) -> list[Bloque]:
    return [Bloque("parrafo", f.estrategia(p["hechos"][0], i)) for i, p in enumerate(parrafos)]


def capacitaciones(parrafos: list[dict], f) -> list[Bloque]:
    """Un párrafo por título: lo realizado, lo que sigue, y su propósito al final."""
    bloques = []
    for i, parrafo in enumerate(parrafos):
        oraciones = []
        for j, h in enumerate(parrafo["hechos"]):
            # El título se nombra la primera vez; el conector abre solo la primera oración.
            if h["estado"] == "realizada":
                oraciones.append(f.capacitaciones_realizadas(h, i, nombrar=j == 0))
            else:
                t = tiempo(h["estado"], h["fecha"], f.corte)
                oraciones.append(f.capacitaciones_por_realizar(h, i if j == 0 else None, j == 0, t))
        # El propósito es de las capacitaciones (no de una estrategia): se dice de ellas.
        con_proposito = next((h for h in parrafo["hechos"] if f.texto(h, "proposito")), None)
        if con_proposito:
            oraciones.append(f.capacitaciones_objetivo(con_proposito))
        bloques.append(Bloque("parrafo", " ".join(oraciones)))
    return bloques


def productos(parrafos: list[dict], f) -> list[Bloque]:
    bloques = []
    for parrafo in parrafos:
        hechos = parrafo["hechos"]
        oraciones = []
        if hechos[0]["tipo"] == "convenio":
            # Un convenio sin fecha de firma: vigente, con lo que de él resultó.
            c = hechos[0]
            oraciones.append(f.convenio_sin_fecha(c))
            for p in hechos[1:]:
                # Si el título del convenio ya nombra el producto, basta decir cómo se difunde.
                if normalizar(p["nombre"]) not in normalizar(c["titulo"]):
                    oraciones.append(f.producto(p, "convenio", []))
                if p["audiencias"] or p["entidades"]:
                    oraciones.append(f.difusion(p))
        else:
            p = hechos[0]
            otras = [i for i in p["contrapartes"] if not f.es_responsable(i)]
            oraciones.append(f.producto(p, "coordinacion" if otras else "", otras))
            if p["audiencias"] or p["entidades"]:
                oraciones.append(f.difusion(p))
            if f.texto(p, "licencia"):
                oraciones.append(f.licencia(p))
        bloques.append(Bloque("parrafo", " ".join(oraciones)))
    return bloques


def profesionalizacion(parrafos: list[dict], f) -> list[Bloque]:
    bloques = []
    for parrafo in parrafos:
        h = parrafo["hechos"][0]
        t = tiempo(h["estado"], h["fecha"], f.corte)
        oraciones = [f.profesionalizacion(h, t)]
        if h["entidades_participantes"]:
            oraciones.append(f.participantes(h, t))
        bloques.append(Bloque("parrafo", " ".join(oraciones)))
    return bloques


def cambios(parrafos: list[dict], f) -> list[Bloque]:
    """Lo cancelado, lo reprogramado y lo previsto, dicho como tal (nunca como hecho)."""
    bloques = []
    for parrafo in parrafos:
        elementos = []
        for h in parrafo["hechos"]:
            t = tiempo(h["estado"], h["fecha"], f.corte)
            if h["estado"] == "cancelada":
                elementos.append(f.cancelada(h))
            elif h["estado"] == "reprogramada":
                elementos.append(f.reprogramada(h, t))
            elif t == "pendiente":
                elementos.append(f.pendiente(h))
            else:
                elementos.append(f.prevista(h, t))
        bloques.append(Bloque("parrafo", f.cambios_intro()))
        bloques.append(Bloque("vinetas", elementos=elementos))
    return bloques


def otras(parrafos: list[dict], f) -> list[Bloque]:
    """Lo que pasó de los topes, contado por tiempo y tipo."""
    por_tiempo: dict[str, list[dict]] = {}
    for g in parrafos[0]["hechos"][0]["grupos"]:
        por_tiempo.setdefault(g["tiempo"], []).append(g)
    return [Bloque("parrafo", f.otras(por_tiempo))]


# Las secciones, en el orden en que se escriben.
SECCIONES = {
    "marco": marco,
    "acciones": acciones,
    "estrategias": estrategias,
    "capacitaciones": capacitaciones,
    "productos": productos,
    "profesionalizacion": profesionalizacion,
    "cambios": cambios,
    "otras": otras,
}


def cuerpo(contribucion: dict, f: Frases) -> list[Bloque]:
    por_clave = {s["clave"]: s["parrafos"] for s in contribucion["secciones"]}
    bloques: list[Bloque] = []
    for clave, seccion in SECCIONES.items():
        if por_clave.get(clave):
            bloques.extend(seccion(por_clave[clave], f))
    # Un texto largo cierra con «Finalmente»: el último párrafo, si es párrafo.
    parrafos = [b for b in bloques if b.tipo == "parrafo"]
    if len(parrafos) >= 4 and bloques[-1].tipo == "parrafo":
        bloques[-1] = Bloque("parrafo", f.finalmente(bloques[-1].texto))
    return bloques

"""The same facts in natural English: "On 18 March 2015…", "Oaxaca, Jalisco and Morelos".

English titles, names and objectives are used where they were entered, the Spanish ones
otherwise. Whether a title is a description (unquoted) or a name (quoted), and whether a
product name is plural, is decided once from the Spanish record (see ``es.py``).
"""

import datetime as dt

from informes.contribucion.documento import Bloque
from informes.contribucion.redaccion import es

MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_HALVES = {1: "first", 2: "second"}
_QUARTERS = {1: "first", 2: "second", 3: "third", 4: "fourth"}

KINDS = {
    "platica": ("talk", "talks"),
    "taller": ("workshop", "workshops"),
    "conferencia": ("lecture", "lectures"),
    "curso": ("course", "courses"),
    "foro": ("forum", "forums"),
    "capacitacion": ("training session", "training sessions"),
    "campana": ("campaign", "campaigns"),
    "jornada": ("awareness day", "awareness days"),
    "otro": ("activity", "activities"),
}
PRODUCTS = {
    "oda": "digital learning object",
    "herramienta_digital": "digital tool",
    "material_impreso": "printed material",
    "audiovisual": "audiovisual material",
    "otro": "product",
}
CONNECTORS = ("In addition, ", "Likewise, ", "Also, ")
# Collective nouns that take "the": "the general public", not "children".
_WITH_THE = ("public", "population", "community")


def with_the(audience: str) -> str:
    return (
        f"the {audience}"
        if audience.split()[-1:] and audience.split()[-1] in _WITH_THE
        else audience
    )


def english_quotes(texto: str) -> str:
    """Spanish «» typed into a record become English quotes in the English text."""
    return texto.replace("«", "“").replace("»", "”")


def and_list(items) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _day(d: dt.date, year: bool = True) -> str:
    return f"{d.day} {MONTHS[d.month]}" + (f" {d.year}" if year else "")


def date(f: dict) -> str:
    """'on 18 March 2015', 'in April 2014', 'in the second half of 2015', 'during 2014'."""
    start, end, precision = _d(f["inicio"]), _d(f["fin"]), f["precision"]
    same_year = start.year == end.year
    if precision == "dia":
        if start == end:
            return f"on {_day(start)}"
        if same_year and start.month == end.month:
            return f"from {start.day} to {_day(end)}"
        return f"from {_day(start, not same_year)} to {_day(end)}"
    if precision == "mes":
        if same_year and start.month == end.month:
            return f"in {MONTHS[start.month]} {start.year}"
        if same_year:
            return f"from {MONTHS[start.month]} to {MONTHS[end.month]} {end.year}"
        return f"from {MONTHS[start.month]} {start.year} to {MONTHS[end.month]} {end.year}"
    if precision == "anio":
        return f"during {start.year}" if same_year else f"from {start.year} to {end.year}"
    months, name, ordinals = (
        (6, "half", _HALVES) if precision == "semestre" else (3, "quarter", _QUARTERS)
    )
    n_start, n_end = (start.month - 1) // months + 1, (end.month - 1) // months + 1
    if same_year and n_start == n_end:
        return f"in the {ordinals[n_start]} {name} of {start.year}"
    return (
        f"from the {ordinals[n_start]} {name} of {start.year} "
        f"to the {ordinals[n_end]} {name} of {end.year}"
    )


def date_opening(f: dict) -> str:
    return es.mayuscula(date(f)) + ","


ENGLISH_NAMES = {"15": "State of Mexico"}


def state_name(e: dict) -> str:
    return ENGLISH_NAMES.get(e["clave"], e["nombre"])


def states(ents: list[dict]) -> str:
    """'the state of Oaxaca', 'the states of Oaxaca, Jalisco and Morelos', 'Mexico City'."""
    names = [state_name(e) for e in ents if e["clave"] != "09"]
    parts = []
    if len(names) == 1:
        name = names[0]
        parts.append(f"the {name}" if name.startswith("State of") else f"the state of {name}")
    elif names:
        parts.append(f"the states of {and_list(names)}")
    if any(e["clave"] == "09" for e in ents):
        parts.append("Mexico City")
    return " and ".join(parts)


def in_states(ents: list[dict]) -> str:
    return f"in {states(ents)}" if ents else ""


class Redactor(es.Redactor):
    """Writes the body of a contribution in English; the structure is the Spanish one."""

    idioma = "en"

    def _titulo(self, h: dict, campo: str = "titulo") -> str:
        return english_quotes(h.get(f"{campo}_en") or h[campo])

    def _texto(self, h: dict, campo: str) -> str:
        if campo in ("proposito", "motivo"):  # only the English: the slots' grammar differs
            return english_quotes(h.get(f"{campo}_en") or "")
        return english_quotes(h.get(f"{campo}_en") or h.get(campo) or "")

    def _audiencia(self, a: dict) -> str:
        return a["nombre_en"] or a["nombre"]

    def institucion(self, inst: dict) -> str:
        if inst["siglas"] and inst["siglas"] in self.responsables:
            return f"the {inst['siglas']}"
        nombre = inst["nombre_en"] or inst["nombre"]
        if inst["tipo"] == "osc" and not inst["nombre_en"]:
            return f"the organization {nombre}"
        return f"the {nombre}"

    def instituciones(self, insts: list[dict]) -> str:
        return and_list([self.institucion(i) for i in insts])

    def publico(self, h: dict) -> str:
        publico = es.sin_punto(self._texto(h, "publico"))
        if publico:
            return publico
        return and_list([with_the(es.minuscula(self._audiencia(a))) for a in h["audiencias"]])

    def donde(self, h: dict) -> str:
        if h["entidades"]:
            return f" {in_states(h['entidades'])}"
        if h.get("entidades_participantes"):
            return f" with participants from {states(h['entidades_participantes'])}"
        return ""

    def para(self, h: dict) -> str:
        proposito = es.sin_punto(self._texto(h, "proposito"))
        return f", {proposito}" if proposito else ""

    def dirigida(self, h: dict, preposition: str = "for") -> str:
        publico = self.publico(h)
        return f" {preposition} {publico}" if publico else ""

    def actividad(self, h: dict) -> str:
        singular = es.CLASES[h["clase"]][0]
        kind = KINDS[h["clase"]][0]
        titulo = self._titulo(h)
        if es.es_descriptivo(h["titulo"], singular):
            return f"the {titulo}"
        titulo = es.mayuscula(titulo)
        if es._empieza_con(h["titulo"], singular):
            return f"the “{titulo}”"
        adjective = "preventive " if h.get("preventiva") else ""
        article = "an" if (adjective or kind)[:1] in "aeiou" else "a"
        return f"{article} {adjective}{kind}, “{titulo}”,"

    def producto(self, h: dict) -> tuple[str, bool, bool]:
        sustantivo = es.PRODUCTOS[h["clase"]][0]
        if es.es_descriptivo(h["nombre"], sustantivo):
            _, plural = es._genero_numero(h["nombre"])
            return f"the {self._titulo(h, 'nombre')}", plural, False
        return f"the {PRODUCTS[h['clase']]} “{self._titulo(h, 'nombre')}”", False, False

    def finalmente(self, bloques: list[Bloque]) -> list[Bloque]:
        parrafos = [b for b in bloques if b.tipo == "parrafo"]
        if len(parrafos) >= 4 and bloques[-1].tipo == "parrafo":
            texto = bloques[-1].texto
            for connector in CONNECTORS:
                if texto.startswith(connector):
                    texto = texto[len(connector) :]
                    break
            bloques[-1] = Bloque("parrafo", f"Finally, {es.minuscula(texto)}")
        return bloques

    def seccion_marco(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for parrafo in parrafos:
            h = parrafo["hechos"][0]
            resp = h["responsable"]
            sujeto = f"The {resp['nombre_en'] or resp['nombre']}"
            if resp["siglas"]:
                sujeto += f" ({resp['siglas']})"
                self.responsables.add(resp["siglas"])
            programa = self._titulo(h, "nombre")
            descripcion = es.minuscula(es.sin_punto(self._texto(h, "descripcion")))
            if descripcion:
                oracion = f"{sujeto} {descripcion} through the {programa}"
            else:
                oracion = f"{sujeto} runs the {programa}"
            convenios = h["convenios"]
            if convenios:
                oracion += f", under which, {self._firma(convenios[0], pronombre=True)}"
            bloques.append(Bloque("parrafo", oracion + "."))
            if convenios and self._texto(convenios[0], "objeto"):
                objeto = es.sin_punto(self._texto(convenios[0], "objeto"))
                bloques.append(Bloque("parrafo", f"The purpose of this agreement is to {objeto}."))
            for convenio in convenios[1:]:
                oracion = f"In addition, {self._firma(convenio)}"
                objeto = es.sin_punto(self._texto(convenio, "objeto"))
                if objeto:
                    oracion += f", whose purpose is to {objeto}"
                bloques.append(Bloque("parrafo", oracion + "."))
            for convenio in h.get("convenios_vigentes", []):
                bloques.append(Bloque("parrafo", self.vigente(convenio)))
        return bloques

    def vigente(self, c: dict) -> str:
        signed = date({"inicio": c["fecha_firma"], "fin": c["fecha_firma"], "precision": "dia"})
        fin = c.get("vigencia_fin")
        if fin and _d(fin) < self.corte:
            still = f"was in force until {_day(_d(fin))}"
        else:
            still = "remains in force"
        oracion = f"In addition, {self._convenio(c)}, signed {signed}, {still}"
        objeto = es.sin_punto(self._texto(c, "objeto"))
        if objeto:
            oracion += f"; its purpose is to {objeto}"
        return oracion + "."

    def _convenio(self, c: dict) -> str:
        otras = self._partes_por_nombrar(c)
        texto = f"the {self._titulo(c)}"
        return f"{texto} with {self.instituciones(otras)}" if otras else texto

    def _firma(self, c: dict, sujeto: bool = False, pronombre: bool = False) -> str:
        future = _d(c["fecha_firma"]) > self.corte
        verb = "is to sign" if future else "signed"
        responsables = [p for p in c["partes"] if self._es_responsable(p)]
        who = "it" if pronombre else (self.institucion(responsables[0]) if responsables else "it")
        when = date({"inicio": c["fecha_firma"], "fin": c["fecha_firma"], "precision": "dia"})
        return f"{when}, {who} {verb} {self._convenio(c)}"

    def seccion_acciones(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for parrafo in parrafos:
            bloques.append(Bloque("parrafo", "The following actions stand out:"))
            bloques.append(Bloque("vinetas", elementos=[self.vineta(h) for h in parrafo["hechos"]]))
        return bloques

    def vineta(self, h: dict) -> str:
        given = h["clase"] in es.IMPARTIDAS
        oracion = (
            f"{date_opening(h['fecha'])} {self.actividad(h)} {'was given' if given else 'was held'}"
        )
        if not h["entidades"] and h.get("entidades_participantes") and self.publico(h):
            # "to public servants from the states of…", not "with participants from… to…"
            oracion += self.dirigida(h, "to" if given else "for")
            oracion += f" from {states(h['entidades_participantes'])}"
        else:
            oracion += self.donde(h) + self.dirigida(h, "to" if given else "for")
        return oracion + self.para(h) + "."

    def seccion_cambios(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for parrafo in parrafos:
            bloques.append(
                Bloque("parrafo", "In addition, the following actions are planned or changed:")
            )
            bloques.append(Bloque("vinetas", elementos=[self.cambio(h) for h in parrafo["hechos"]]))
        return bloques

    def motivo(self, h: dict) -> str:
        motivo = es.sin_punto(self._texto(h, "motivo"))
        return f" {es.mayuscula(motivo)}." if motivo else ""

    def cambio(self, h: dict) -> str:
        que = self.actividad(h) + self.donde(h) + self.dirigida(h)
        t = es.tiempo(h["estado"], h["fecha"], self.corte)
        when = date(h["fecha"])
        if h["estado"] == "cancelada":
            return f"{es.mayuscula(que)}, planned {when}, was cancelled.{self.motivo(h)}"
        if h["estado"] == "reprogramada":
            verb = {"futuro": "will now be held", "presente": "is now being held"}.get(
                t, "is now planned"
            )
            return f"{es.mayuscula(que)} was rescheduled and {verb} {when}.{self.motivo(h)}"
        if t == "pendiente":
            return (
                f"{date_opening(h['fecha'])} {que} was planned; it has not yet been recorded "
                "as held."
            )
        verb = "will be held" if t == "futuro" else "is being held"
        return f"{date_opening(h['fecha'])} {que} {verb}{self.para(h)}."

    def seccion_estrategias(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for i, parrafo in enumerate(parrafos):
            h = parrafo["hechos"][0]
            connector = "In addition" if i == 0 else "Also"
            estrategia = f"the {self._titulo(h, 'nombre')}"
            if h["instituciones"]:
                verb = "take" if len(h["instituciones"]) > 1 else "takes"
                oracion = (
                    f"{connector}, {self.instituciones(h['instituciones'])} {verb} part in "
                    f"{estrategia}"
                )
            else:
                oracion = f"{connector}, the programme takes part in {estrategia}"
            participacion = es.sin_punto(self._texto(h, "participacion"))
            if participacion:
                oracion += f", {participacion}"
            bloques.append(Bloque("parrafo", oracion + "."))
        return bloques

    def _capacitaciones(self, h: dict) -> str:
        titulo = self._titulo(h)
        if es.es_descriptivo(h["titulo"], "capacitación"):
            return es.minuscula(titulo)
        return f"the “{titulo}” training"

    def seccion_capacitaciones(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for i, parrafo in enumerate(parrafos):
            connector = "Likewise, " if i == 0 else "In addition, "
            oraciones, named = [], False
            for h in parrafo["hechos"]:
                what = "training" if named else self._capacitaciones(h)
                named = True
                where = self.donde(h)
                if h["estado"] == "realizada":
                    organizan = h["organiza"]
                    imparten = [x for x in h["imparte"] if x not in organizan]
                    oracion = connector
                    if imparten:
                        oracion += f"in coordination with {self.instituciones(imparten)}, "
                    who = self.instituciones(organizan) or "the programme"
                    oracion += f"{who} promotes {what}, given {date(h['fecha'])}{where}"
                else:
                    verb = {
                        "futuro": "will be held",
                        "presente": "is being held",
                        "pendiente": "was planned",
                    }[es.tiempo(h["estado"], h["fecha"], self.corte)]
                    opening = date_opening(h["fecha"])
                    if not oraciones:
                        opening = connector + es.minuscula(opening)
                    oracion = f"{opening} {what} {verb}{where}"
                oraciones.append(oracion.strip() + ".")
            objetivos = [es.sin_punto(self._texto(h, "proposito")) for h in parrafo["hechos"]]
            objetivo = next((o for o in objetivos if o), "")
            if objetivo:
                oraciones.append(f"The purpose of this strategy is {objetivo}.")
            bloques.append(Bloque("parrafo", " ".join(oraciones)))
        return bloques

    def _convenio_con_productos(self, c: dict, productos: list[dict]) -> str:
        # Without a signing date it is not said to have been signed: only that it is in force.
        oracion = f"Also in force is {self._convenio(c)}"
        objeto = es.sin_punto(self._texto(c, "objeto"))
        if objeto:
            oracion += f", in order to {objeto}"
        oraciones = [oracion + "."]
        titulo = es.normalizar(c["titulo"])
        for p in productos:
            ya_nombrado = es.normalizar(p["nombre"]) in titulo
            oraciones.extend(self._producto(p, por_convenio=True, ya_nombrado=ya_nombrado))
        return " ".join(oraciones)

    def _dicho(self, h: dict) -> str:
        nombre, plural, _ = self.producto(h)
        if plural:
            return "These " + PRODUCTS[h["clase"]].split()[-1] + "s"
        return "This " + PRODUCTS[h["clase"]].split()[-1]

    def _producto(self, h: dict, por_convenio: bool = False, ya_nombrado: bool = False):
        oraciones = []
        nombre, plural, _ = self.producto(h)
        if not ya_nombrado:
            future = h["fecha"] and _d(h["fecha"]) > self.corte
            verb = (
                "will be developed" if future else ("were developed" if plural else "was developed")
            )
            otras = [i for i in h["contrapartes"] if not self._es_responsable(i)]
            if por_convenio:
                oracion = f"As a result of this agreement, {nombre} {verb}"
            elif otras:
                oracion = (
                    f"As a result of the coordination with {self.instituciones(otras)}, "
                    f"{nombre} {verb}"
                )
            else:
                oracion = f"{es.mayuscula(nombre)} {verb}"
            descripcion = es.sin_punto(self._texto(h, "descripcion"))
            if descripcion:
                oracion += f", which {descripcion}"
            oraciones.append(oracion + ".")
        this = self._dicho(h)
        audiencias = [es.minuscula(self._audiencia(a)) for a in h["audiencias"]]
        if audiencias or h["entidades"]:
            oracion = f"{this} {'are' if plural else 'is'} disseminated"
            if audiencias:
                oracion += f" among {and_list(audiencias)}"
            if h["entidades"]:
                oracion += f" {in_states(h['entidades'])}"
            oraciones.append(oracion + ".")
        licencia = es.sin_punto(self._texto(h, "licencia"))
        if licencia and not por_convenio:
            oraciones.append(
                f"{this} {'are' if plural else 'is'} used under this licence: {licencia}."
            )
        return oraciones

    def profesionalizacion(self, h: dict) -> str:
        t = es.tiempo(h["estado"], h["fecha"], self.corte)
        verb = {
            "pasado": "was held",
            "futuro": "will be held",
            "presente": "is being held",
            "pendiente": "was planned",
        }[t]
        oracion = f"{date_opening(h['fecha'])} {self.actividad(h)} {verb}"
        if h["entidades"]:
            oracion += f" {in_states(h['entidades'])}"
        publico = self.publico(h)
        if publico:
            oracion += f" as part of the professional development of {publico}"
        oracion += self.para(h)
        oraciones = [oracion + "."]
        participantes = h["entidades_participantes"]
        if participantes:
            verb = "will take part" if t == "futuro" else "took part"
            names = and_list([state_name(e) for e in participantes])
            if h["participan_dif_estatales"]:
                oraciones.append(f"Representatives of the State DIF Systems of {names} {verb}.")
            else:
                oraciones.append(f"Representatives of {states(participantes)} {verb}.")
        return " ".join(oraciones)

    def seccion_otras(self, parrafos: list[dict]) -> list[Bloque]:
        h = parrafos[0]["hechos"][0]
        por_tiempo: dict[str, list[dict]] = {}
        for g in h["grupos"]:
            por_tiempo.setdefault(g["tiempo"], []).append(g)
        verbs = {
            "realizada": "carried out",
            "prevista": "still pending",
            "futura": "planned after the cut-off date",
            "cancelada": "cancelled",
        }
        partes = []
        for t, grupos in por_tiempo.items():
            cuantas = []
            for g in grupos:
                singular, plural = KINDS[g["clase"]]
                cuantas.append(f"one {singular}" if g["n"] == 1 else f"{g['n']} {plural}")
            partes.append(f"{and_list(cuantas)} {verbs[t]}")
        return [Bloque("parrafo", f"In addition, the period saw {'; '.join(partes)}.")]

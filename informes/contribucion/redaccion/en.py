"""The English phrasebook of the plan (``plan.py``): words, agreement, lists, dates and tenses.

English titles, names and objectives are used where they were entered, the Spanish ones
otherwise (``proposito`` and ``motivo`` only in English: their slots' grammar differs). Whether
a title is a description (unquoted) or a name (quoted) is decided from the Spanish record, and
also from the English title when it already names the kind ("Training of…", "Course on…").
"""

import datetime as dt

from informes.contribucion.redaccion import es, plan

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
        if end - start == dt.timedelta(days=1) and start.month == end.month:
            return f"on {start.day} and {_day(end)}"
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


ENGLISH_NAMES = {"09": "Mexico City", "15": "State of Mexico"}


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


_NUMBERS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PREPOSITIONS = {"on", "of", "in", "about", "against"}


def how_many(n: int, singular: str, plural: str) -> str:
    """'one talk', 'two workshops', '12 courses': one to nine in words."""
    if n == 1:
        return f"one {singular}"
    return f"{_NUMBERS[n] if n < 10 else n} {plural}"


def quoted(title: str) -> str:
    """A name in quotes starts with a capital, even if it was typed in lowercase."""
    return f"“{es.mayuscula(title)}”"


def starts_with_kind(title: str, kind: str) -> bool:
    return es.normalizar(title).split()[:1] == es.normalizar(kind).split()[:1]


def descriptive(title: str, kind: str) -> bool:
    """'Training on…', 'Course on…': the title describes and already names the kind."""
    words = es.normalizar(title).split()
    return len(words) > 1 and starts_with_kind(title, kind) and words[1] in _PREPOSITIONS


def list_with(preposition: str, names: list[str]) -> str:
    """'to adolescents'; 'for children, as well as parents and caregivers' (an item that has
    its own 'and'); 'of staff of the State DIF Systems and of civil society organizations'."""
    if not names:
        return ""
    if len(names) > 1 and any(" and " in n for n in names):
        return f"{preposition} {', '.join(names[:-1])}, as well as {names[-1]}"
    if any(" of " in n for n in names[:-1]):
        return and_list([f"{preposition} {n}" for n in names])
    return f"{preposition} {and_list(names)}"


def date_several(f: dict) -> str:
    """The span of several activities of a group: 'in March 2019', 'between March and July
    2019', never 'from 25 March to 10 July' (which reads as one activity)."""
    start, end = _d(f["inicio"]), _d(f["fin"])
    if f["precision"] not in ("dia", "mes"):
        return date(f)
    if (start.year, start.month) == (end.year, end.month):
        return f"in {MONTHS[start.month]} {start.year}"
    if start.year == end.year:
        return f"between {MONTHS[start.month]} and {MONTHS[end.month]} {end.year}"
    return f"between {MONTHS[start.month]} {start.year} and {MONTHS[end.month]} {end.year}"


def sentence(texto: str) -> str:
    return f"{es.mayuscula(es.sin_punto(texto))}."


class Frases(plan.Frases):
    """The phrases of the plan (``plan.py``) in English."""

    idioma = "en"

    # Names

    def titulo(self, h: dict, campo: str = "titulo") -> str:
        return english_quotes(h.get(f"{campo}_en") or h[campo])

    def texto(self, h: dict, campo: str) -> str:
        if campo in ("proposito", "motivo"):  # only the English: the slots' grammar differs
            return es.sin_punto(english_quotes(h.get(f"{campo}_en") or ""))
        return es.sin_punto(english_quotes(h.get(f"{campo}_en") or h.get(campo) or ""))

    def audiencia(self, a: dict) -> str:
        return a["nombre_en"] or a["nombre"]

    def institucion(self, inst: dict) -> str:
        if self.es_responsable(inst):
            return f"the {inst['siglas']}"
        nombre = inst["nombre_en"] or inst["nombre"]
        if inst["tipo"] == "osc" and not inst["nombre_en"]:
            return f"the organization {nombre}"
        return f"the {nombre}"

    def instituciones(self, insts: list[dict]) -> str:
        return and_list([self.institucion(i) for i in insts])

    def publicos(self, h: dict) -> list[str]:
        libre = self.texto(h, "publico")
        if libre:
            return [libre]
        names = [with_the(es.minuscula(self.audiencia(a))) for a in h["audiencias"]]
        # "the mental health day for adolescents", not "… for adolescents for adolescents".
        title = f" {es.normalizar(self.titulo(h))} "
        if names and all(f" for {es.normalizar(n)} " in title for n in names):
            return []
        return names

    def donde(self, h: dict) -> str:
        if h["entidades"]:
            return f" {in_states(h['entidades'])}"
        if h.get("entidades_participantes"):
            return f" with participants from {states(h['entidades_participantes'])}"
        return ""

    def _whom_from(self, h: dict, preposition: str) -> str | None:
        """'to public servants from the states of…', when only where they came from is known."""
        participants = h.get("entidades_participantes")
        publicos = self.publicos(h)
        if not h["entidades"] and participants and publicos:
            return f" {list_with(preposition, publicos)} from {states(participants)}"
        return None

    def donde_y_para_quien(self, h: dict, preposition: str) -> str:
        """Where, then for whom: 'in Mexico City to children…' (the order of the bullets)."""
        publicos = self.publicos(h)
        whom = f" {list_with(preposition, publicos)}" if publicos else ""
        return self._whom_from(h, preposition) or self.donde(h) + whom

    def para_quien_y_donde(self, h: dict) -> str:
        """For whom, then where: 'for children in the state of Jalisco' (plans and changes)."""
        publicos = self.publicos(h)
        whom = f" {list_with('for', publicos)}" if publicos else ""
        return self._whom_from(h, "for") or whom + self.donde(h)

    def para(self, h: dict) -> str:
        proposito = self.texto(h, "proposito")
        return f", {proposito}" if proposito else ""

    def motivo(self, h: dict) -> str:
        motivo = self.texto(h, "motivo")
        return f" {sentence(motivo)}" if motivo else ""

    def actividad(self, h: dict) -> str:
        """'the Course on…', 'the “Forum…”', or 'a preventive talk, “Cybercrime”,' (the
        appositive closes with its comma)."""
        singular = es.CLASES[h["clase"]][0]
        kind = KINDS[h["clase"]][0]
        titulo = self.titulo(h)
        if es.es_descriptivo(h["titulo"], singular) or descriptive(titulo, kind):
            return f"the {titulo}"
        if es._empieza_con(h["titulo"], singular) or starts_with_kind(titulo, kind):
            return f"the {quoted(titulo)}"
        preventive = h.get("preventiva") and "prevent" not in titulo.lower()
        adjective = "preventive " if preventive else ""
        article = "an" if (adjective or kind)[:1] in "aeiou" else "a"
        return f"{article} {adjective}{kind}, {quoted(titulo)},"

    def _con_coma(self, h: dict) -> str:
        np = self.actividad(h)
        return np if np.endswith(",") else np + ","

    def _producto_nombre(self, h: dict) -> tuple[str, bool]:
        sustantivo = es.PRODUCTOS[h["clase"]][0]
        if es.es_descriptivo(h["nombre"], sustantivo):
            _, plural = es._genero_numero(h["nombre"])
            return f"the {self.titulo(h, 'nombre')}", plural
        return f"the {PRODUCTS[h['clase']]} {quoted(self.titulo(h, 'nombre'))}", False

    def _convenio(self, c: dict) -> str:
        otras = self.partes_por_nombrar(c)
        texto = f"the {self.titulo(c)}"
        return f"{texto} with {self.instituciones(otras)}" if otras else texto

    def _firma(self, c: dict, pronombre: bool = False) -> str:
        future = _d(c["fecha_firma"]) > self.corte
        verb = "is to sign" if future else "signed"
        responsables = [p for p in c["partes"] if self.es_responsable(p)]
        who = "it" if pronombre or not responsables else self.institucion(responsables[0])
        when = date({"inicio": c["fecha_firma"], "fin": c["fecha_firma"], "precision": "dia"})
        return f"{when}, {who} {verb} {self._convenio(c)}"

    def _objeto(self, c: dict, slot: str) -> tuple[str, str]:
        """(what follows ``slot``, the sentence on its own): a purpose typed as a verb in
        lowercase ('carry out…', 'to carry out…') fits after 'is to'; any other stands alone."""
        objeto = self.texto(c, "objeto")
        if not objeto:
            return "", ""
        objeto = objeto.removeprefix("to ")
        if objeto[:1].islower():
            return f"{slot} {objeto}", ""
        return "", f" Its purpose: {objeto}."

    # Phrases of the plan

    def programa(self, h: dict, convenio: dict | None) -> str:
        resp = h["responsable"]
        sujeto = f"The {resp['nombre_en'] or resp['nombre']}"
        if resp["siglas"]:
            sujeto += f" ({resp['siglas']})"
        self.presentar(resp)
        programa = f"the {self.titulo(h, 'nombre')}"
        descripcion = self.texto(h, "descripcion")
        # Same rule as the Spanish: a description that starts with a verb follows the subject.
        first = (descripcion.split() or [""])[0].lower()
        fits = es.es_verbo_presente(h.get("descripcion") or "") and first.endswith("s")
        aparte = ""
        if descripcion and fits:
            texto = f"{sujeto} {es.minuscula(descripcion)} through {programa}"
        else:
            texto = f"{sujeto} runs {programa}"
            aparte = f" {sentence(descripcion)}" if descripcion else ""
        if convenio:
            texto += f", under which, {self._firma(convenio, pronombre=True)}"
        return texto + "." + aparte

    def objeto_convenio(self, c: dict) -> str:
        unido, aparte = self._objeto(c, "is to")
        return f"The purpose of this agreement {unido}." if unido else aparte.strip()

    def otro_convenio(self, c: dict) -> str:
        unido, aparte = self._objeto(c, ", whose purpose is to")
        return f"In addition, {self._firma(c)}{unido}.{aparte}"

    def convenio_vigente(self, c: dict) -> str:
        signed = date({"inicio": c["fecha_firma"], "fin": c["fecha_firma"], "precision": "dia"})
        fin = c.get("vigencia_fin")
        if fin and _d(fin) < self.corte:
            still = f"was in force until {_day(_d(fin))}"
        else:
            still = "remains in force"
        unido, aparte = self._objeto(c, "; its purpose is to")
        return f"In addition, {self._convenio(c)}, signed {signed}, {still}{unido}.{aparte}"

    def acciones_intro(self) -> str:
        return "The following actions stand out:"

    def accion(self, h: dict) -> str:
        given = h["clase"] in es.IMPARTIDAS
        texto = f"{date_opening(h['fecha'])} {self.actividad(h)} "
        texto += "was given" if given else "was held"
        texto += self.donde_y_para_quien(h, "to" if given else "for")
        return texto + self.para(h) + "."

    def estrategia(self, h: dict, indice: int) -> str:
        connector = "In addition" if indice == 0 else "Also"
        estrategia = f"the {self.titulo(h, 'nombre')}"
        if h["instituciones"]:
            verb = "take" if len(h["instituciones"]) > 1 else "takes"
            quienes = self.instituciones(h["instituciones"])
            texto = f"{connector}, {quienes} {verb} part in {estrategia}"
        else:
            texto = f"{connector}, the programme takes part in {estrategia}"
        participacion = self.texto(h, "participacion")
        if participacion and participacion[:1].islower():
            return f"{texto}, {participacion}."
        return f"{texto}." + (f" {sentence(participacion)}" if participacion else "")

    _TRAINING_CONNECTORS = ("Likewise, ", "In addition, ", "Furthermore, ")

    def _connector(self, indice: int) -> str:
        return self._TRAINING_CONNECTORS[min(indice, len(self._TRAINING_CONNECTORS) - 1)]

    def _training(self, h: dict, nombrar: bool) -> str:
        """'training on cybercrime…', '“Training of…”' (not 'the “training of…” training')."""
        if not nombrar:
            return "training"
        titulo = self.titulo(h)
        if es.es_descriptivo(h["titulo"], "capacitación") or descriptive(titulo, "training"):
            return es.minuscula(titulo)
        if starts_with_kind(titulo, "training"):
            return quoted(titulo)
        return f"the {quoted(titulo)} training"

    def capacitaciones_realizadas(self, h: dict, indice: int, nombrar: bool) -> str:
        texto = self._connector(indice)
        imparten = [x for x in h["imparte"] if x not in h["organiza"]]
        if imparten:
            texto += f"in coordination with {self.instituciones(imparten)}, "
        who = self.instituciones(h["organiza"]) or "the programme"
        when = date_several(h["fecha"]) if h["n"] > 1 else date(h["fecha"])
        texto += f"{who} promotes {self._training(h, nombrar)}, given {when}{self.donde(h)}"
        return texto + "."

    def capacitaciones_por_realizar(
        self, h: dict, indice: int | None, nombrar: bool, t: str
    ) -> str:
        verb = {"futuro": "will be held", "presente": "is being held", "pendiente": "was planned"}[
            t
        ]
        opening = date_opening(h["fecha"])
        if indice is not None:
            opening = self._connector(indice) + es.minuscula(opening)
        return f"{opening} {self._training(h, nombrar)} {verb}{self.donde(h)}."

    def capacitaciones_objetivo(self, h: dict) -> str:
        return f"The purpose of this training is {self.texto(h, 'proposito')}."

    def convenio_sin_fecha(self, c: dict) -> str:
        # Without a signing date it is not said to have been signed: only that it is in force.
        unido, aparte = self._objeto(c, ", in order to")
        return f"Also in force is {self._convenio(c)}{unido}.{aparte}"

    def producto(self, h: dict, origen: str, otras: list[dict]) -> str:
        nombre, plural = self._producto_nombre(h)
        future = h["fecha"] and _d(h["fecha"]) > self.corte
        verb = "will be developed" if future else ("were developed" if plural else "was developed")
        if origen == "convenio":
            texto = f"As a result of this agreement, {nombre} {verb}"
        elif origen == "coordinacion":
            texto = f"As a result of the coordination with {self.instituciones(otras)}, "
            texto += f"{nombre} {verb}"
        else:
            texto = f"{es.mayuscula(nombre)} {verb}"
        descripcion = self.texto(h, "descripcion")
        if descripcion and descripcion[:1].islower():
            return f"{texto}, which {descripcion}."
        return f"{texto}." + (f" {sentence(descripcion)}" if descripcion else "")

    def _this(self, h: dict) -> tuple[str, bool]:
        _, plural = self._producto_nombre(h)
        if plural:
            return "These " + PRODUCTS[h["clase"]].split()[-1] + "s", True
        return "This " + PRODUCTS[h["clase"]].split()[-1], False

    def difusion(self, h: dict) -> str:
        this, plural = self._this(h)
        texto = f"{this} {'are' if plural else 'is'} disseminated"
        audiencias = [es.minuscula(self.audiencia(a)) for a in h["audiencias"]]
        if audiencias:
            texto += f" among {and_list(audiencias)}"
        if h["entidades"]:
            texto += f" {in_states(h['entidades'])}"
        return texto + "."

    def licencia(self, h: dict) -> str:
        this, plural = self._this(h)
        licencia = self.texto(h, "licencia")
        return f"{this} {'are' if plural else 'is'} used under this licence: {licencia}."

    def profesionalizacion(self, h: dict, t: str) -> str:
        verb = {
            "pasado": "was held",
            "futuro": "will be held",
            "presente": "is being held",
            "pendiente": "was planned",
        }[t]
        texto = f"{date_opening(h['fecha'])} {self.actividad(h)} {verb}"
        if h["entidades"]:
            texto += f" {in_states(h['entidades'])}"
        publicos = self.publicos(h)
        if publicos:
            texto += f" as part of the professional development {list_with('of', publicos)}"
        return texto + self.para(h) + "."

    def participantes(self, h: dict, t: str) -> str:
        verb = "will take part" if t == "futuro" else "took part"
        participantes = h["entidades_participantes"]
        if h["participan_dif_estatales"]:
            names = and_list([state_name(e) for e in participantes])
            return f"Representatives of the State DIF Systems of {names} {verb}."
        return f"Representatives of {states(participantes)} {verb}."

    def cambios_intro(self) -> str:
        return "In addition, the following actions are planned or changed:"

    def cancelada(self, h: dict) -> str:
        que = es.mayuscula(self._con_coma(h))
        when = date(h["fecha"])
        return f"{que} planned{self.para_quien_y_donde(h)} {when}, was cancelled.{self.motivo(h)}"

    def reprogramada(self, h: dict, t: str) -> str:
        verb = {"futuro": "will now be held", "presente": "is now being held"}.get(t, "was planned")
        que = es.mayuscula(self.actividad(h))
        texto = f"{que} was rescheduled and {verb}{self.para_quien_y_donde(h)} {date(h['fecha'])}"
        cola = "; it has not yet been recorded as held." if t == "pendiente" else "."
        return texto + cola + self.motivo(h)

    def pendiente(self, h: dict) -> str:
        que = es.mayuscula(self.actividad(h))
        return (
            f"{que} was planned{self.para_quien_y_donde(h)} {date(h['fecha'])}; it has not yet "
            "been recorded as held."
        )

    def prevista(self, h: dict, t: str) -> str:
        verb = "will be held" if t == "futuro" else "is being held"
        que = es.mayuscula(self.actividad(h))
        return f"{que} {verb}{self.para_quien_y_donde(h)} {date(h['fecha'])}{self.para(h)}."

    def otras(self, por_tiempo: dict[str, list[dict]]) -> str:
        verbs = {
            "realizada": ("was carried out", "were carried out"),
            "prevista": ("is still pending", "are still pending"),
            "futura": ("is planned after the cut-off date", "are planned after the cut-off date"),
            "cancelada": ("was cancelled", "were cancelled"),
        }
        partes = []
        for t, grupos in por_tiempo.items():
            cuantas = [how_many(g["n"], *KINDS[g["clase"]]) for g in grupos]
            several = len(grupos) > 1 or grupos[0]["n"] > 1
            partes.append(f"{and_list(cuantas)} {verbs[t][several]}")
        return f"In addition, during the period, {'; '.join(partes)}."

    def finalmente(self, texto: str) -> str:
        for connector in CONNECTORS:
            if texto.startswith(connector):
                texto = texto[len(connector) :]
                break
        return f"Finally, {es.minuscula(texto)}"

"""Cómo un hecho se vuelve oración en español, al estilo de las aportaciones del SNDIF (2015).

Reglas que vienen de los registros y no del documento de ejemplo:
- «plática preventiva»: el adjetivo sale de ``preventiva`` (ver ``contribucion._es_preventiva``).
- Un título que empieza con el nombre de su tipo seguido de preposición («Curso sobre…»,
  «Capacitación sobre…») es una descripción y se escribe sin comillas; cualquier otro
  («Delitos Cibernéticos», «Foro Análisis y Reflexión…») es un nombre propio y va entre comillas.
- La institución responsable del programa se presenta con sus siglas la primera vez
  («el Sistema Nacional … (SNDIF)») y después se nombra por ellas («el SNDIF»).
- El tiempo verbal sale de la fecha de corte: lo que empieza después se escribe en futuro.
"""

import datetime as dt

from informes.contribucion.documento import Bloque
from programa.fechas import MESES
from programa.texto import normalizar

_ORDINAL_SEMESTRE = {1: "primer", 2: "último"}
_ORDINAL_TRIMESTRE = {1: "primer", 2: "segundo", 3: "tercer", 4: "cuarto"}
_VOCALES = set("aeiou")
_PREPOSICIONES = {"sobre", "de", "del", "para", "en", "contra", "acerca", "a", "al"}

# Tipo -> (sustantivo singular, plural, es femenino).
CLASES = {
    "platica": ("plática", "pláticas", True),
    "taller": ("taller", "talleres", False),
    "conferencia": ("conferencia", "conferencias", True),
    "curso": ("curso", "cursos", False),
    "foro": ("foro", "foros", False),
    "capacitacion": ("capacitación", "capacitaciones", True),
    "campana": ("campaña", "campañas", True),
    "jornada": ("jornada", "jornadas", True),
    "otro": ("actividad", "actividades", True),
}
PRODUCTOS = {
    "oda": ("objeto digital de aprendizaje", False),
    "herramienta_digital": ("herramienta digital", True),
    "material_impreso": ("material impreso", False),
    "audiovisual": ("material audiovisual", False),
    "otro": ("producto", False),
}
_MASCULINOS_EN_A = {"sistema", "programa", "problema", "tema", "dia", "mapa", "clima", "esquema"}
_FEMENINOS = {"red", "ley", "mano", "imagen", "mujer", "juventud"}
_SINGULARES_EN_S = {"analisis", "tesis", "crisis", "pais", "mes", "virus", "dos", "tres"}
# Lo que «Finalmente» sustituye al empezar el último párrafo («Finalmente, también…» no).
CONECTORES = ("Asimismo, ", "De igual forma, ", "Además, ", "También ")
# Lo que se imparte (una persona enseña); lo demás (jornadas, campañas, foros) se lleva a cabo.
IMPARTIDAS = {"platica", "taller", "conferencia", "curso", "capacitacion"}


# --- Palabras ---------------------------------------------------------------------------------


def conjuncion_y(siguiente: str) -> str:
    """«y», o «e» ante palabra que empieza con sonido /i/ (i-, hi-), pero no ante hie-, hia-…"""
    palabras = normalizar(siguiente).split()
    palabra = palabras[0] if palabras else ""
    if palabra.startswith("hi"):
        return "y" if palabra[2:3] in _VOCALES else "e"
    if palabra.startswith("i"):
        return "y" if palabra[1:2] in _VOCALES else "e"
    return "y"


def lista(elementos) -> str:
    """['Oaxaca', 'Jalisco', 'Morelos'] -> 'Oaxaca, Jalisco y Morelos'; 'Guerrero e Hidalgo'."""
    elementos = [e for e in elementos if e]
    if len(elementos) <= 1:
        return "".join(elementos)
    return f"{', '.join(elementos[:-1])} {conjuncion_y(elementos[-1])} {elementos[-1]}"


def mayuscula(texto: str) -> str:
    return texto[:1].upper() + texto[1:]


def minuscula(texto: str) -> str:
    return texto[:1].lower() + texto[1:]


def sin_punto(texto: str) -> str:
    return (texto or "").strip().rstrip(".").strip()


def _genero_numero(nombre: str) -> tuple[bool, bool]:
    """(femenino, plural) de la primera palabra de un nombre: 'Policía Federal' -> (True, False)."""
    palabras = normalizar(nombre).split()
    palabra = palabras[0] if palabras else ""
    plural = len(palabra) > 3 and palabra.endswith("s") and palabra not in _SINGULARES_EN_S
    base = palabra
    if plural:
        base = palabra[:-2] if palabra.endswith(("iones", "dades", "les", "res")) else palabra[:-1]
    femenino = base in _FEMENINOS or (
        base.endswith(("a", "ion", "dad", "tad", "tud", "umbre")) and base not in _MASCULINOS_EN_A
    )
    return femenino, plural


def articulo(nombre: str) -> str:
    femenino, plural = _genero_numero(nombre)
    return {(False, False): "el", (True, False): "la", (False, True): "los", (True, True): "las"}[
        (femenino, plural)
    ]


def con_articulo(nombre: str) -> str:
    return f"{articulo(nombre)} {nombre}"


def de(frase: str) -> str:
    """'de' + frase, contrayendo «de el» en «del»."""
    return f"del {frase[3:]}" if frase.startswith("el ") else f"de {frase}"


def a(frase: str) -> str:
    """'a' + frase, contrayendo «a el» en «al»: «dirigida al público en general»."""
    return f"al {frase[3:]}" if frase.startswith("el ") else f"a {frase}"


def publico_con_articulo(publico: str) -> str:
    """Un colectivo en singular lleva artículo («el personal…», «el público en general»);
    un plural no («niñas y niños», «adolescentes»)."""
    femenino, plural = _genero_numero(publico)
    if plural or normalizar(publico).split()[:1] in (["ninas"], ["ninos"], ["madres"]):
        return publico
    return f"{'la' if femenino else 'el'} {publico}"


def es_descriptivo(titulo: str, sustantivo: str) -> bool:
    """¿El título describe («Curso sobre…», «Objetos Digitales de…») en vez de nombrar?"""
    palabras = normalizar(titulo).split()
    clase = normalizar(sustantivo).split()
    if len(palabras) < 2 or not palabras[0].startswith(clase[0]):
        return False
    if palabras[1] in _PREPOSICIONES:
        return True
    return len(clase) > 1 and palabras[1].startswith(clase[1])


def _empieza_con(titulo: str, sustantivo: str) -> bool:
    return normalizar(titulo).split()[:1] == normalizar(sustantivo).split()[:1]


# --- Fechas y tiempos -------------------------------------------------------------------------


def _d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _dia(fecha: dt.date, con_anio: bool = True) -> str:
    texto = f"{fecha.day} de {MESES[fecha.month - 1]}"
    return f"{texto} de {fecha.year}" if con_anio else texto


def fecha(f: dict) -> str:
    """La fecha con su precisión: 'el 18 de marzo de 2015', 'en abril de 2014',
    'en el último semestre de 2015', 'durante 2014', 'del 30 de marzo al 2 de abril de 2015'."""
    inicio, fin, precision = _d(f["inicio"]), _d(f["fin"]), f["precision"]
    mismo_anio = inicio.year == fin.year
    if precision == "dia":
        if inicio == fin:
            return f"el {_dia(inicio)}"
        if mismo_anio and inicio.month == fin.month:
            return f"del {inicio.day} al {_dia(fin)}"
        return f"del {_dia(inicio, not mismo_anio)} al {_dia(fin)}"
    if precision == "mes":
        if mismo_anio and inicio.month == fin.month:
            return f"en {MESES[inicio.month - 1]} de {inicio.year}"
        if mismo_anio:
            return f"de {MESES[inicio.month - 1]} a {MESES[fin.month - 1]} de {fin.year}"
        return (
            f"de {MESES[inicio.month - 1]} de {inicio.year} a {MESES[fin.month - 1]} de {fin.year}"
        )
    if precision == "anio":
        return f"durante {inicio.year}" if mismo_anio else f"de {inicio.year} a {fin.year}"
    meses, nombre, ordinales = (
        (6, "semestre", _ORDINAL_SEMESTRE)
        if precision == "semestre"
        else (3, "trimestre", _ORDINAL_TRIMESTRE)
    )
    n_inicio, n_fin = (inicio.month - 1) // meses + 1, (fin.month - 1) // meses + 1
    if mismo_anio and n_inicio == n_fin:
        return f"en el {ordinales[n_inicio]} {nombre} de {inicio.year}"
    if mismo_anio:
        return f"del {ordinales[n_inicio]} al {ordinales[n_fin]} {nombre} de {fin.year}"
    return (
        f"del {ordinales[n_inicio]} {nombre} de {inicio.year} "
        f"al {ordinales[n_fin]} {nombre} de {fin.year}"
    )


def fecha_inicial(f: dict) -> str:
    """La fecha al empezar una oración; tras un periodo largo va coma («Durante 2014, se…»)."""
    return mayuscula(fecha(f)) + ("" if f["precision"] in ("dia", "mes") else ",")


def tiempo(estado: str, f: dict, corte: dt.date) -> str:
    """'pasado' (realizada), 'futuro' (empieza después del corte), 'presente' (en curso al
    corte) o 'pendiente' (debió ocurrir antes del corte y no se registró como realizada)."""
    if estado == "realizada":
        return "pasado"
    if _d(f["inicio"]) > corte:
        return "futuro"
    return "presente" if _d(f["fin"]) >= corte else "pendiente"


# --- Entidades --------------------------------------------------------------------------------


def entidades(ents: list[dict]) -> str:
    """'el Estado de Oaxaca', 'los Estados de Oaxaca, Jalisco y Morelos', 'la Ciudad de México'."""
    estados = [e["nombre"] for e in ents if e["clave"] != "09"]
    partes = []
    if len(estados) == 1:
        nombre = estados[0]
        partes.append(
            f"el {nombre}" if nombre.startswith("Estado de ") else f"el Estado de {nombre}"
        )
    elif estados:
        # «los Estados de Guerrero, México y Oaxaca», no «los Estados de Estado de México…»
        partes.append(f"los Estados de {lista([n.removeprefix('Estado de ') for n in estados])}")
    if any(e["clave"] == "09" for e in ents):
        partes.append("la Ciudad de México")
    return (", y " if len(estados) > 1 else " y ").join(partes)


def en_entidades(ents: list[dict]) -> str:
    return f"en {entidades(ents)}" if ents else ""


# --- El redactor ------------------------------------------------------------------------------


class Redactor:
    """Escribe el cuerpo de una aportación (``contribucion_construir()``) en español."""

    idioma = "es"

    def __init__(self, contribucion: dict):
        self.contribucion = contribucion
        self.corte = _d(contribucion["corte"])
        self.responsables: set[str] = set()  # siglas ya presentadas

    # Nombres

    def _titulo(self, h: dict, campo: str = "titulo") -> str:
        return h[campo]

    def _texto(self, h: dict, campo: str) -> str:
        return h.get(campo) or ""

    def institucion(self, inst: dict) -> str:
        if inst["siglas"] and inst["siglas"] in self.responsables:
            return f"{articulo(inst['nombre'])} {inst['siglas']}"
        if inst["tipo"] == "osc" and not _genero_numero(inst["nombre"])[0]:
            return f"la organización {inst['nombre']}"
        return con_articulo(inst["nombre"])

    def instituciones(self, insts: list[dict]) -> str:
        return lista([self.institucion(i) for i in insts])

    def _es_responsable(self, inst: dict) -> bool:
        return bool(inst["siglas"]) and inst["siglas"] in self.responsables

    def publico(self, h: dict) -> str:
        """A quién, con su artículo: «el público en general», «niñas y niños»."""
        publico = sin_punto(self._texto(h, "publico"))
        if publico:
            return publico_con_articulo(publico)
        return lista([publico_con_articulo(minuscula(self._audiencia(x))) for x in h["audiencias"]])

    def donde(self, h: dict) -> str:
        """' en el Estado de Jalisco', ', con participantes de los Estados de…' o ''."""
        if h["entidades"]:
            return f" {en_entidades(h['entidades'])}"
        if h.get("entidades_participantes"):
            return f", con participantes de {entidades(h['entidades_participantes'])}"
        return ""

    def dirigida(self, h: dict) -> str:
        """', dirigida a niñas y niños y al público en general': «a» ante cada colectivo."""
        libre = sin_punto(self._texto(h, "publico"))
        if libre:
            quienes = a(publico_con_articulo(libre))
        else:
            nombres = [publico_con_articulo(minuscula(self._audiencia(x))) for x in h["audiencias"]]
            if not nombres:
                return ""
            quienes = "a " + lista(
                [
                    n if i == 0 or n.split()[0] not in ("el", "la") else a(n)
                    for i, n in enumerate(nombres)
                ]
            )
            quienes = a(quienes[2:]) if quienes.startswith("a el ") else quienes
        return f", {'dirigida' if CLASES[h['clase']][2] else 'dirigido'} {quienes}"

    def para(self, h: dict) -> str:
        proposito = sin_punto(self._texto(h, "proposito"))
        return f", para {proposito}" if proposito else ""

    def motivo(self, h: dict) -> str:
        """El motivo, como oración propia (es texto libre: no se une a otra oración)."""
        motivo = sin_punto(self._texto(h, "motivo"))
        return f" {mayuscula(motivo)}." if motivo else ""

    def _audiencia(self, a: dict) -> str:
        return a["nombre"]

    def actividad(self, h: dict) -> str:
        """'la plática preventiva “Delitos Cibernéticos”', 'el Curso sobre…', 'el “Foro …”'."""
        singular, _, femenino = CLASES[h["clase"]]
        titulo = self._titulo(h)
        if es_descriptivo(h["titulo"], singular):
            return con_articulo(titulo)
        art = "la" if femenino else "el"
        titulo = mayuscula(titulo)  # un nombre propio entre comillas empieza con mayúscula
        if _empieza_con(h["titulo"], singular):
            return f"{art} “{titulo}”"
        adjetivo = (" preventiva" if femenino else " preventivo") if h.get("preventiva") else ""
        return f"{art} {singular}{adjetivo} “{titulo}”"

    def producto(self, h: dict) -> tuple[str, bool, bool]:
        """(nombre con artículo, es plural, es femenino) de un producto."""
        sustantivo, femenino = PRODUCTOS[h["clase"]]
        if es_descriptivo(h["nombre"], sustantivo):
            femenino, plural = _genero_numero(h["nombre"])
            return con_articulo(self._titulo(h, "nombre")), plural, femenino
        art = "la" if femenino else "el"
        return f"{art} {sustantivo} “{self._titulo(h, 'nombre')}”", False, femenino

    # Secciones

    def cuerpo(self) -> list[Bloque]:
        bloques: list[Bloque] = []
        for seccion in self.contribucion["secciones"]:
            bloques.extend(getattr(self, f"seccion_{seccion['clave']}")(seccion["parrafos"]))
        return self.finalmente(bloques)

    def finalmente(self, bloques: list[Bloque]) -> list[Bloque]:
        parrafos = [b for b in bloques if b.tipo == "parrafo"]
        if len(parrafos) >= 4 and bloques[-1].tipo == "parrafo":
            texto = bloques[-1].texto
            for conector in CONECTORES:
                if texto.startswith(conector):
                    texto = texto[len(conector) :]
                    break
            bloques[-1] = Bloque("parrafo", f"Finalmente, {minuscula(texto)}")
        return bloques

    def seccion_marco(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for parrafo in parrafos:
            h = parrafo["hechos"][0]
            resp = h["responsable"]
            sujeto = con_articulo(resp["nombre"])
            if resp["siglas"]:
                sujeto += f" ({resp['siglas']})"
                self.responsables.add(resp["siglas"])
            programa = self._titulo(h, "nombre")
            descripcion = minuscula(sin_punto(self._texto(h, "descripcion")))
            if descripcion:
                oracion = (
                    f"{mayuscula(sujeto)} {descripcion}, a través {de(con_articulo(programa))}"
                )
            else:
                oracion = f"{mayuscula(sujeto)} implementa {con_articulo(programa)}"
            convenios = h["convenios"]
            if convenios:
                oracion += f", en cuyo marco, {self._firma(convenios[0])}"
            bloques.append(Bloque("parrafo", oracion + "."))
            if convenios and self._texto(convenios[0], "objeto"):
                objeto = sin_punto(self._texto(convenios[0], "objeto"))
                bloques.append(Bloque("parrafo", f"Dicho convenio tiene por objetivo {objeto}."))
            for convenio in convenios[1:]:
                oracion = f"Asimismo, {self._firma(convenio, sujeto=True)}"
                objeto = sin_punto(self._texto(convenio, "objeto"))
                if objeto:
                    oracion += f", que tiene por objetivo {objeto}"
                bloques.append(Bloque("parrafo", oracion + "."))
            for convenio in h.get("convenios_vigentes", []):
                bloques.append(Bloque("parrafo", self.vigente(convenio)))
        return bloques

    def _vigencia(self, c: dict) -> str:
        """'sigue vigente' o 'estuvo vigente hasta el…' (según la fecha de corte)."""
        fin = c.get("vigencia_fin")
        if fin and _d(fin) < self.corte:
            return f"estuvo vigente hasta {fecha({'inicio': fin, 'fin': fin, 'precision': 'dia'})}"
        return "sigue vigente"

    def vigente(self, c: dict) -> str:
        """Un convenio firmado antes del periodo: se dice que sigue vigente, no que se firmó."""
        firma = fecha({"inicio": c["fecha_firma"], "fin": c["fecha_firma"], "precision": "dia"})
        oracion = f"Asimismo, {self._vigencia(c)} {self._convenio(c)}, firmado {firma}"
        objeto = sin_punto(self._texto(c, "objeto"))
        if objeto:
            oracion += f", que tiene por objetivo {objeto}"
        return oracion + "."

    def _partes_por_nombrar(self, c: dict) -> list[dict]:
        """Las otras partes de un convenio, si su título no las nombra ya."""
        normal = f" {normalizar(c['titulo'])} "
        otras = [p for p in c["partes"] if not self._es_responsable(p)]
        nombradas = any(
            f" {normalizar(p['nombre'])} " in normal
            or (p["siglas"] and f" {normalizar(p['siglas'])} " in normal)
            for p in otras
        )
        return [] if nombradas else otras

    def _convenio(self, c: dict) -> str:
        """'el Convenio … con la Policía Federal' (las partes solo si el título no las nombra)."""
        texto = con_articulo(self._titulo(c))
        otras = self._partes_por_nombrar(c)
        return f"{texto} con {self.instituciones(otras)}" if otras else texto

    def _firma(self, c: dict, sujeto: bool = False) -> str:
        futuro = _d(c["fecha_firma"]) > self.corte
        verbo = "tiene previsto firmar" if futuro else "firmó"
        responsables = [p for p in c["partes"] if self._es_responsable(p)]
        quien = f"{self.institucion(responsables[0])} " if sujeto and responsables else ""
        fecha_firma = fecha(
            {"inicio": c["fecha_firma"], "fin": c["fecha_firma"], "precision": "dia"}
        )
        return f"{fecha_firma}, {quien}{verbo} {self._convenio(c)}"

    def seccion_acciones(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for parrafo in parrafos:
            bloques.append(Bloque("parrafo", "Destacan las siguientes acciones:"))
            bloques.append(Bloque("vinetas", elementos=[self.vineta(h) for h in parrafo["hechos"]]))
        return bloques

    def vineta(self, h: dict) -> str:
        """Qué, dónde, cuándo, para quién y para qué: «El 8 de marzo de 2019 se impartió la
        plática “Riesgos en internet” en el Estado de Jalisco, dirigida a adolescentes.»"""
        verbo = "se impartió" if h["clase"] in IMPARTIDAS else "se llevó a cabo"
        oracion = f"{fecha_inicial(h['fecha'])} {verbo} {self.actividad(h)}"
        return oracion + self.donde(h) + self.dirigida(h) + self.para(h) + "."

    def seccion_cambios(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for parrafo in parrafos:
            bloques.append(
                Bloque("parrafo", "Además, las siguientes acciones están previstas o cambiaron:")
            )
            bloques.append(Bloque("vinetas", elementos=[self.cambio(h) for h in parrafo["hechos"]]))
        return bloques

    def cambio(self, h: dict) -> str:
        """Lo programado, reprogramado o cancelado, dicho como tal y con su motivo."""
        prevista = "prevista" if CLASES[h["clase"]][2] else "previsto"
        que = self.actividad(h) + self.donde(h) + self.dirigida(h)
        t = tiempo(h["estado"], h["fecha"], self.corte)
        cuando = fecha(h["fecha"])
        if h["estado"] == "cancelada":
            return f"Se canceló {que}, {prevista} {cuando}.{self.motivo(h)}"
        if h["estado"] == "reprogramada":
            verbo = {
                "futuro": "que se llevará a cabo",
                "presente": "que se lleva a cabo",
                "pendiente": f"{prevista} ahora",
            }[t]
            return f"Se reprogramó {que}, {verbo} {cuando}.{self.motivo(h)}"
        if t == "pendiente":
            return (
                f"{fecha_inicial(h['fecha'])} estaba {prevista} {que}, que aún no se registra "
                "como realizada."
            )
        verbo = "se llevará a cabo" if t == "futuro" else "se lleva a cabo"
        return f"{fecha_inicial(h['fecha'])} {verbo} {que}{self.para(h)}."

    def seccion_estrategias(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for i, parrafo in enumerate(parrafos):
            h = parrafo["hechos"][0]
            conector = "Asimismo," if i == 0 else "También"
            estrategia = con_articulo(self._titulo(h, "nombre"))
            if h["instituciones"]:
                quienes = de(self.instituciones(h["instituciones"]))
                oracion = f"{conector} destaca la participación {quienes} en {estrategia}"
            else:
                oracion = f"{conector} el programa participa en {estrategia}"
            participacion = sin_punto(self._texto(h, "participacion"))
            if participacion:
                oracion += f", {participacion}"
            bloques.append(Bloque("parrafo", oracion + "."))
        return bloques

    def _capacitaciones(self, h: dict) -> str:
        """'capacitaciones sobre delitos cibernéticos…' o 'capacitaciones “Título”'."""
        titulo = self._titulo(h)
        if es_descriptivo(h["titulo"], "capacitación"):
            return "capacitaciones " + titulo.split(" ", 1)[1]
        return f"capacitaciones “{titulo}”"

    def seccion_capacitaciones(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for i, parrafo in enumerate(parrafos):
            conector = "De igual forma, " if i == 0 else "Asimismo, "
            oraciones, nombradas = [], False
            for h in parrafo["hechos"]:
                que = "capacitaciones" if nombradas else self._capacitaciones(h)
                nombradas = True
                donde = self.donde(h)
                if h["estado"] == "realizada":
                    organizan = h["organiza"]
                    imparten = [x for x in h["imparte"] if x not in organizan]
                    oracion = conector
                    if imparten:
                        oracion += f"en coordinación con {self.instituciones(imparten)}, "
                    quien = self.instituciones(organizan) or "el programa"
                    oracion += f"{quien} fomenta el desarrollo de {que}, impartidas "
                    oracion += fecha(h["fecha"]) + donde
                else:
                    verbo = {
                        "futuro": "se llevarán a cabo",
                        "presente": "se llevan a cabo",
                        "pendiente": "estaba prevista la realización de",
                    }[tiempo(h["estado"], h["fecha"], self.corte)]
                    inicio = fecha_inicial(h["fecha"])
                    if not oraciones:
                        inicio = conector + minuscula(inicio)
                    oracion = f"{inicio} {verbo} {que}{donde}"
                oraciones.append(oracion.strip() + ".")
            objetivos = [sin_punto(self._texto(h, "proposito")) for h in parrafo["hechos"]]
            objetivo = next((o for o in objetivos if o), "")
            if objetivo:
                oraciones.append(f"Dicha estrategia tiene el objetivo de {objetivo}.")
            bloques.append(Bloque("parrafo", " ".join(oraciones)))
        return bloques

    def seccion_productos(self, parrafos: list[dict]) -> list[Bloque]:
        bloques = []
        for parrafo in parrafos:
            hechos = parrafo["hechos"]
            if hechos[0]["tipo"] == "convenio":
                bloques.append(
                    Bloque("parrafo", self._convenio_con_productos(hechos[0], hechos[1:]))
                )
            else:
                bloques.append(Bloque("parrafo", " ".join(self._producto(hechos[0]))))
        return bloques

    def _convenio_con_productos(self, c: dict, productos: list[dict]) -> str:
        # Sin fecha de firma no se dice que se firmó: solo que está vigente en el periodo.
        oracion = f"También está vigente {self._convenio(c)}"
        objeto = sin_punto(self._texto(c, "objeto"))
        if objeto:
            oracion += f", con el objetivo de {objeto}"
        oraciones = [oracion + "."]
        titulo = normalizar(c["titulo"])
        for p in productos:
            # Si el título del convenio ya nombra el producto, basta con decir cómo se difunde.
            ya_nombrado = normalizar(p["nombre"]) in titulo
            oraciones.extend(self._producto(p, por_convenio=True, ya_nombrado=ya_nombrado))
        return " ".join(oraciones)

    def _dicho(self, h: dict) -> str:
        sustantivo = PRODUCTOS[h["clase"]][0]
        nombre, plural, femenino = self.producto(h)
        palabra = sustantivo.split()[0] if not plural else nombre.split()[1].lower()
        if plural:
            return f"{'Dichas' if femenino else 'Dichos'} {palabra}"
        return f"{'Dicha' if femenino else 'Dicho'} {palabra}"

    def _producto(self, h: dict, por_convenio: bool = False, ya_nombrado: bool = False):
        oraciones = []
        if not ya_nombrado:
            nombre, plural, femenino = self.producto(h)
            futuro = h["fecha"] and _d(h["fecha"]) > self.corte
            verbo = (
                ("se generarán" if futuro else "se generaron")
                if plural
                else ("se generará" if futuro else "se generó")
            )
            otras = [i for i in h["contrapartes"] if not self._es_responsable(i)]
            if por_convenio:
                oracion = f"Como resultado de este convenio {verbo} {nombre}"
            elif otras:
                oracion = (
                    f"Como resultado de la coordinación con {self.instituciones(otras)} "
                    f"{verbo} {nombre}"
                )
            else:
                oracion = f"{mayuscula(verbo)} {nombre}"
            descripcion = sin_punto(self._texto(h, "descripcion"))
            if descripcion:
                mismo = (
                    ("mismas" if femenino else "mismos")
                    if plural
                    else ("misma" if femenino else "mismo")
                )
                oracion += f", {mismo} que {descripcion}"
            oraciones.append(oracion + ".")
        dicho = self._dicho(h)
        audiencias = [publico_con_articulo(minuscula(self._audiencia(a))) for a in h["audiencias"]]
        if audiencias or h["entidades"]:
            verbo = "se difunden" if dicho.split()[0] in ("Dichos", "Dichas") else "se difunde"
            oracion = f"{dicho} {verbo}"
            if audiencias:
                oracion += f" entre {lista(audiencias)}"
            if h["entidades"]:
                oracion += f" {en_entidades(h['entidades'])}"
            oraciones.append(oracion + ".")
        licencia = sin_punto(self._texto(h, "licencia"))
        if licencia and not por_convenio:
            oraciones.append(f"{dicho} se usa conforme a esta licencia: {minuscula(licencia)}.")
        return oraciones

    def seccion_profesionalizacion(self, parrafos: list[dict]) -> list[Bloque]:
        return [Bloque("parrafo", self.profesionalizacion(p["hechos"][0])) for p in parrafos]

    def profesionalizacion(self, h: dict) -> str:
        t = tiempo(h["estado"], h["fecha"], self.corte)
        verbo = {
            "pasado": "se llevó a cabo",
            "futuro": "se llevará a cabo",
            "presente": "se lleva a cabo",
            "pendiente": "estaba previsto llevar a cabo",
        }[t]
        oracion = f"{fecha_inicial(h['fecha'])} {verbo} {self.actividad(h)}"
        if h["entidades"]:
            oracion += f" {en_entidades(h['entidades'])}"
        publico = self.publico(h)
        if publico:
            oracion += f", como parte de las acciones de profesionalización {de(publico)}"
        proposito = sin_punto(self._texto(h, "proposito"))
        if proposito:
            oracion += f", con el objetivo de {proposito}"
        oraciones = [oracion + "."]
        participantes = h["entidades_participantes"]
        if participantes:
            verbo = "Participarán" if t == "futuro" else "Participaron"
            nombres = lista([e["nombre"] for e in participantes])
            if h["participan_dif_estatales"]:
                oraciones.append(
                    f"{verbo} representantes de los Sistemas Estatales DIF de {nombres}."
                )
            else:
                oraciones.append(f"{verbo} representantes de {entidades(participantes)}.")
        return " ".join(oraciones)

    def seccion_otras(self, parrafos: list[dict]) -> list[Bloque]:
        h = parrafos[0]["hechos"][0]
        por_tiempo: dict[str, list[dict]] = {}
        for g in h["grupos"]:
            por_tiempo.setdefault(g["tiempo"], []).append(g)
        verbos = {
            "realizada": ("se realizó", "se realizaron"),
            "prevista": ("quedó pendiente", "quedaron pendientes"),
            "futura": ("se llevará a cabo", "se llevarán a cabo"),
            "cancelada": ("se canceló", "se cancelaron"),
        }
        partes = []
        for t, grupos in por_tiempo.items():
            cuantas = []
            for g in grupos:
                singular, plural, femenino = CLASES[g["clase"]]
                uno = "una" if femenino else "un"
                cuantas.append(f"{uno} {singular}" if g["n"] == 1 else f"{g['n']} {plural}")
            varias = len(grupos) > 1 or grupos[0]["n"] > 1
            partes.append(f"{verbos[t][varias]} {lista(cuantas)}")
        return [Bloque("parrafo", f"Además, en el periodo {'; '.join(partes)}.")]

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

from capacitaciones.models import _INFINITIVO
from informes.contribucion.documento import Bloque  # noqa: F401 (los redactores lo usan)
from informes.contribucion.redaccion import plan
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
        if fin - inicio == dt.timedelta(days=1) and inicio.month == fin.month:
            return f"los días {inicio.day} y {_dia(fin)}"
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


tiempo = plan.tiempo  # el tiempo verbal lo elige el plan; aquí se conjuga


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


# --- Textos libres ----------------------------------------------------------------------------
# Un texto libre entra en una oración solo si cabe en su hueco; si no, va como oración propia.

_NO_VERBOS = {"programa", "estrategia", "iniciativa", "este", "esta", "ese", "esa", "la", "una"}
_NO_VERBOS |= {"cada", "toda", "sobre", "desde", "ante", "entre", "mediante", "durante"}
_NO_VERBOS |= {"para", "contra", "hacia", "hasta", "que", "donde", "cuya", "nuestra"}


def es_infinitivo(texto: str) -> bool:
    """¿Empieza con un verbo en infinitivo? (la regla del propósito de una actividad)."""
    return bool(_INFINITIVO.match(minuscula(texto.strip())))


def es_verbo_presente(texto: str) -> bool:
    """¿Empieza con un verbo en presente («Implementa…», «Promueven…»)? Para la descripción
    de un programa, que sigue al nombre de la institución."""
    palabra = (texto.split() or [""])[0].lower()
    return (
        palabra.isalpha()
        and palabra.endswith(("a", "e", "an", "en"))
        and not palabra.endswith(("ada", "ida", "adan", "idan"))  # participios: «dirigida a…»
        and normalizar(palabra) not in _NO_VERBOS
    )


def oracion(texto: str) -> str:
    """Un texto libre como oración propia: con mayúscula y punto."""
    return f"{mayuscula(sin_punto(texto))}."


# --- Más palabras -----------------------------------------------------------------------------

_NUMEROS = ("", "un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")


def cuantas(n: int, singular: str, plural: str, femenino: bool) -> str:
    """'una plática', 'dos talleres', '12 cursos': en prosa, del uno al nueve con letra."""
    if n == 1:
        return f"{'una' if femenino else 'un'} {singular}"
    return f"{_NUMEROS[n] if n < 10 else n} {plural}"


def comillas(titulo: str) -> str:
    """Un nombre propio entre comillas empieza con mayúscula (aunque se capture en minúscula)."""
    return f"“{mayuscula(titulo)}”"


def _coordinado(nombre: str) -> bool:
    return f" {conjuncion_y('i')} " in f" {nombre} " or " y " in f" {nombre} "


def lista_con(preposicion, nombres: list[str]) -> str:
    """Colectivos tras una preposición: «a adolescentes», «a personas servidoras públicas y
    organizaciones…»; si alguno ya lleva «y», el último va tras «así como» («a niñas y niños, así
    como a madres, padres…»); si alguno lleva artículo, la preposición se repite («del
    personal… y de organizaciones…»)."""
    if not nombres:
        return ""
    if len(nombres) > 1 and any(_coordinado(n) for n in nombres):
        cabeza = ", ".join(preposicion(n) for n in nombres[:-1])
        return f"{cabeza}, así como {preposicion(nombres[-1])}"
    if any(n.split()[0] in ("el", "la", "los", "las") for n in nombres):
        return lista([preposicion(n) for n in nombres])
    return preposicion(lista(nombres))


def fecha_varias(f: dict) -> str:
    """Las fechas de varias actividades de un grupo: el tramo que abarcan, sin sugerir que fue
    una sola de principio a fin: 'en marzo de 2019', 'entre marzo y julio de 2019'."""
    inicio, fin = _d(f["inicio"]), _d(f["fin"])
    if f["precision"] not in ("dia", "mes") or (inicio.year, inicio.month) == (fin.year, fin.month):
        return fecha(f) if f["precision"] not in ("dia",) else fecha(f | {"precision": "mes"})
    if inicio.year == fin.year:
        return f"entre {MESES[inicio.month - 1]} y {MESES[fin.month - 1]} de {fin.year}"
    return (
        f"entre {MESES[inicio.month - 1]} de {inicio.year} y {MESES[fin.month - 1]} de {fin.year}"
    )


# --- El recetario -----------------------------------------------------------------------------


class Frases(plan.Frases):
    """Las frases del plan (``plan.py``) en español."""

    idioma = "es"

    # Nombres

    def titulo(self, h: dict, campo: str = "titulo") -> str:
        return h[campo]

    def texto(self, h: dict, campo: str) -> str:
        return sin_punto(h.get(campo) or "")

    def audiencia(self, a: dict) -> str:
        return a["nombre"]

    def institucion(self, inst: dict) -> str:
        if self.es_responsable(inst):
            return f"{articulo(inst['nombre'])} {inst['siglas']}"
        if inst["tipo"] == "osc" and not _genero_numero(inst["nombre"])[0]:
            return f"la organización {inst['nombre']}"
        return con_articulo(inst["nombre"])

    def instituciones(self, insts: list[dict]) -> str:
        return lista([self.institucion(i) for i in insts])

    def publicos(self, h: dict) -> list[str]:
        """A quién, cada colectivo con su artículo: «el público en general», «niñas y niños»."""
        libre = self.texto(h, "publico")
        if libre:
            return [publico_con_articulo(libre)]
        nombres = [publico_con_articulo(minuscula(self.audiencia(x))) for x in h["audiencias"]]
        # «la jornada de salud mental para adolescentes», no «…, dirigida a adolescentes».
        titulo = f" {normalizar(self.titulo(h))} "
        if nombres and all(f" para {normalizar(n)} " in titulo for n in nombres):
            return []
        return nombres

    def donde(self, h: dict) -> str:
        """' en el Estado de Jalisco', ', con participantes de los Estados de…' o ''."""
        if h["entidades"]:
            return f" {en_entidades(h['entidades'])}"
        if h.get("entidades_participantes"):
            return f", con participantes de {entidades(h['entidades_participantes'])}"
        return ""

    def _dirigida(self, h: dict) -> str:
        """', dirigida a niñas y niños, así como al público en general' (o '')."""
        nombres = self.publicos(h)
        if not nombres:
            return ""
        return f", {'dirigida' if CLASES[h['clase']][2] else 'dirigido'} {lista_con(a, nombres)}"

    def donde_y_para_quien(self, h: dict) -> str:
        """Sin lugar pero con participantes de varias entidades, se dice de dónde son quienes
        asisten: «dirigida a personas servidoras públicas de los Estados de…»."""
        participantes = h.get("entidades_participantes")
        if not h["entidades"] and participantes and self.publicos(h):
            return f"{self._dirigida(h)} {de(entidades(participantes))}"
        return self.donde(h) + self._dirigida(h)

    def para(self, h: dict) -> str:
        proposito = self.texto(h, "proposito")
        return f", para {proposito}" if proposito else ""

    def motivo(self, h: dict) -> str:
        """El motivo, como oración propia (es texto libre: no se une a otra oración)."""
        motivo = self.texto(h, "motivo")
        return f" {oracion(motivo)}" if motivo else ""

    def actividad(self, h: dict) -> str:
        """'la plática preventiva “Delitos Cibernéticos”', 'el Curso sobre…', 'el “Foro …”'."""
        singular, _, femenino = CLASES[h["clase"]]
        titulo = self.titulo(h)
        if es_descriptivo(h["titulo"], singular):
            return con_articulo(titulo)
        art = "la" if femenino else "el"
        if _empieza_con(h["titulo"], singular):
            return f"{art} {comillas(titulo)}"
        # «taller preventivo “Prevención del…”» diría dos veces lo mismo.
        ya_lo_dice = any(p in normalizar(titulo) for p in ("prevenc", "preventiv"))
        preventiva = h.get("preventiva") and not ya_lo_dice
        adjetivo = (" preventiva" if femenino else " preventivo") if preventiva else ""
        return f"{art} {singular}{adjetivo} {comillas(titulo)}"

    def _producto_nombre(self, h: dict) -> tuple[str, bool, bool]:
        """(nombre con artículo, es plural, es femenino) de un producto."""
        sustantivo, femenino = PRODUCTOS[h["clase"]]
        if es_descriptivo(h["nombre"], sustantivo):
            femenino, plural = _genero_numero(h["nombre"])
            return con_articulo(self.titulo(h, "nombre")), plural, femenino
        art = "la" if femenino else "el"
        return f"{art} {sustantivo} {comillas(self.titulo(h, 'nombre'))}", False, femenino

    def _convenio(self, c: dict) -> str:
        """'el Convenio … con la Policía Federal' (las partes solo si el título no las nombra)."""
        texto = con_articulo(self.titulo(c))
        otras = self.partes_por_nombrar(c)
        return f"{texto} con {self.instituciones(otras)}" if otras else texto

    def _firma(self, c: dict, sujeto: bool = False) -> str:
        futuro = _d(c["fecha_firma"]) > self.corte
        verbo = "tiene previsto firmar" if futuro else "firmó"
        responsables = [p for p in c["partes"] if self.es_responsable(p)]
        quien = f"{self.institucion(responsables[0])} " if sujeto and responsables else ""
        cuando = fecha({"inicio": c["fecha_firma"], "fin": c["fecha_firma"], "precision": "dia"})
        return f"{cuando}, {quien}{verbo} {self._convenio(c)}"

    def _objeto(self, c: dict, hueco: str) -> tuple[str, str]:
        """(lo que sigue a ``hueco``, la oración aparte): un objeto que empieza con infinitivo
        cabe tras «tiene por objetivo»; otro se dice aparte («Su objeto: …»)."""
        objeto = self.texto(c, "objeto")
        if not objeto:
            return "", ""
        if es_infinitivo(objeto):
            return f"{hueco} {minuscula(objeto)}", ""
        return "", f" Su objeto: {minuscula(objeto) if objeto[:2].isupper() else objeto}."

    # Frases del plan

    def programa(self, h: dict, convenio: dict | None) -> str:
        resp = h["responsable"]
        sujeto = con_articulo(resp["nombre"])
        if resp["siglas"]:
            sujeto += f" ({resp['siglas']})"
        self.presentar(resp)
        programa = con_articulo(self.titulo(h, "nombre"))
        descripcion = self.texto(h, "descripcion")
        aparte = ""
        if descripcion and es_verbo_presente(descripcion):
            texto = f"{mayuscula(sujeto)} {minuscula(descripcion)}, a través {de(programa)}"
        else:
            texto = f"{mayuscula(sujeto)} implementa {programa}"
            aparte = f" {oracion(descripcion)}" if descripcion else ""
        if convenio:
            texto += f", en cuyo marco, {self._firma(convenio)}"
        return texto + "." + aparte

    def objeto_convenio(self, c: dict) -> str:
        unido, aparte = self._objeto(c, "tiene por objetivo")
        return f"Dicho convenio {unido}." if unido else aparte.strip()

    def otro_convenio(self, c: dict) -> str:
        unido, aparte = self._objeto(c, ", que tiene por objetivo")
        return f"Asimismo, {self._firma(c, sujeto=True)}{unido}.{aparte}"

    def convenio_vigente(self, c: dict) -> str:
        """Un convenio firmado antes del periodo: se dice que sigue vigente, no que se firmó."""
        fin = c.get("vigencia_fin")
        if fin and _d(fin) < self.corte:
            cuando = fecha({"inicio": fin, "fin": fin, "precision": "dia"})
            vigencia = f"estuvo vigente hasta {cuando}"
        else:
            vigencia = "sigue vigente"
        firma = fecha({"inicio": c["fecha_firma"], "fin": c["fecha_firma"], "precision": "dia"})
        unido, aparte = self._objeto(c, ", que tiene por objetivo")
        return f"Asimismo, {vigencia} {self._convenio(c)}, firmado {firma}{unido}.{aparte}"

    def acciones_intro(self) -> str:
        return "Destacan las siguientes acciones:"

    def accion(self, h: dict) -> str:
        """Qué, dónde, cuándo, para quién y para qué: «El 8 de marzo de 2019 se impartió la
        plática “Riesgos en internet” en el Estado de Jalisco, dirigida a adolescentes.»"""
        verbo = "se impartió" if h["clase"] in IMPARTIDAS else "se llevó a cabo"
        texto = f"{fecha_inicial(h['fecha'])} {verbo} {self.actividad(h)}"
        return texto + self.donde_y_para_quien(h) + self.para(h) + "."

    def estrategia(self, h: dict, indice: int) -> str:
        conector = "Asimismo," if indice == 0 else "También"
        estrategia = con_articulo(self.titulo(h, "nombre"))
        if h["instituciones"]:
            quienes = de(self.instituciones(h["instituciones"]))
            texto = f"{conector} destaca la participación {quienes} en {estrategia}"
        else:
            texto = f"{conector} el programa participa en {estrategia}"
        # Una frase en minúscula («apoyando en…», «con pláticas…») sigue a la coma; un texto
        # que empieza con mayúscula es una oración propia.
        participacion = self.texto(h, "participacion")
        if participacion and participacion[:1].islower():
            return f"{texto}, {participacion}."
        return f"{texto}." + (f" {oracion(participacion)}" if participacion else "")

    _CONECTORES_CAPACITACION = ("De igual forma, ", "Asimismo, ", "Por otra parte, ")

    def _capacitaciones(self, h: dict, nombrar: bool) -> str:
        """'capacitaciones sobre delitos cibernéticos…' o 'capacitaciones “Título”'."""
        if not nombrar:
            return "capacitaciones"
        titulo = self.titulo(h)
        if es_descriptivo(h["titulo"], "capacitación"):
            return "capacitaciones " + titulo.split(" ", 1)[1]
        return f"capacitaciones {comillas(titulo)}"

    def _conector(self, indice: int) -> str:
        return self._CONECTORES_CAPACITACION[min(indice, len(self._CONECTORES_CAPACITACION) - 1)]

    def capacitaciones_realizadas(self, h: dict, indice: int, nombrar: bool) -> str:
        texto = self._conector(indice)
        imparten = [x for x in h["imparte"] if x not in h["organiza"]]
        if imparten:
            texto += f"en coordinación con {self.instituciones(imparten)}, "
        quien = self.instituciones(h["organiza"]) or "el programa"
        cuando = fecha_varias(h["fecha"]) if h["n"] > 1 else fecha(h["fecha"])
        texto += f"{quien} fomenta el desarrollo de {self._capacitaciones(h, nombrar)}, "
        return f"{texto}impartidas {cuando}{self.donde(h)}."

    def capacitaciones_por_realizar(
        self, h: dict, indice: int | None, nombrar: bool, t: str
    ) -> str:
        verbo = {
            "futuro": "se llevarán a cabo",
            "presente": "se llevan a cabo",
            "pendiente": "estaba prevista la realización de",
        }[t]
        inicio = fecha_inicial(h["fecha"])
        if indice is not None:
            inicio = self._conector(indice) + minuscula(inicio)
        return f"{inicio} {verbo} {self._capacitaciones(h, nombrar)}{self.donde(h)}."

    def capacitaciones_objetivo(self, h: dict) -> str:
        return f"Estas capacitaciones tienen el objetivo de {self.texto(h, 'proposito')}."

    def convenio_sin_fecha(self, c: dict) -> str:
        # Sin fecha de firma no se dice que se firmó: solo que está vigente en el periodo.
        unido, aparte = self._objeto(c, ", con el objetivo de")
        return f"También está vigente {self._convenio(c)}{unido}.{aparte}"

    def producto(self, h: dict, origen: str, otras: list[dict]) -> str:
        nombre, plural, femenino = self._producto_nombre(h)
        futuro = h["fecha"] and _d(h["fecha"]) > self.corte
        verbo = ("se generarán" if futuro else "se generaron") if plural else None
        verbo = verbo or ("se generará" if futuro else "se generó")
        if origen == "convenio":
            texto = f"Como resultado de este convenio {verbo} {nombre}"
        elif origen == "coordinacion":
            texto = f"Como resultado de la coordinación con {self.instituciones(otras)} "
            texto += f"{verbo} {nombre}"
        else:
            texto = f"{mayuscula(verbo)} {nombre}"
        # Una descripción en minúscula es lo que el producto hace («abordan…»): sigue a
        # «mismos que»; otra es una oración propia.
        descripcion = self.texto(h, "descripcion")
        if descripcion and es_verbo_presente(descripcion) and descripcion[:1].islower():
            mismo = "mism" + ("a" if femenino else "o") + ("s" if plural else "")
            return f"{texto}, {mismo} que {descripcion}."
        return f"{texto}." + (f" {oracion(descripcion)}" if descripcion else "")

    def _dicho(self, h: dict) -> tuple[str, bool]:
        sustantivo = PRODUCTOS[h["clase"]][0]
        nombre, plural, femenino = self._producto_nombre(h)
        if plural:
            return f"{'Dichas' if femenino else 'Dichos'} {nombre.split()[1].lower()}", True
        return f"{'Dicha' if femenino else 'Dicho'} {sustantivo.split()[0]}", False

    def difusion(self, h: dict) -> str:
        dicho, plural = self._dicho(h)
        texto = f"{dicho} {'se difunden' if plural else 'se difunde'}"
        audiencias = [publico_con_articulo(minuscula(self.audiencia(x))) for x in h["audiencias"]]
        if audiencias:
            texto += f" entre {lista(audiencias)}"
        if h["entidades"]:
            texto += f" {en_entidades(h['entidades'])}"
        return texto + "."

    def licencia(self, h: dict) -> str:
        dicho, _ = self._dicho(h)
        return f"{dicho} se usa conforme a esta licencia: {minuscula(self.texto(h, 'licencia'))}."

    def profesionalizacion(self, h: dict, t: str) -> str:
        verbo = {
            "pasado": "se llevó a cabo",
            "futuro": "se llevará a cabo",
            "presente": "se lleva a cabo",
            "pendiente": "estaba previsto llevar a cabo",
        }[t]
        texto = f"{fecha_inicial(h['fecha'])} {verbo} {self.actividad(h)}"
        if h["entidades"]:
            texto += f" {en_entidades(h['entidades'])}"
        publicos = self.publicos(h)
        if publicos:
            texto += f", como parte de las acciones de profesionalización {lista_con(de, publicos)}"
        proposito = self.texto(h, "proposito")
        if proposito:
            texto += f", con el objetivo de {proposito}"
        return texto + "."

    def participantes(self, h: dict, t: str) -> str:
        verbo = "Participarán" if t == "futuro" else "Participaron"
        participantes = h["entidades_participantes"]
        if h["participan_dif_estatales"]:
            nombres = lista([e["nombre"] for e in participantes])
            return f"{verbo} representantes de los Sistemas Estatales DIF de {nombres}."
        return f"{verbo} representantes de {entidades(participantes)}."

    def cambios_intro(self) -> str:
        return "Además, las siguientes acciones están previstas o cambiaron:"

    def _prevista(self, h: dict) -> str:
        return "prevista" if CLASES[h["clase"]][2] else "previsto"

    def cancelada(self, h: dict) -> str:
        que = self.actividad(h) + self.donde_y_para_quien(h)
        return f"Se canceló {que}, {self._prevista(h)} {fecha(h['fecha'])}.{self.motivo(h)}"

    def reprogramada(self, h: dict, t: str) -> str:
        # El nuevo cuándo va con el verbo, no tras el público («…, dirigido a adolescentes, que
        # se llevará…» haría dudar de quién se habla).
        que = mayuscula(self.actividad(h) + self.donde_y_para_quien(h))
        verbo = {
            "futuro": "se llevará a cabo",
            "presente": "se lleva a cabo",
            "pendiente": f"estaba {self._prevista(h)}",
        }[t]
        cuando = fecha(h["fecha"])
        if t == "pendiente":
            realizada = "realizada" if CLASES[h["clase"]][2] else "realizado"
            cola = f"; aún no se registra como {realizada}."
        else:
            cola = "."
        return f"{que}, se reprogramó y {verbo} {cuando}{cola}{self.motivo(h)}"

    def pendiente(self, h: dict) -> str:
        que = self.actividad(h) + self.donde_y_para_quien(h)
        realizada = "realizada" if CLASES[h["clase"]][2] else "realizado"
        return (
            f"{fecha_inicial(h['fecha'])} estaba {self._prevista(h)} {que}; aún no se registra "
            f"como {realizada}."
        )

    def prevista(self, h: dict, t: str) -> str:
        verbo = "se llevará a cabo" if t == "futuro" else "se lleva a cabo"
        que = self.actividad(h) + self.donde_y_para_quien(h)
        return f"{fecha_inicial(h['fecha'])} {verbo} {que}{self.para(h)}."

    def otras(self, por_tiempo: dict[str, list[dict]]) -> str:
        verbos = {
            "realizada": ("se realizó", "se realizaron"),
            "prevista": ("quedó pendiente", "quedaron pendientes"),
            "futura": ("se llevará a cabo", "se llevarán a cabo"),
            "cancelada": ("se canceló", "se cancelaron"),
        }
        partes = []
        for t, grupos in por_tiempo.items():
            cuantos = [cuantas(g["n"], *CLASES[g["clase"]]) for g in grupos]
            varias = len(grupos) > 1 or grupos[0]["n"] > 1
            partes.append(f"{verbos[t][varias]} {lista(cuantos)}")
        return f"Además, en el periodo {'; '.join(partes)}."

    def finalmente(self, texto: str) -> str:
        # «Finalmente» sustituye al conector con que empieza («Finalmente, también…» no).
        for conector in CONECTORES:
            if texto.startswith(conector):
                texto = texto[len(conector) :]
                break
        return f"Finalmente, {minuscula(texto)}"

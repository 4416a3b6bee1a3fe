"""El informe redactado, listo para cualquier formato: título, introducción, cuerpo, cierre, anexo.

El cuerpo se edita como texto sencillo (párrafos separados por una línea en blanco, viñetas con
«- »); ``texto_a_bloques`` y ``bloques_a_texto`` van y vienen entre ese texto y los bloques que
leen los exportadores (DOCX, PDF, HTML, Markdown).
"""

import re
from dataclasses import dataclass, field

IDIOMAS = {"es": "es-MX", "en": "en-US"}
_VINETA = re.compile(r"^\s*[-·•*]\s+")
_PALABRA = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass
class Bloque:
    tipo: str  # "parrafo", "vinetas" o "encabezado"
    texto: str = ""
    elementos: list[str] = field(default_factory=list)


@dataclass
class Tabla:
    titulo: str
    encabezados: list[str]
    filas: list[list[str]]


@dataclass
class Documento:
    idioma: str
    titulo: str
    introduccion: list[Bloque]
    cuerpo: list[Bloque]
    cierre: list[Bloque]
    titulo_anexo: str
    tablas: list[Tabla]
    mapa_titulo: str
    mapa_svg: str
    notas_anexo: list[str] = field(default_factory=list)
    mapa_alt: str = ""  # lo que el mapa muestra, para quien no lo ve (PDF y DOCX)

    @property
    def lang(self) -> str:
        """La etiqueta de idioma (BCP 47) que leen Word, los lectores de pantalla y el PDF."""
        return IDIOMAS[self.idioma]

    @property
    def bloques_texto(self) -> list[Bloque]:
        return [*self.introduccion, *self.cuerpo, *self.cierre]

    def texto_plano(self) -> str:
        """Todo el texto (sin el anexo), como lo leería una persona; sirve para contar palabras."""
        return "\n".join([self.titulo, texto_plano(self.bloques_texto)])


def texto_plano(bloques: list[Bloque]) -> str:
    """Los bloques sin marcas («## », «- »): lo que se cuenta como palabras, aquí y en el editor."""
    return "\n".join("\n".join([b.texto, *b.elementos]).strip() for b in bloques)


def texto_a_bloques(texto: str) -> list[Bloque]:
    bloques: list[Bloque] = []
    for trozo in re.split(r"\n\s*\n", (texto or "").replace("\r\n", "\n").strip()):
        parrafo: list[str] = []
        vinetas: list[str] = []
        for linea in trozo.split("\n"):
            linea = linea.strip()
            if not linea:
                continue
            if linea.startswith("## "):
                bloques.append(Bloque("encabezado", linea[3:].strip()))
            elif _VINETA.match(linea):
                vinetas.append(_VINETA.sub("", linea))
            elif vinetas:  # continuación de la última viñeta
                vinetas[-1] += " " + linea
            else:
                parrafo.append(linea)
        if parrafo:
            bloques.append(Bloque("parrafo", " ".join(parrafo)))
        if vinetas:
            bloques.append(Bloque("vinetas", elementos=vinetas))
    return bloques


def bloques_a_texto(bloques: list[Bloque]) -> str:
    partes = []
    for bloque in bloques:
        if bloque.tipo == "vinetas":
            lineas = "\n".join(f"- {e}" for e in bloque.elementos)
            # Una viñeta sigue a su párrafo de entrada ("Destacan las siguientes acciones:").
            if partes and partes[-1].endswith(":"):
                partes[-1] += "\n" + lineas
                continue
            partes.append(lineas)
        elif bloque.tipo == "encabezado":
            partes.append(f"## {bloque.texto}")
        else:
            partes.append(bloque.texto)
    return "\n\n".join(partes)


def contar_palabras(texto: str) -> int:
    return len(_PALABRA.findall(texto or ""))

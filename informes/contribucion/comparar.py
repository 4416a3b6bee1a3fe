"""Qué cambió entre dos versiones de un informe: el texto párrafo por párrafo (difflib).

Sin HTTP: la vista pide las versiones hermanas y el cambio, y la plantilla los marca con
<ins>/<del>.
"""

import difflib
import re
from dataclasses import dataclass

from informes.models import InformeContribucion

SECCIONES = (("introduccion", "Introducción"), ("cuerpo", "Texto"), ("cierre", "Cierre"))
_LINEA_EN_BLANCO = re.compile(r"\n\s*\n")


@dataclass
class Parrafo:
    tipo: str  # "igual", "agregado" o "quitado"
    texto: str


@dataclass
class Seccion:
    titulo: str
    parrafos: list[Parrafo]

    @property
    def cambio(self) -> bool:
        return any(p.tipo != "igual" for p in self.parrafos)


def parrafos(texto: str) -> list[str]:
    """Los párrafos como los escribe quien edita: separados por una línea en blanco (las
    viñetas de un bloque quedan juntas, con sus saltos de línea)."""
    texto = (texto or "").replace("\r\n", "\n").strip()
    return [p.strip() for p in _LINEA_EN_BLANCO.split(texto) if p.strip()]


def parrafos_comparar(antes: str, despues: str) -> list[Parrafo]:
    a, b = parrafos(antes), parrafos(despues)
    resultado = []
    # autojunk=False: en un informe corto, un párrafo repetido no debe tomarse por «basura».
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            resultado += [Parrafo("igual", p) for p in a[i1:i2]]
            continue
        resultado += [Parrafo("quitado", p) for p in a[i1:i2]]
        resultado += [Parrafo("agregado", p) for p in b[j1:j2]]
    return resultado


def informes_comparar(antes: InformeContribucion, despues: InformeContribucion) -> list[Seccion]:
    return [
        Seccion(titulo, parrafos_comparar(getattr(antes, campo), getattr(despues, campo)))
        for campo, titulo in SECCIONES
    ]


def versiones_hermanas(informe: InformeContribucion) -> list[dict]:
    """Las otras versiones del mismo linaje (unidas por ``origen``), de la más antigua a la más
    nueva. Una consulta: una nueva versión copia el periodo, así que el linaje está entre los
    informes de ese mismo periodo; el resto se recorre en Python."""
    filas = list(
        InformeContribucion.objects.filter(desde=informe.desde, hasta=informe.hasta)
        .order_by("version", "pk")
        .values("pk", "origen_id", "version", "estado")
    )
    vecinos: dict[int, set[int]] = {f["pk"]: set() for f in filas}
    for f in filas:
        if f["origen_id"] in vecinos:
            vecinos[f["pk"]].add(f["origen_id"])
            vecinos[f["origen_id"]].add(f["pk"])
    linaje, pendientes = {informe.pk}, [informe.pk]
    while pendientes:
        for otro in vecinos.get(pendientes.pop(), ()):
            if otro not in linaje:
                linaje.add(otro)
                pendientes.append(otro)
    return [f for f in filas if f["pk"] in linaje and f["pk"] != informe.pk]

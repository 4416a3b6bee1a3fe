"""Qué entidades de la cobertura se muestran y en qué orden: ``?orden=`` y ``?sin_cobertura=1``.

Se aplica a las filas ya calculadas por el selector (función pura, sin consultas): así sirve
igual con un resultado recién calculado que con uno guardado en caché, y la página, el CSV y
el XLSX ordenan y filtran exactamente igual. El total nacional nunca se filtra.
"""

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter

from informes.cobertura.selectores import COLUMNAS_FIJAS, FilaCobertura


def _sin_acentos(texto: str) -> str:
    # «Ciudad de México» entre «Chihuahua» y «Coahuila», «Michoacán» después de «México».
    descompuesto = unicodedata.normalize("NFKD", texto.casefold())
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


@dataclass(frozen=True)
class Columna:
    nombre: str  # el de la URL y el encabezado del CSV
    etiqueta: str  # el encabezado de la página
    clave: Callable[[FilaCobertura], object]


ETIQUETAS = {
    "clave": "Clave",
    "entidad": "Entidad",
    "realizadas": "Realizadas",
    "programadas": "Programadas",
    "canceladas": "Canceladas",
    "participantes": "Participantes",
    "mujeres": "Mujeres",
    "hombres": "Hombres",
    "sin_desglose": "Sin desglose",
    "reprogramadas": "Reprogramadas",
    "con_cobertura": "Con cobertura",
}
CLAVES_ESPECIALES = {
    "entidad": lambda f: _sin_acentos(f.entidad),
    "con_cobertura": lambda f: not f.sin_realizadas,
}
# Las columnas fijas en el orden del CSV/XLSX (selectores.COLUMNAS_FIJAS), que es el de la página.
COLUMNAS = [
    Columna(n, ETIQUETAS[n], CLAVES_ESPECIALES.get(n, attrgetter(n))) for n in COLUMNAS_FIJAS
]
POR_NOMBRE = {c.nombre: c for c in COLUMNAS}
PREDETERMINADO = "clave"  # orden INEGI


def orden_valido(texto: str | None) -> str:
    """``-realizadas`` o ``entidad``; cualquier otra cosa es el orden INEGI (nunca un error)."""
    texto = (texto or "").strip()
    return texto if texto.removeprefix("-") in POR_NOMBRE else PREDETERMINADO


def describir(orden: str) -> str:
    columna = POR_NOMBRE[orden.removeprefix("-")]
    if columna.nombre == PREDETERMINADO and not orden.startswith("-"):
        return "clave INEGI"
    sentido = "de mayor a menor" if orden.startswith("-") else "de menor a mayor"
    if columna.nombre == "entidad":
        sentido = "de la Z a la A" if orden.startswith("-") else "de la A a la Z"
    elif columna.nombre == "con_cobertura":
        sentido = "primero las que sí" if orden.startswith("-") else "primero las que no"
    return f"{columna.etiqueta.lower()}, {sentido}"


def seleccionar(
    filas: Iterable[FilaCobertura], *, orden: str, solo_sin_cobertura: bool = False
) -> list[FilaCobertura]:
    """Las filas por mostrar, ordenadas; empates en orden INEGI (el orden es estable)."""
    orden = orden_valido(orden)
    elegidas = [f for f in filas if f.sin_realizadas or not solo_sin_cobertura]
    elegidas.sort(key=lambda f: f.clave)
    columna = POR_NOMBRE[orden.removeprefix("-")]
    return sorted(elegidas, key=columna.clave, reverse=orden.startswith("-"))

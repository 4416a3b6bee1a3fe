"""Las columnas de la hoja de actividades y cómo se escribe cada valor en una celda.

La plantilla, la importación y la exportación usan estas definiciones; por eso exportar y
volver a importar no cambia nada.
"""

import re

from capacitaciones.models import Actividad
from programa.fechas import Precision
from programa.texto import normalizar

# El contrato de la hoja: estos encabezados, en este orden.
COLUMNAS = (
    "folio",
    "tipo",
    "titulo",
    "estado",
    "fecha_inicio",
    "fecha_fin",
    "precision",
    "entidades",
    "entidades_participantes",
    "modalidad",
    "sede",
    "temas",
    "participantes",
    "mujeres",
    "hombres",
    "organiza",
    "imparte",
    "convenio",
    "descripcion",
    "motivo",
)
# Pueden seguir a las del contrato; si una hoja no las trae, la importación no las toca.
# «revision» la escribe la exportación: la importación no sobrescribe una actividad que cambió
# después de exportar la hoja. «recomendaciones» va al final: las referencias de la ONU que
# atiende la actividad («CRC/C/MEX/CO/4-5 párr. 42; A/HRC/7/8/Add.2 párr. 3»).
COLUMNAS_OPCIONALES = ("participa", "proposito", "revision", "recomendaciones")
TODAS = COLUMNAS + COLUMNAS_OPCIONALES

SEPARADOR = ";"

# Catálogos de opciones fijas: columna -> choices del modelo.
OPCIONES = {
    "tipo": Actividad.Tipo,
    "estado": Actividad.Estado,
    "modalidad": Actividad.Modalidad,
    "precision": Precision,
}
POR_OMISION = {"precision": Precision.DIA, "modalidad": Actividad.Modalidad.PRESENCIAL}

# Roles de institución que tienen columna propia.
ROLES = ("organiza", "imparte", "participa")


def clave_encabezado(texto) -> str:
    """'Fecha de inicio ' no; 'Fecha_Inicio' y 'fecha inicio' sí valen 'fecha_inicio'."""
    return normalizar(texto or "").replace(" ", "_")


def indice_opciones(choices) -> dict[str, str]:
    """Cada forma de escribir una opción (valor o etiqueta, sin acentos) -> su valor."""
    indice = {}
    for valor, etiqueta in choices.choices:
        indice[normalizar(valor)] = valor
        indice[normalizar(str(etiqueta))] = valor
    return indice


def etiqueta(choices, valor: str) -> str:
    return str(choices(valor).label)


def lista(valores) -> str:
    return f"{SEPARADOR} ".join(valores)


def partir(texto: str) -> list[str]:
    return [parte.strip() for parte in str(texto).split(SEPARADOR) if parte.strip()]


# «Niñas y niños=45 (20 mujeres, 25 hombres)»; el número y el desglose son opcionales.
_PARTICIPANTE = re.compile(
    r"^(?P<audiencia>[^=]+?)\s*(?:=\s*(?P<total>[^()]*?)\s*(?:\((?P<desglose>[^()]*)\))?)?$"
)
_DESGLOSE = re.compile(r"^(?P<numero>\S+)\s+(?P<sexo>mujeres|mujer|hombres|hombre)$", re.I)


def participante(audiencia: str, total, mujeres, hombres) -> str:
    """El texto de una audiencia en la columna «participantes»."""
    if total is None:
        return audiencia
    texto = f"{audiencia}={total}"
    desglose = []
    if mujeres is not None:
        desglose.append(f"{mujeres} mujeres")
    if hombres is not None:
        desglose.append(f"{hombres} hombres")
    return f"{texto} ({', '.join(desglose)})" if desglose else texto


def leer_participante(texto: str) -> dict | None:
    """'Niñas y niños=45 (20 mujeres)' -> partes en texto; None si no tiene esa forma."""
    coincide = _PARTICIPANTE.match(texto.strip())
    if not coincide:
        return None
    partes = {
        "audiencia": coincide["audiencia"].strip(),
        "total": (coincide["total"] or "").strip(),
        "mujeres": "",
        "hombres": "",
    }
    if coincide["desglose"] is not None:
        for pieza in coincide["desglose"].split(","):
            pieza_desglose = _DESGLOSE.match(pieza.strip())
            if not pieza_desglose:
                return None
            sexo = "mujeres" if pieza_desglose["sexo"].lower().startswith("mujer") else "hombres"
            partes[sexo] = pieza_desglose["numero"]
    return partes

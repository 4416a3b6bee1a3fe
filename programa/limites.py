"""Valores plausibles: qué fechas registra el programa y cuántas personas caben en una audiencia.

Dos capas, a propósito:

- La base de datos guarda un rango **fijo** (CHECK): fechas de ``FECHA_PISO`` a ``FECHA_TECHO``
  y hasta ``PARTICIPANTES_TECHO`` personas por audiencia. Son constantes del código, no ajustes:
  un CHECK armado con un ajuste al migrar quedaría congelado con el valor de ese día (cambiar el
  ajuste no cambiaría la base, y ``makemigrations --check`` pediría otra migración). Tampoco
  puede ser «hoy + 5 años»: SQLite no admite CURRENT_DATE en un CHECK, y una fila válida hoy
  dejaría de serlo mañana. Es la red que impide 01/01/0001, 31/12/9999 o 10^20 por cualquier
  camino (la consola, un UPDATE masivo, una importación).
- Los formularios, el admin, la importación y los filtros de los informes aplican el límite que
  se mueve: de ``settings.FECHA_MINIMA`` a hoy + 5 años, y hasta
  ``settings.PARTICIPANTES_MAXIMO_POR_AUDIENCIA``. Siempre queda dentro del rango de la base:
  lo revisa ``revisar_ajustes`` al arrancar (un ajuste fuera de él es un error, no se ignora).

Bajar ``FECHA_MINIMA`` de 2000 o subir el máximo de personas por encima de 10 millones pide una
migración nueva que cambie las constantes y los CHECK; subir la fecha o bajar el máximo, no.
"""

import datetime as dt

from django.conf import settings
from django.core.checks import Error
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

FECHA_PISO = dt.date(2000, 1, 1)
FECHA_TECHO = dt.date(2100, 12, 31)
PARTICIPANTES_TECHO = 10_000_000
ANIOS_ADELANTE = 5


def _corta(fecha: dt.date) -> str:
    # Con el año en cuatro cifras aun si es 0001 (strftime lo escribiría «1»).
    return f"{fecha.day:02d}/{fecha.month:02d}/{fecha.year:04d}"


# -- el límite que se mueve (formularios, admin, importación, filtros) ------------------------


def fecha_minima() -> dt.date:
    return settings.FECHA_MINIMA


def fecha_maxima(hoy: dt.date | None = None) -> dt.date:
    """Hoy + 5 años (el 29 de febrero pasa al 28), nunca después de FECHA_TECHO."""
    hoy = hoy or timezone.localdate()
    anio = hoy.year + ANIOS_ADELANTE
    try:
        lejana = hoy.replace(year=anio)
    except ValueError:
        lejana = hoy.replace(year=anio, day=28)
    return min(lejana, FECHA_TECHO)


def participantes_maximo() -> int:
    return settings.PARTICIPANTES_MAXIMO_POR_AUDIENCIA


def error_fecha(fecha: dt.date) -> str | None:
    """Por qué la fecha no es plausible, o None si lo es."""
    if fecha < (minima := fecha_minima()):
        return (
            f"El {_corta(fecha)} es anterior al {_corta(minima)}, la fecha más antigua que "
            "registra el programa."
        )
    if fecha > (maxima := fecha_maxima()):
        return (
            f"El {_corta(fecha)} está a más de {ANIOS_ADELANTE} años de hoy; la fecha más "
            f"lejana que se acepta es el {_corta(maxima)}."
        )
    return None


def error_participantes(numero: int) -> str | None:
    """Por qué la cifra de personas no es plausible, o None si lo es."""
    if numero < 0:
        return f"No puede ser negativo ({numero})."
    if numero > (maximo := participantes_maximo()):
        return (
            f"{numero:,} personas en una sola audiencia no es una cifra plausible; el máximo es "
            f"{maximo:,}. Revise que no sobren ceros."
        )
    return None


def validar_fecha(valor: dt.date) -> None:
    """Validador de los campos de fecha (admin, formularios, importación)."""
    if valor is not None and (mensaje := error_fecha(valor)):
        raise ValidationError(mensaje, code="fecha_fuera_de_rango")


def validar_fin_de_vigencia(valor: dt.date) -> None:
    """El fin de la vigencia de un convenio puede quedar lejos (una licencia de uso por 20
    años): solo el piso del ajuste y el techo de la base, no «hoy + 5 años»."""
    if valor is None:
        return
    if valor > FECHA_TECHO:
        raise ValidationError(
            f"El {_corta(valor)} es posterior al {_corta(FECHA_TECHO)}, la fecha más lejana "
            "que acepta el sistema.",
            code="fecha_fuera_de_rango",
        )
    if valor < fecha_minima():
        validar_fecha(valor)


def validar_participantes(valor: int) -> None:
    """Validador de las cifras de personas por audiencia."""
    if valor is not None and (mensaje := error_participantes(valor)):
        raise ValidationError(mensaje, code="participantes_fuera_de_rango")


# -- el rango fijo de la base de datos ---------------------------------------------------------


def en_rango_de_la_base(fecha: dt.date) -> bool:
    """La misma regla que condicion_fecha(), en Python (una prueba las compara)."""
    return FECHA_PISO <= fecha <= FECHA_TECHO


def condicion_fecha(*campos: str, nula: bool = False) -> Q:
    """CHECK: cada campo entre FECHA_PISO y FECHA_TECHO (o vacío, si ``nula``)."""
    condicion = Q()
    for campo in campos:
        dentro = Q(**{f"{campo}__gte": FECHA_PISO, f"{campo}__lte": FECHA_TECHO})
        condicion &= (dentro | Q(**{f"{campo}__isnull": True})) if nula else dentro
    return condicion


def condicion_participantes(*campos: str) -> Q:
    """CHECK: cada cifra hasta PARTICIPANTES_TECHO o vacía (los negativos ya los impide el tipo)."""
    condicion = Q()
    for campo in campos:
        condicion &= Q(**{f"{campo}__lte": PARTICIPANTES_TECHO}) | Q(**{f"{campo}__isnull": True})
    return condicion


# -- los ajustes, revisados al arrancar --------------------------------------------------------


def revisar_ajustes(app_configs=None, **kwargs) -> list[Error]:
    errores = []
    minima = getattr(settings, "FECHA_MINIMA", None)
    if not isinstance(minima, dt.date) or not FECHA_PISO <= minima <= timezone.localdate():
        errores.append(
            Error(
                f"FECHA_MINIMA={minima} no vale: debe ser una fecha AAAA-MM-DD entre "
                f"{FECHA_PISO.isoformat()} (lo más antiguo que acepta la base de datos) y hoy.",
                id="programa.E001",
            )
        )
    maximo = getattr(settings, "PARTICIPANTES_MAXIMO_POR_AUDIENCIA", None)
    if not isinstance(maximo, int) or not 1 <= maximo <= PARTICIPANTES_TECHO:
        errores.append(
            Error(
                f"PARTICIPANTES_MAXIMO_POR_AUDIENCIA={maximo} no vale: debe estar entre 1 y "
                f"{PARTICIPANTES_TECHO:,} (lo más que acepta la base de datos).",
                id="programa.E002",
            )
        )
    return errores

"""Leer una hoja subida (XLSX o CSV) sin confiar en ella.

Sirve a la hoja de actividades (las columnas por omisión) y a cualquier otra hoja del sistema
que pase sus propias columnas (la de recomendaciones).

Antes de abrir nada se revisan la extensión, el tamaño y el contenido; de un XLSX, además, los
tamaños descomprimidos que declara el directorio del zip (una «bomba zip» se rechaza sin
descomprimirla). openpyxl lee en modo de solo lectura, fila por fila, y usa defusedxml para el
XML (no resuelve entidades). Todo problema se informa como ``ErrorArchivo`` en español.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from defusedxml import DefusedXmlException
from django.conf import settings

from capacitaciones.hojas.columnas import COLUMNAS, TODAS, clave_encabezado
from programa.texto import normalizar, sugerencia

EXTENSIONES = (".xlsx", ".csv")
HOJA_ACTIVIDADES = "Actividades"
# Cuánto puede crecer un XLSX al descomprimirse, respecto del tamaño máximo de archivo.
FACTOR_DESCOMPRIMIDO = 20


class ErrorArchivo(Exception):
    """El archivo no se puede leer como la hoja que se espera; ``mensajes`` dice por qué."""

    def __init__(self, *mensajes: str):
        super().__init__(" ".join(mensajes))
        self.mensajes = list(mensajes)


@dataclass
class Hoja:
    columnas: dict[str, int]  # columna conocida -> posición
    filas: Iterator[tuple[int, dict]]  # (número de fila como la ve el usuario, valores)
    total_estimado: int | None = None


def limite_bytes() -> int:
    return settings.TAMANO_MAXIMO_ARCHIVO_MB * 1024 * 1024


def tamano(archivo) -> int:
    archivo.seek(0, io.SEEK_END)
    resultado = archivo.tell()
    archivo.seek(0)
    return resultado


@dataclass(frozen=True)
class Formato:
    """Qué hoja se espera: columnas obligatorias, las que pueden seguirlas y el nombre de la
    pestaña del XLSX que se prefiere (si no está, la primera)."""

    columnas: tuple[str, ...]
    opcionales: tuple[str, ...] = ()
    pestana: str = ""
    ayuda: str = "Descargue la plantilla y copie sus datos en ella."

    @property
    def todas(self) -> tuple[str, ...]:
        return self.columnas + self.opcionales


ACTIVIDADES = Formato(COLUMNAS, tuple(c for c in TODAS if c not in COLUMNAS), HOJA_ACTIVIDADES)


@contextmanager
def abrir_hoja(archivo, nombre: str, formato: Formato = ACTIVIDADES) -> Iterator[Hoja]:
    """Abre ``archivo`` (binario, con seek) llamado ``nombre``; las filas se leen al iterar."""
    nombre = Path(nombre).name
    extension = Path(nombre).suffix.lower()
    if extension not in EXTENSIONES:
        raise ErrorArchivo(
            f"El archivo «{nombre}» no es una hoja de cálculo aceptada: súbalo como .xlsx o .csv."
        )
    peso = tamano(archivo)
    if peso == 0:
        raise ErrorArchivo(f"El archivo «{nombre}» está vacío.")
    limite = settings.TAMANO_MAXIMO_ARCHIVO_MB
    if peso > limite_bytes():
        raise ErrorArchivo(
            f"El archivo «{nombre}» pesa {peso / 1024 / 1024:.1f} MB; el máximo es {limite} MB."
        )
    if extension == ".xlsx":
        with _abrir_xlsx(archivo, nombre, formato) as hoja:
            yield hoja
    else:
        yield _abrir_csv(archivo, nombre, formato)


def _es_vacia(valores) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in valores)


def _columnas(encabezados, nombre: str, formato: Formato) -> dict[str, int]:
    columnas: dict[str, int] = {}
    desconocidas: dict[str, str] = {}
    errores = []
    for posicion, encabezado in enumerate(encabezados):
        clave = clave_encabezado(encabezado)
        if not clave:
            continue
        if clave in formato.todas:
            if clave in columnas:
                errores.append(f"La columna «{clave}» aparece dos veces en el encabezado.")
            columnas[clave] = posicion
        else:
            desconocidas[normalizar(encabezado)] = str(encabezado).strip()
    for falta in (c for c in formato.columnas if c not in columnas):
        parecida = sugerencia(falta, desconocidas)
        errores.append(
            f"Falta la columna «{falta}»" + (f"; ¿es «{parecida}»?" if parecida else ".")
        )
    if errores:
        if len(columnas) == 0:
            errores = [
                f"La primera fila de «{nombre}» no tiene los encabezados de la plantilla "
                f"({', '.join(formato.columnas)}). {formato.ayuda}"
            ]
        raise ErrorArchivo(*errores)
    return columnas


def _filas(filas, columnas: dict[str, int], primera: int = 2):
    for numero, valores in enumerate(filas, start=primera):
        if _es_vacia(valores):
            continue
        yield (
            numero,
            {c: (valores[i] if i < len(valores) else None) for c, i in columnas.items()},
        )


@contextmanager
def _abrir_xlsx(archivo, nombre: str, formato: Formato) -> Iterator[Hoja]:
    if archivo.read(4) != b"PK\x03\x04":
        raise ErrorArchivo(f"El archivo «{nombre}» dice ser XLSX pero su contenido no lo es.")
    archivo.seek(0)
    try:
        with zipfile.ZipFile(archivo) as zip_:
            partes = zip_.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise ErrorArchivo(f"El archivo «{nombre}» está dañado: no es un XLSX válido.") from error
    if "xl/workbook.xml" not in {p.filename for p in partes}:
        raise ErrorArchivo(
            f"El archivo «{nombre}» no es un libro de Excel (.xlsx), aunque sea un archivo zip."
        )
    # El directorio del zip declara cuánto ocupa cada parte al descomprimirla; zipfile no lee
    # más de lo declarado, así que basta con sumarlo.
    descomprimido = sum(p.file_size for p in partes)
    if descomprimido > FACTOR_DESCOMPRIMIDO * limite_bytes():
        raise ErrorArchivo(
            f"El archivo «{nombre}» ocuparía {descomprimido / 1024 / 1024:.0f} MB al "
            "descomprimirse; no se abre por seguridad (parece una «bomba zip»)."
        )
    archivo.seek(0)
    try:
        libro = openpyxl.load_workbook(archivo, read_only=True, data_only=True)
    except Exception as error:  # openpyxl falla de muchas formas con un archivo dañado
        if _xml_peligroso(error):
            raise ErrorArchivo(_mensaje_xml_peligroso(nombre)) from error
        raise ErrorArchivo(
            f"El archivo «{nombre}» no se pudo leer como libro de Excel (.xlsx)."
        ) from error
    try:
        if formato.pestana in libro.sheetnames:
            hoja = libro[formato.pestana]
        else:
            hoja = libro.worksheets[0]
        filas = _protegidas(hoja.iter_rows(values_only=True), nombre)
        encabezados = next(filas, None)
        if encabezados is None:
            raise ErrorArchivo(f"La hoja «{hoja.title}» de «{nombre}» está vacía.")
        columnas = _columnas(encabezados, nombre, formato)
        yield Hoja(
            columnas=columnas,
            filas=_filas(filas, columnas),
            total_estimado=(hoja.max_row - 1) if hoja.max_row else None,
        )
    finally:
        libro.close()


def _xml_peligroso(error: BaseException | None) -> bool:
    """¿Rechazó defusedxml el XML? openpyxl a veces lo envuelve en otra excepción."""
    while error is not None:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
    return False


def _mensaje_xml_peligroso(nombre: str) -> str:
    return (
        f"El archivo «{nombre}» contiene construcciones XML que no se aceptan por seguridad "
        "(definiciones de entidades). Ábralo en Excel y guárdelo de nuevo."
    )


def _protegidas(filas, nombre: str):
    """Las filas de openpyxl, con sus errores de lectura (perezosos) como ErrorArchivo."""
    try:
        yield from filas
    except ErrorArchivo:
        raise
    except Exception as error:
        if _xml_peligroso(error):
            raise ErrorArchivo(_mensaje_xml_peligroso(nombre)) from error
        raise ErrorArchivo(
            f"El archivo «{nombre}» está dañado: no se pudo leer completo como libro de Excel."
        ) from error


def _abrir_csv(archivo, nombre: str, formato: Formato) -> Hoja:
    datos = archivo.read(limite_bytes() + 1)
    if datos.startswith(b"PK\x03\x04"):
        raise ErrorArchivo(
            f"El archivo «{nombre}» dice ser CSV pero es un libro de Excel o un zip; "
            "súbalo con la extensión .xlsx."
        )
    if b"\x00" in datos:
        raise ErrorArchivo(f"El archivo «{nombre}» no es un archivo de texto CSV.")
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        linea = datos[: error.start].count(b"\n") + 1
        raise ErrorArchivo(
            f"El archivo «{nombre}» no está en UTF-8 (primer carácter ilegible en la línea "
            f"{linea}). En Excel, guárdelo como «CSV UTF-8 (delimitado por comas)»."
        ) from error
    if not texto.strip():
        raise ErrorArchivo(f"El archivo «{nombre}» está vacío.")
    primera_linea = texto.split("\n", 1)[0]
    separador = ";" if primera_linea.count(";") > primera_linea.count(",") else ","
    lector = _csv_protegido(csv.reader(io.StringIO(texto, newline=""), delimiter=separador), nombre)
    columnas = _columnas(next(lector), nombre, formato)
    return Hoja(
        columnas=columnas,
        filas=_filas(lector, columnas),
        total_estimado=max(texto.count("\n") - 1, 1),
    )


def _csv_protegido(lector, nombre: str):
    try:
        yield from lector
    except csv.Error as error:
        raise ErrorArchivo(
            f"El archivo «{nombre}» no es un CSV válido (línea {lector.line_num}): {error}."
        ) from error

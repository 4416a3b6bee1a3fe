"""Qué archivos se aceptan al subir evidencias y convenios firmados, y de qué tamaño.

No basta con que el archivo empiece como un PDF o una imagen: se abre completo con la
biblioteca de su formato (pypdf, Pillow, zipfile y defusedxml), así que un HTML con
``%PDF-`` al principio, una imagen truncada o un zip con otra cosa dentro se rechazan con
un mensaje que dice qué falló.
"""

import os
import tempfile
import warnings
import zipfile
from contextlib import contextmanager
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as xml_seguro
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Extensión -> firmas con que empieza un archivo de verdad de ese tipo.
_FIRMAS = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
EXTENSIONES_EVIDENCIA = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx")

# Cuánto puede crecer un DOCX o XLSX al descomprimirse, respecto del tamaño máximo de archivo.
FACTOR_DESCOMPRIMIDO = 20
# Formato que Pillow debe reconocer para cada extensión de imagen.
_FORMATO_IMAGEN = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
# Partes que todo paquete de Office trae, y la etiqueta raíz de su parte principal.
_TIPOS_OOXML = "{http://schemas.openxmlformats.org/package/2006/content-types}Types"
_PARTE_PRINCIPAL = {
    ".docx": (
        "word/document.xml",
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}document",
        _("documento de Word"),
    ),
    ".xlsx": (
        "xl/workbook.xml",
        "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}workbook",
        _("libro de Excel"),
    ),
}


def _error(mensaje, nombre: str, code: str = "contenido", **params) -> ValidationError:
    return ValidationError(mensaje, code=code, params={"nombre": nombre, **params})


# Lo que hace que un PDF ejecute algo al abrirse o guarde otros archivos dentro: JavaScript
# (/JS, /OpenAction o /AA con una acción JavaScript, /Names /JavaScript), /Launch, archivos
# incrustados, contenido multimedia y formularios XFA. Una lista de asistencia no los necesita.
_CLAVES_ACTIVAS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/RichMedia", "/XFA", "/Launch"}
_ACCIONES_ACTIVAS = {"/JavaScript", "/Launch", "/RichMediaExecute", "/ImportData", "/SubmitForm"}
_TIPOS_ACTIVOS = {"/RichMedia", "/FileAttachment", "/Screen", "/Movie", "/Sound", "/3D"}


def _pdf_activo(lector: PdfReader) -> bool:
    """Recorre todos los objetos alcanzables desde el catálogo (una vez cada uno). pypdf ya
    decodifica los nombres escritos con #xx y los objetos dentro de flujos de objetos."""
    pendientes, vistos = [lector.trailer], set()
    while pendientes:
        objeto = pendientes.pop()
        if isinstance(objeto, IndirectObject):
            clave = (objeto.idnum, objeto.generation)
            if clave in vistos:
                continue
            vistos.add(clave)
            objeto = objeto.get_object()
        if isinstance(objeto, DictionaryObject):  # también el diccionario de un flujo
            if _CLAVES_ACTIVAS & set(objeto.keys()):
                return True
            if objeto.get("/S") in _ACCIONES_ACTIVAS or objeto.get("/Subtype") in _TIPOS_ACTIVOS:
                return True
            pendientes.extend(objeto.values())
        elif isinstance(objeto, ArrayObject):
            pendientes.extend(objeto)
    return False


def _revisar_pdf(archivo, nombre: str) -> None:
    ilegible = _error(
        _(
            "El archivo «%(nombre)s» dice ser PDF pero no se pudo leer como PDF: está dañado, "
            "incompleto o es otro tipo de archivo."
        ),
        nombre,
    )
    try:
        lector = PdfReader(archivo)
        if lector.is_encrypted and not lector.decrypt(""):
            raise _error(
                _(
                    "El PDF «%(nombre)s» está protegido con contraseña; guárdelo sin "
                    "contraseña y vuelva a subirlo."
                ),
                nombre,
            )
        paginas = len(lector.pages)
        activo = _pdf_activo(lector)
    except ValidationError:
        raise
    except Exception as error:  # pypdf falla de muchas formas con un archivo dañado
        raise ilegible from error
    if paginas == 0:
        raise _error(_("El PDF «%(nombre)s» no tiene ninguna página."), nombre)
    if activo:
        raise _error(
            _(
                "El PDF «%(nombre)s» trae JavaScript, acciones automáticas, archivos incrustados "
                "o un formulario XFA, y no se acepta por seguridad. Imprímalo a PDF (o "
                "guárdelo como PDF/A) y vuelva a subirlo."
            ),
            nombre,
            code="activo",
        )


def _revisar_imagen(archivo, nombre: str, extension: str) -> None:
    formato = _FORMATO_IMAGEN[extension]
    bomba = _error(
        _(
            "La imagen «%(nombre)s» tiene demasiados píxeles (más de %(mp)s megapíxeles); no se "
            "abre por seguridad. Redúzcala antes de subirla."
        ),
        nombre,
        code="pixeles",
        mp=Image.MAX_IMAGE_PIXELS // 1_000_000,
    )
    ilegible = _error(
        _(
            "El archivo «%(nombre)s» dice ser %(ext)s pero no se pudo leer como imagen: está "
            "dañado, incompleto o es otro tipo de archivo."
        ),
        nombre,
        ext=extension.lstrip(".").upper(),
    )
    with warnings.catch_warnings():
        # Pillow solo avisa entre una y dos veces su límite de píxeles; aquí es un rechazo.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(archivo) as imagen:
                if imagen.format != formato:
                    raise ilegible
                imagen.verify()  # estructura y sumas de control, sin decodificar
            archivo.seek(0)
            with Image.open(archivo) as imagen:
                imagen.load()  # decodifica cada píxel: detecta una imagen truncada
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise bomba from error
        except ValidationError:
            raise
        except Exception as error:
            raise ilegible from error


def _revisar_ooxml(archivo, nombre: str, extension: str) -> None:
    parte, raiz, clase = _PARTE_PRINCIPAL[extension]
    ilegible = _error(
        _(
            "El archivo «%(nombre)s» dice ser %(ext)s pero no se pudo abrir como %(clase)s: está "
            "dañado o es otro tipo de archivo comprimido."
        ),
        nombre,
        ext=extension.lstrip(".").upper(),
        clase=clase,
    )
    try:
        with zipfile.ZipFile(archivo) as zip_:
            partes = zip_.infolist()
            # El directorio del zip declara cuánto ocupa cada parte al descomprimirla;
            # zipfile no lee más de lo declarado, así que basta con sumarlo.
            descomprimido = sum(p.file_size for p in partes)
            limite = FACTOR_DESCOMPRIMIDO * settings.TAMANO_MAXIMO_ARCHIVO_MB * 1024 * 1024
            if descomprimido > limite:
                raise _error(
                    _(
                        "El archivo «%(nombre)s» ocuparía %(mb).0f MB al descomprimirse; no se "
                        "abre por seguridad (parece una «bomba zip»)."
                    ),
                    nombre,
                    code="bomba",
                    mb=descomprimido / 1024 / 1024,
                )
            nombres = {p.filename for p in partes}
            if not {"[Content_Types].xml", parte} <= nombres:
                raise ilegible
            if xml_seguro(zip_.read("[Content_Types].xml")).tag != _TIPOS_OOXML:
                raise ilegible
            if xml_seguro(zip_.read(parte)).tag != raiz:
                raise ilegible
    except DefusedXmlException as error:
        raise _error(
            _(
                "El archivo «%(nombre)s» contiene construcciones XML que no se aceptan por "
                "seguridad (definiciones de entidades). Ábralo y guárdelo de nuevo."
            ),
            nombre,
        ) from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ParseError, OSError, ValueError) as error:
        raise ilegible from error
    except (NotImplementedError, RuntimeError) as error:  # compresión desconocida, cifrado
        raise ilegible from error


def _validar(archivo, extensiones: tuple[str, ...]) -> None:
    if getattr(archivo, "_committed", False):
        return  # ya guardado y revisado al subirlo
    nombre = Path(archivo.name).name
    extension = Path(archivo.name).suffix.lower()
    if extension not in extensiones:
        raise ValidationError(
            _("El archivo «%(nombre)s» no es de un tipo permitido (%(tipos)s)."),
            code="tipo",
            params={"nombre": nombre, "tipos": ", ".join(extensiones)},
        )
    limite = settings.TAMANO_MAXIMO_ARCHIVO_MB
    if archivo.size > limite * 1024 * 1024:
        raise ValidationError(
            _("El archivo «%(nombre)s» pesa %(mb).1f MB; el máximo es %(limite)s MB."),
            code="tamano",
            params={"nombre": nombre, "mb": archivo.size / 1024 / 1024, "limite": limite},
        )
    archivo.seek(0)
    inicio = archivo.read(16)
    archivo.seek(0)
    if not inicio.startswith(_FIRMAS[extension]):
        raise ValidationError(
            _("El archivo «%(nombre)s» dice ser %(ext)s pero su contenido no lo es."),
            code="contenido",
            params={"nombre": nombre, "ext": extension.lstrip(".").upper()},
        )
    try:
        if extension == ".pdf":
            _revisar_pdf(archivo, nombre)
        elif extension in _FORMATO_IMAGEN:
            _revisar_imagen(archivo, nombre, extension)
        else:
            _revisar_ooxml(archivo, nombre, extension)
    finally:
        archivo.seek(0)


def validar_archivo_pdf(archivo) -> None:
    _validar(archivo, (".pdf",))


def validar_evidencia(archivo) -> None:
    _validar(archivo, EXTENSIONES_EVIDENCIA)


@contextmanager
def escritura_completa(ruta: Path | str, modo: str = "wb", **abrir):
    """Abre un temporal junto a ``ruta`` y, solo si todo sale bien, lo pone en su lugar.

    Así un error a media escritura (disco lleno, datos inválidos) nunca deja un archivo a
    medias ni borra el que ya estaba.
    """
    ruta = Path(ruta)
    descriptor, temporal = tempfile.mkstemp(dir=ruta.parent or ".", prefix=f".{ruta.name}.")
    try:
        with os.fdopen(descriptor, modo, **abrir) as archivo:
            yield archivo
        os.replace(temporal, ruta)
    except BaseException:
        Path(temporal).unlink(missing_ok=True)
        raise

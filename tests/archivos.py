"""Archivos de verdad (PDF, imágenes, DOCX, XLSX) y sus imitaciones, hechos en memoria."""

import io
import struct
import zipfile
import zlib

import docx
import openpyxl
import pypdf
from PIL import Image


def pdf(paginas: int = 1, contrasena: str | None = None) -> bytes:
    escritor = pypdf.PdfWriter()
    for _ in range(paginas):
        escritor.add_blank_page(612, 792)
    if contrasena:
        escritor.encrypt(contrasena)
    salida = io.BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def imagen(formato: str = "PNG", modo: str = "RGB", tamano=(64, 48), **opciones) -> bytes:
    salida = io.BytesIO()
    Image.new(modo, tamano, "white" if modo != "LA" else (200, 128)).save(
        salida, formato, **opciones
    )
    return salida.getvalue()


def _trozo_png(tipo: bytes, datos: bytes) -> bytes:
    return (
        struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))
    )


def png_bomba(ancho: int = 100_000, alto: int = 100_000) -> bytes:
    """Un PNG válido de pocos bytes que al decodificarse ocuparía gigabytes."""
    cabecera = struct.pack(">IIBBBBB", ancho, alto, 1, 0, 0, 0, 0)  # 1 bit, gris
    fila = b"\x00" + b"\x00" * ((ancho + 7) // 8)
    compresor = zlib.compressobj(9)
    datos = compresor.compress(fila * 64) + compresor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _trozo_png(b"IHDR", cabecera)
        + _trozo_png(b"IDAT", datos)
        + _trozo_png(b"IEND", b"")
    )


def docx_real(texto: str = "Lista de asistencia") -> bytes:
    documento = docx.Document()
    documento.add_paragraph(texto)
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()


def xlsx_real() -> bytes:
    libro = openpyxl.Workbook()
    libro.active.append(["Nombre", "Entidad"])
    libro.active.append(["Ana", "Oaxaca"])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def zip_con(partes: dict[str, bytes | str]) -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as zip_:
        for nombre, contenido in partes.items():
            zip_.writestr(nombre, contenido)
    return salida.getvalue()


def pdf_activo(como: str) -> bytes:
    """Un PDF de una página que ejecuta algo o lleva otro archivo dentro, según ``como``."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    escritor = pypdf.PdfWriter()
    escritor.add_blank_page(612, 792)
    accion = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    if como == "javascript":  # /Names /JavaScript, lo que escribía PdfWriter.add_js
        accion[NameObject("/JS")] = TextStringObject("app.launchURL('https://x.example/');")
        nombres = ArrayObject([TextStringObject("x"), escritor._add_object(accion)])
        escritor._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): nombres})}
        )
    elif como == "al_abrir":
        escritor._root_object[NameObject("/OpenAction")] = escritor._add_object(accion)
    elif como == "lanzar":
        lanzar = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd")}
        )
        escritor._root_object[NameObject("/OpenAction")] = escritor._add_object(lanzar)
    elif como == "pagina":  # acción adicional al abrir la página
        escritor.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): accion})
    elif como == "incrustado":
        escritor.add_attachment("virus.exe", b"MZ\x90\x00")
    salida = io.BytesIO()
    escritor.write(salida)
    datos = salida.getvalue()
    if como == "nombre_escondido":  # /J#61vaScript es /JavaScript para el lector de PDF
        datos = pdf_activo("javascript").replace(b"/JavaScript", b"/J#61vaScript")
    return datos

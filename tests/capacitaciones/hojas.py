"""Ayudas para las pruebas de hojas: armar un CSV o un XLSX en memoria y leer la base."""

import csv
import io

import openpyxl

from capacitaciones.hojas.columnas import COLUMNAS
from capacitaciones.hojas.exportar import actividades_filas, lineas_csv
from capacitaciones.hojas.importar import actividades_importar
from capacitaciones.models import Actividad


def fila(**valores) -> dict:
    """Una fila válida (una plática en San Luis Potosí) con los valores que se cambien."""
    base = {
        "tipo": "Plática",
        "titulo": "Delitos cibernéticos",
        "estado": "Realizada",
        "fecha_inicio": "18/03/2015",
        "entidades": "San Luis Potosí",
        "temas": "Delitos cibernéticos",
        "participantes": "Niñas y niños=45",
        "organiza": "SNDIF",
        "imparte": "PF",
    }
    return base | valores


def csv_bytes(filas, separador=",", bom=True, columnas=COLUMNAS) -> bytes:
    salida = io.StringIO()
    escritor = csv.writer(salida, delimiter=separador)
    escritor.writerow(columnas)
    for f in filas:
        escritor.writerow([f.get(c, "") for c in columnas])
    return (("\ufeff" if bom else "") + salida.getvalue()).encode("utf-8")


def xlsx_bytes(filas, columnas=COLUMNAS) -> bytes:
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = "Actividades"
    hoja.append(list(columnas))
    for f in filas:
        hoja.append([f.get(c) for c in columnas])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def importar(contenido: bytes, nombre="actividades.csv", guardar=True):
    return actividades_importar(archivo=io.BytesIO(contenido), nombre=nombre, guardar=guardar)


def foto_bd() -> str:
    """Todo lo que la hoja ve de las actividades, como CSV: si no cambia, nada cambió."""
    return "".join(lineas_csv(actividades_filas(Actividad.objects.order_by("folio"))))

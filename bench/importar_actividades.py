"""Cuánto tarda importar 10,000 actividades (y volver a importarlas), en la base de DATABASE_URL.

Uso: DATABASE_URL=... .venv/bin/python bench/importar_actividades.py [--filas 10000]
La base debe estar migrada y con los datos de ejemplo (``cargar_demo``); las actividades
BENCH-* que se crean se borran al final.
"""

import argparse
import io
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "programa.settings")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402

from capacitaciones.hojas.columnas import COLUMNAS  # noqa: E402
from capacitaciones.hojas.importar import actividades_importar  # noqa: E402
from capacitaciones.models import Actividad  # noqa: E402

ENTIDADES = ["San Luis Potosí", "Nayarit", "Campeche", "Guanajuato", "Oaxaca", "Jalisco"]


def filas(n: int, titulo: str):
    for i in range(n):
        yield {
            "folio": f"BENCH-{i:06d}",
            "tipo": "Plática" if i % 2 else "Taller",
            "titulo": f"{titulo} {i}",
            "estado": "Realizada",
            "fecha_inicio": f"{1 + i % 28:02d}/{1 + i % 12:02d}/2015",
            "precision": "dia",
            "entidades": f"{ENTIDADES[i % 6]}; {ENTIDADES[(i + 1) % 6]}",
            "temas": "Delitos cibernéticos; Trata de personas",
            "participantes": "Niñas y niños=40 (22 mujeres, 18 hombres); Personal del programa=5",
            "organiza": "SNDIF",
            "imparte": "PF",
            "convenio": "SNDIF-PF-2014",
            "descripcion": "Prevención de la explotación sexual infantil en línea",
        }


def xlsx(n: int, titulo: str) -> bytes:
    libro = openpyxl.Workbook(write_only=True)
    hoja = libro.create_sheet("Actividades")
    hoja.append(list(COLUMNAS))
    for f in filas(n, titulo):
        hoja.append([f.get(c) for c in COLUMNAS])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def medir(etiqueta: str, contenido: bytes) -> None:
    inicio = time.perf_counter()
    resultado = actividades_importar(
        archivo=io.BytesIO(contenido), nombre="bench.xlsx", guardar=True
    )
    segundos = time.perf_counter() - inicio
    assert resultado.valido, resultado.errores[:5]
    print(f"{etiqueta}: {segundos:.1f} s  {resultado.conteo}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--filas", type=int, default=10_000)
    n = parser.parse_args().filas
    Actividad.objects.filter(folio__startswith="BENCH-").delete()
    original = xlsx(n, "Plática")
    print(f"{n} filas, XLSX de {len(original) / 1024 / 1024:.1f} MB")
    try:
        medir("crear", original)
        medir("reimportar sin cambios", original)
        medir("actualizar todas", xlsx(n, "Taller corregido"))
    finally:
        Actividad.objects.filter(folio__startswith="BENCH-").delete()
    pico = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memoria máxima del proceso: {pico:.0f} MB")


if __name__ == "__main__":
    main()

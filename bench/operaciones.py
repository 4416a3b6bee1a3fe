"""Las operaciones pesadas, cada una en su propio proceso para medir su memoria máxima.

    python -m bench.operaciones <operación> [--anio 2025] [--filas 10000] [--veces 1]

Imprime una línea JSON: los segundos de cada vez y la memoria máxima (RSS) del proceso, que
incluye la de Django cargado (lo que pesaría un worker de gunicorn haciendo lo mismo).
Operaciones: borrador, docx, pdf (el informe de contribución de un año), exportar_csv (la
exportación de actividades del admin, en streaming), importar (una hoja de N filas).
"""

import argparse
import datetime as dt
import io
import json
import resource
import sys
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings

from bench import entorno  # noqa: F401  (configura Django)
from capacitaciones.hojas.columnas import COLUMNAS
from capacitaciones.hojas.importar import actividades_importar
from capacitaciones.models import Actividad
from informes.contribucion.servicios import informe_archivo, informe_generar
from informes.models import InformeContribucion

TITULO_INFORME = "Aportación de prueba del benchmark"
PREFIJO_IMPORTAR = "BENCH-"
ENTIDADES = ["San Luis Potosí", "Nayarit", "Campeche", "Guanajuato", "Oaxaca", "Jalisco"]


def _informe(anio: int) -> InformeContribucion:
    informe, _ = InformeContribucion.objects.get_or_create(
        titulo=TITULO_INFORME,
        defaults={
            "desde": dt.date(anio, 1, 1),
            "hasta": dt.date(anio, 12, 31),
            "corte": dt.date(anio, 12, 31),
        },
    )
    return informe


def limpiar(**_) -> dict:
    """Quita el informe de una corrida anterior sin cargarlo (con un millón pesa cientos de MB)."""
    tablas = [InformeContribucion._meta.db_table]
    if hasattr(InformeContribucion, "historial"):
        tablas.append(InformeContribucion.historial.model._meta.db_table)
    with connection.cursor() as cursor:
        for tabla in reversed(tablas):
            cursor.execute(f"DELETE FROM {tabla} WHERE titulo = %s", [TITULO_INFORME])
    return {}


def borrador(anio: int, **_) -> dict:
    """Construye los hechos del año y redacta el texto, como «Generar» en la página."""
    informe = informe_generar(informe=_informe(anio))
    n = sum(len(p["hechos"]) for s in informe.hechos["secciones"] for p in s["parrafos"])
    return {"hechos": n, "caracteres": len(informe.cuerpo)}


def _archivo(formato: str, anio: int) -> dict:
    informe = InformeContribucion.objects.get(titulo=TITULO_INFORME)
    return {"bytes": len(informe_archivo(informe, formato).contenido)}


def docx(anio: int, **_) -> dict:
    return _archivo("docx", anio)


def pdf(anio: int, **_) -> dict:
    return _archivo("pdf", anio)


def exportar_csv(anio: int, **_) -> dict:
    """La exportación CSV del admin con el filtro de año, leída en streaming como un navegador."""
    cliente = Client()
    cliente.force_login(get_user_model().objects.get(username="bench-admin"))
    # Por encima del umbral el sitio la prepara en segundo plano con el mismo generador de
    # filas; aquí se mide ese generador en streaming, sin trabajador.
    with override_settings(EXPORTAR_EN_SEGUNDO_PLANO_DESDE=0):
        respuesta = cliente.get(f"/admin/capacitaciones/actividad/exportar/csv/?anio={anio}")
    assert respuesta.status_code == 200, respuesta.status_code
    assert respuesta.streaming, "La exportación CSV debe ir en streaming"
    lineas = tamano = 0
    for pedazo in respuesta.streaming_content:
        lineas += pedazo.count(b"\n")
        tamano += len(pedazo)
    return {"filas": lineas - 1, "bytes": tamano}


def _hoja(n: int) -> bytes:
    import openpyxl

    libro = openpyxl.Workbook(write_only=True)
    hoja = libro.create_sheet("Actividades")
    hoja.append(list(COLUMNAS))
    for i in range(n):
        fila = {
            "folio": f"{PREFIJO_IMPORTAR}{i:06d}",
            "tipo": "Plática" if i % 2 else "Taller",
            "titulo": f"Plática de prevención {i}",
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
        hoja.append([fila.get(c) for c in COLUMNAS])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def importar(filas: int, **_) -> dict:
    """Importa una hoja XLSX de ``filas`` actividades nuevas (la hoja se arma antes de medir)."""
    Actividad.objects.filter(folio__startswith=PREFIJO_IMPORTAR).delete()
    contenido = _hoja(filas)
    inicio = time.perf_counter()
    resultado = actividades_importar(
        archivo=io.BytesIO(contenido), nombre="bench.xlsx", guardar=True
    )
    segundos = time.perf_counter() - inicio
    assert resultado.valido, resultado.errores[:5]
    Actividad.objects.filter(folio__startswith=PREFIJO_IMPORTAR).delete()
    return {"_segundos": segundos, "filas": filas}


OPERACIONES = {
    "limpiar": limpiar,
    "borrador": borrador,
    "docx": docx,
    "pdf": pdf,
    "exportar_csv": exportar_csv,
    "importar": importar,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("operacion", choices=OPERACIONES)
    parser.add_argument("--anio", type=int, default=2025)
    parser.add_argument("--filas", type=int, default=10_000)
    parser.add_argument("--veces", type=int, default=1)
    args = parser.parse_args()
    tiempos, detalle = [], {}
    for _ in range(args.veces):
        inicio = time.perf_counter()
        detalle = OPERACIONES[args.operacion](anio=args.anio, filas=args.filas)
        tiempos.append(detalle.pop("_segundos", time.perf_counter() - inicio))
    pico_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump({"segundos": tiempos, "memoria_mb": pico_mb, **detalle}, sys.stdout)
    print()


if __name__ == "__main__":
    main()

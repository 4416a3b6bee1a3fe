"""Memoria y tiempo de ``respaldar`` y ``restaurar`` con N actividades con historial.

Genera N actividades (``bench/generar.py``), les da historial con INSERT … SELECT (una fila
«+» por registro en cada tabla histórica, como si cada una se hubiera capturado en el admin),
respalda, crea y migra una base vacía y restaura en ella; cada orden corre en su proceso para
medir su memoria máxima (RSS, incluye Django cargado).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/programa_bench_datos \\
        .venv/bin/python -m bench.respaldo -n 50000 [--salida /tmp/respaldo.zip]
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from django.apps import apps
from django.db import connection

from bench import entorno  # noqa: F401  (configura Django)
from bench.generar import generar

RAIZ = Path(__file__).resolve().parent.parent


def historial_generar() -> int:
    """Una fila de historial por registro de cada modelo con historial (y sus M2M)."""
    filas = 0
    with connection.cursor() as c:
        for modelo in apps.get_models(include_auto_created=True):
            historico = getattr(modelo, "_meta", None) and getattr(
                modelo._meta, "simple_history_manager_attribute", None
            )
            if not historico:
                continue
            Historico = getattr(modelo, historico).model
            columnas = [f.column for f in modelo._meta.concrete_fields]
            c.execute(f"DELETE FROM {Historico._meta.db_table}")
            c.execute(
                f"INSERT INTO {Historico._meta.db_table} ({', '.join(columnas)}, history_date, "
                "history_type) "
                f"SELECT {', '.join(columnas)}, now() - random() * interval '3650 days', '+' "
                f"FROM {modelo._meta.db_table}"
            )
            filas += c.rowcount
            for campo in Historico._history_m2m_fields:
                intermedia = campo.remote_field.through
                Historica = next(
                    r.related_model
                    for r in Historico._meta.related_objects
                    if r.related_model.__name__ == f"{Historico.__name__}_{campo.name}"
                )
                origen = campo.m2m_field_name()
                cols = [f.column for f in intermedia._meta.concrete_fields]
                c.execute(f"DELETE FROM {Historica._meta.db_table}")
                c.execute(
                    f"INSERT INTO {Historica._meta.db_table} (history_id, {', '.join(cols)}) "
                    f"SELECT h.history_id, {', '.join('i.' + x for x in cols)} "
                    f"FROM {intermedia._meta.db_table} i JOIN {Historico._meta.db_table} h "
                    f"ON h.id = i.{origen}_id"
                )
                filas += c.rowcount
        c.execute("ANALYZE")
    return filas


def medir(argumentos: list[str], entorno_: dict) -> tuple[float, float]:
    """Segundos y MB de memoria máxima de ``manage.py`` con esos argumentos."""
    codigo = (
        "import resource, subprocess, sys; "
        "r = subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(r.returncode)"
    )
    inicio = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-c", codigo, sys.executable, "manage.py", *argumentos],
        cwd=entorno_.pop("_cwd", RAIZ),
        env=entorno_,
        stderr=subprocess.PIPE,
        text=True,
    )
    segundos = time.perf_counter() - inicio
    if r.returncode:
        raise SystemExit(r.stderr)
    return segundos, int(r.stderr.strip().splitlines()[-1]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50_000, help="actividades (50000 por omisión)")
    parser.add_argument("--salida", type=Path, default=Path("/tmp/respaldo-bench.zip"))
    parser.add_argument("--sin-generar", action="store_true", help="usa los datos que ya hay")
    parser.add_argument("--codigo", type=Path, default=RAIZ, help="carpeta del sistema a medir")
    args = parser.parse_args()
    if not args.sin_generar:
        r = generar(args.n)
        print(f"{r['actividades']:,} actividades ({r['filas']:,} filas) en {r['segundos']:.0f} s")
        inicio = time.perf_counter()
        print(f"{historial_generar():,} filas de historial en {time.perf_counter() - inicio:.0f} s")
    env = dict(os.environ, _cwd=str(args.codigo))
    s, mb = medir(["respaldar", "--salida", str(args.salida), "--verbosity", "0"], env)
    tamano = args.salida.stat().st_size / 1024 / 1024
    print(f"respaldar: {s:.0f} s, {mb:.0f} MB de memoria máxima, archivo de {tamano:.0f} MB")

    vacia = connection.settings_dict["NAME"] + "_restaurada"
    with connection.cursor() as c:
        c.execute(f"DROP DATABASE IF EXISTS {vacia}")
        c.execute(f"CREATE DATABASE {vacia}")
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + vacia
    env = dict(os.environ, DATABASE_URL=url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=RAIZ, env=env, check=True
    )
    env["_cwd"] = str(args.codigo)
    s, mb = medir(["restaurar", str(args.salida), "--verbosity", "0"], env)
    print(f"restaurar: {s:.0f} s, {mb:.0f} MB de memoria máxima")


if __name__ == "__main__":
    main()

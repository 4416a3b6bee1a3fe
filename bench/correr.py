"""El benchmark completo: genera los datos, mide cada página contra su piso y su presupuesto.

    make bench            # 10,000 actividades y después 1,000,000, y las compara
    make bench N=10000    # solo la corrida rápida

Cada tamaño escribe bench/resultados/bench-<N>.json; la tabla final compara el tamaño mayor con
el de 10,000 (cómo crece el costo) y cada página con su piso en SQL.
"""

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import entorno, pisos
from bench.generar import HOY, bench_contar, generar
from bench.limites import LIMITE_PETICION_MS, lentas, p95
from capacitaciones.models import Actividad
from informes.cobertura import selectores
from informes.cobertura.periodos import Periodo
from programa.roles import COORDINACION

RESULTADOS = entorno.RAIZ / "bench" / "resultados"
ANIO = HOY.year - 1  # el último año completo
BUSQUEDA = "Tapachula"


def crear_base() -> None:
    """Crea la base de DATABASE_URL si no existe (el benchmark corre desde un clon nuevo)."""
    import psycopg

    ajustes = connection.settings_dict
    try:
        connection.ensure_connection()
        return
    except Exception:  # noqa: BLE001 (la base aún no existe: se crea abajo)
        pass
    with psycopg.connect(
        host=ajustes["HOST"] or None,
        port=ajustes["PORT"] or None,
        user=ajustes["USER"] or None,
        password=ajustes["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'CREATE DATABASE "{ajustes["NAME"]}"')
    print(f"== Base {ajustes['NAME']} creada")


def usuarios() -> dict[str, object]:
    from django.contrib.auth.models import Group

    Usuario = get_user_model()
    admin, _ = Usuario.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    coord, creado = Usuario.objects.get_or_create(username="bench-coordinacion")
    if creado or not coord.is_staff:
        coord.is_staff = True
        coord.save()
    coord.groups.add(Group.objects.get(name=COORDINACION))
    return {"superusuario": admin, "coordinacion": coord}


def _mediana(funcion, veces: int, antes=None) -> tuple[float, list[float]]:
    tiempos = []
    for _ in range(veces):
        if antes:
            antes()
        inicio = time.perf_counter()
        funcion()
        tiempos.append(time.perf_counter() - inicio)
    return statistics.median(tiempos), tiempos


def _sin_cache() -> None:
    """Cobertura y tablero guardan sus cifras en caché (informes/cobertura/cache.py): se vacía
    antes de cada medición para medir la página en frío, contra su piso."""
    caches["default"].clear()


def pagina(cliente: Client, url: str, veces: int) -> dict:
    """Mediana y p95 de ``veces`` peticiones en frío (tras una de calentamiento) y sus
    consultas."""

    def pedir():
        respuesta = cliente.get(url)
        assert respuesta.status_code == 200, (url, respuesta.status_code)
        if respuesta.streaming:
            b"".join(respuesta.streaming_content)
        return respuesta

    pedir()
    _sin_cache()
    with CaptureQueriesContext(connection) as consultas:
        pedir()
    n_consultas = len(consultas)  # ya: la lista se vacía con la siguiente petición
    mediana, tiempos = _mediana(pedir, veces, antes=_sin_cache)
    return {"url": url, "ms": mediana * 1000, "p95_ms": p95(tiempos) * 1000,
            "todas_ms": [t * 1000 for t in tiempos], "consultas": n_consultas}  # fmt: skip


def piso(sql_params: tuple[str, dict], veces: int, comprobar=None) -> dict:
    """Mediana del piso; ``comprobar(filas)`` revisa que dé las mismas cifras que su página."""
    sql, params = sql_params

    def ejecutar():
        with connection.cursor() as c:
            c.execute(sql, params)
            return c.fetchall()

    filas = ejecutar()
    if comprobar:
        comprobar(filas)
    mediana, _ = _mediana(ejecutar, veces)
    return {"ms": mediana * 1000}


def _cifras_selector(cob: selectores.Cobertura) -> dict[str, dict[str, int]]:
    """Lo mismo que pisos.cifras, sacado de lo que dibuja la página."""
    cifras = {}
    for fila in [*cob.entidades, cob.nacional, cob.sin_entidad]:
        cuentas = Counter()
        for (estado, _tipo), n in fila.actividades.items():
            cuentas[estado] += n
        cuentas["participantes"] = fila.participantes
        cifras[fila.clave] = {k: v for k, v in cuentas.items() if v}
    return {clave: c for clave, c in cifras.items() if c}


def _iguales(nombre: str, piso_: dict, pagina_: dict) -> None:
    """Un piso que no cuenta lo mismo que su página no es su piso: la corrida se detiene."""
    if piso_ == pagina_:
        return
    claves = sorted(set(piso_) | set(pagina_))
    distintas = [
        (c, piso_.get(c), pagina_.get(c)) for c in claves if piso_.get(c) != pagina_.get(c)
    ]
    detalle = "\n".join(f"  {c!r}: piso {p} · página {g}" for c, p, g in distintas[:10])
    raise SystemExit(
        f"El piso de {nombre} no da las cifras de su página ({len(distintas)} claves):\n{detalle}"
    )


def comprobar_cobertura(nombre: str, periodo: Periodo):
    def comprobar(filas):
        cob = selectores.cobertura(selectores.Filtros(periodo))
        _iguales(nombre, pisos.cifras(filas), _cifras_selector(cob))

    return comprobar


def comprobar_tablero(anio: int):
    def comprobar(filas):
        t = selectores.tablero(anio=anio, hoy=HOY)
        _iguales(f"tablero {anio}", pisos.cifras(filas, "1"), _cifras_selector(t.actual))
        _iguales(f"tablero {anio - 1}", pisos.cifras(filas, "0"), _cifras_selector(t.anterior))
        trimestres = {
            str(i): {
                k: v for k, v in (("programada", q.programadas), ("realizada", q.realizadas)) if v
            }
            for i, q in enumerate(t.trimestres)
        }
        _iguales(
            "tablero (trimestres)",
            pisos.trimestres(filas),
            {k: v for k, v in trimestres.items() if v},
        )

    return comprobar


def plan(sql: str, params) -> list[str]:
    """Los nodos del plan de PostgreSQL (para ver si la búsqueda usa un índice)."""
    with connection.cursor() as c:
        c.execute("EXPLAIN " + sql, params)
        return [fila[0] for fila in c.fetchall()]


LIMITE_SEGUNDOS = 900  # una operación que pase de 15 minutos se reporta como excedida
LIMITE_MEMORIA = 8 * 1024**3  # y una que pida más de 8 GB falla con MemoryError


def _limitar_memoria():
    resource.setrlimit(resource.RLIMIT_AS, (LIMITE_MEMORIA, LIMITE_MEMORIA))


def operacion(nombre: str, veces: int = 1, **parametros) -> dict:
    """Corre una operación pesada en un proceso aparte (su memoria máxima es solo suya).

    Con límites de tiempo y memoria: si los pasa, el resultado lo dice en vez de colgar la
    corrida entera («excedida»).
    """
    orden = [sys.executable, "-m", "bench.operaciones", nombre, "--veces", str(veces)]
    for clave, valor in parametros.items():
        orden += [f"--{clave}", str(valor)]
    try:
        salida = subprocess.run(
            orden,
            cwd=entorno.RAIZ,
            capture_output=True,
            text=True,
            timeout=LIMITE_SEGUNDOS * veces,
            preexec_fn=_limitar_memoria,
        )
    except subprocess.TimeoutExpired:
        return {"excedida": f"más de {LIMITE_SEGUNDOS} s", "ms": None, "memoria_mb": None}
    if salida.returncode:
        ultima = (salida.stderr.strip().splitlines() or ["?"])[-1]
        return {"excedida": ultima[:200], "ms": None, "memoria_mb": None}
    datos = json.loads(salida.stdout.strip().splitlines()[-1])
    datos["ms"] = statistics.median(datos["segundos"]) * 1000
    return datos


def medir(n: int, veces: int, pesadas: bool) -> dict:
    cuentas = usuarios()
    clientes = {}
    for rol, usuario in cuentas.items():
        clientes[rol] = Client()
        clientes[rol].force_login(usuario)
    r = {"n": n, "fecha": dt.datetime.now().isoformat(timespec="seconds"), "veces": veces}
    r["actividades_en_base"] = Actividad.objects.count()
    desde, hasta = dt.date(HOY.year - 9, 1, 1), dt.date(HOY.year, 12, 31)
    paginas = {
        "cobertura_anio": f"/informes/cobertura/?anio={ANIO}",
        "cobertura_todos": f"/informes/cobertura/?desde={desde}&hasta={hasta}",
        "tablero": f"/informes/?anio={ANIO}",
        "cobertura_csv": f"/informes/cobertura.csv?anio={ANIO}",
        "cobertura_entidad": f"/informes/cobertura/07/?anio={ANIO}",
        "admin_lista": "/admin/capacitaciones/actividad/",
        "admin_entidad_anio": f"/admin/capacitaciones/actividad/?entidad=07&anio={ANIO}",
        "admin_busqueda": f"/admin/capacitaciones/actividad/?q={BUSQUEDA}",
    }
    r["paginas"] = {}
    for nombre, url in paginas.items():
        for rol, cliente in clientes.items():
            r["paginas"][f"{nombre}:{rol}"] = pagina(cliente, url, veces)
            medida = r["paginas"][f"{nombre}:{rol}"]
            print(f"  {nombre} ({rol}): {medida['ms']:.0f} ms (p95 {medida['p95_ms']:.0f} ms)")
    anio = pisos.cobertura(dt.date(ANIO, 1, 1), dt.date(ANIO, 12, 31))
    todos = Periodo(desde, hasta, "todos")
    r["pisos"] = {
        "cobertura_anio": piso(
            anio, veces, comprobar_cobertura("cobertura_anio", Periodo.anio(ANIO))
        ),
        "cobertura_todos": piso(
            pisos.cobertura(desde, hasta), veces, comprobar_cobertura("cobertura_todos", todos)
        ),
        "tablero": piso(pisos.tablero(ANIO), veces, comprobar_tablero(ANIO)),
        "cobertura_csv": piso(anio, veces),
    }
    print("  los pisos dan las mismas cifras que sus páginas ✓")
    lista = Actividad.objects.filter(titulo__icontains=BUSQUEDA).order_by("-fecha_inicio")
    r["plan_busqueda"] = plan(*lista.query.sql_with_params())
    if pesadas:
        print("  informe de contribución, exportación e importación (procesos aparte)…")
        operacion("limpiar")
        r["operaciones"] = {
            "borrador": operacion("borrador", anio=ANIO),
            "docx": operacion("docx", anio=ANIO),
            "pdf": operacion("pdf", anio=ANIO),
            "exportar_csv": operacion("exportar_csv", anio=ANIO),
            "importar": operacion("importar", filas=10_000),
        }
        operacion("limpiar")
        for nombre, datos in r["operaciones"].items():
            if datos["ms"] is None:
                print(f"  {nombre}: excedida ({datos['excedida']})")
            else:
                print(f"  {nombre}: {datos['ms'] / 1000:.1f} s, {datos['memoria_mb']:.0f} MB")
    return r


# ---- La tabla --------------------------------------------------------------------------------

PRESUPUESTOS = {  # operación -> (segundos, MB)
    "borrador": (5, 500),
    "docx": (10, 500),
    "pdf": (20, 500),
    "exportar_csv": (None, 200),
    "importar": (None, None),
}


def _presupuesto_pagina(nombre: str, datos: dict, base: dict | None) -> str:
    pagina_, rol = nombre.split(":")
    if pagina_ in datos["pisos"]:
        piso_ms = datos["pisos"][pagina_]["ms"]
        limite = 1.5 * piso_ms + 50
        ok = datos["paginas"][nombre]["ms"] <= limite
        return f"≤ 1.5×piso + 50 = {limite:.0f} ms {'✓' if ok else '✗'}"
    if base and nombre in base["paginas"]:
        limite = 2 * base["paginas"][nombre]["ms"]
        ok = datos["paginas"][nombre]["ms"] <= limite
        return f"≤ 2×(10k) = {limite:.0f} ms {'✓' if ok else '✗'}"
    return ""


def _num(valor, formato: str = ".0f") -> str:
    return "—" if valor is None else format(valor, formato)


def tabla(datos: dict, base: dict | None) -> str:
    n = datos["n"]
    lineas = [
        f"Benchmark con {n:,} actividades ({datos['actividades_en_base']:,} en la base), "
        f"mediana de {datos['veces']} corridas, {datos['fecha']}",
        "",
        f"{'página:rol':<36} {'ms':>6} {'p95':>6} {'cons.':>5} {'piso':>6} {'×piso':>6} "
        f"{'ms 10k':>6} {'×10k':>5}  presupuesto",
    ]
    for nombre, p in datos["paginas"].items():
        piso_ms = datos["pisos"].get(nombre.split(":")[0], {}).get("ms")
        previo = base["paginas"].get(nombre) if base else None
        previo_ms = previo["ms"] if previo else None
        lineas.append(
            f"{nombre:<36} {p['ms']:>6.0f} {_num(p.get('p95_ms')):>6} {p['consultas']:>5} "
            f"{_num(piso_ms):>6} "
            f"{_num(piso_ms and p['ms'] / piso_ms, '.2f'):>6} {_num(previo_ms):>6} "
            f"{_num(previo_ms and p['ms'] / previo_ms, '.2f'):>5}  "
            f"{_presupuesto_pagina(nombre, datos, base)}"
        )
        if previo and previo["consultas"] != p["consultas"]:
            lineas[-1] += f"  (consultas a 10k: {previo['consultas']})"
    if datos.get("operaciones"):
        lineas += ["", f"{'operación':<14} {'s':>6} {'MB':>5} {'s 10k':>6}  presupuesto, detalle"]
        for nombre, o in datos["operaciones"].items():
            segundos, mb = PRESUPUESTOS[nombre]
            previo = (base or {}).get("operaciones", {}).get(nombre)
            if o["ms"] is None:
                lineas.append(f"{nombre:<14} {'—':>6} {'—':>5} {'':>6}  ✗ {o['excedida']}")
                continue
            marcas = []
            if segundos:
                marcas.append(f"≤ {segundos} s {'✓' if o['ms'] / 1000 <= segundos else '✗'}")
            if mb:
                marcas.append(f"≤ {mb} MB {'✓' if o['memoria_mb'] <= mb else '✗'}")
            detalle = {k: v for k, v in o.items() if k not in ("segundos", "memoria_mb", "ms")}
            lineas.append(
                f"{nombre:<14} {o['ms'] / 1000:>6.1f} {o['memoria_mb']:>5.0f} "
                f"{_num(previo and previo['ms'] and previo['ms'] / 1000, '.1f'):>6}  "
                f"{', '.join(marcas)} {detalle}"
            )
    excedidas = lentas(datos["paginas"])
    lineas += [
        "",
        f"p95 de cada página < {LIMITE_PETICION_MS / 1000:.0f} s: "
        + ("✓" if not excedidas else "✗ " + "; ".join(excedidas)),
    ]
    lineas += ["", "Plan de la búsqueda en el admin (título):"]
    lineas += ["  " + linea for linea in datos["plan_busqueda"]]
    return "\n".join(lineas)


def main():
    parser = argparse.ArgumentParser(description="El benchmark de escala nacional.")
    parser.add_argument("-n", type=int, default=1_000_000, help="actividades (1,000,000)")
    parser.add_argument("--veces", type=int, default=5, help="corridas por medición (5)")
    parser.add_argument(
        "--reusar", action="store_true", help="no regenerar si la base ya tiene N actividades"
    )
    parser.add_argument(
        "--sin-pesadas", action="store_true", help="sin informe, exportación ni importación"
    )
    parser.add_argument(
        "--tabla", action="store_true", help="solo la tabla, de los JSON ya guardados"
    )
    args = parser.parse_args()
    if args.tabla:
        base = json.loads((RESULTADOS / "bench-10000.json").read_text())
        datos = json.loads((RESULTADOS / f"bench-{args.n}.json").read_text())
        texto = tabla(datos, base if args.n != 10_000 else None)
        (RESULTADOS / f"bench-{args.n}.txt").write_text(texto + "\n")
        print(texto)
        return
    if connection.vendor != "postgresql":
        raise SystemExit("El benchmark corre en PostgreSQL: indique DATABASE_URL.")
    RESULTADOS.mkdir(parents=True, exist_ok=True)
    crear_base()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    tamanos = [10_000] if args.n <= 10_000 else [10_000, args.n]
    tamanos = [args.n] if args.n < 10_000 else tamanos
    base = None
    excedidas = []
    for n in tamanos:
        previo = RESULTADOS / f"bench-{n}.json"
        if args.reusar and n == 10_000 and n != args.n and previo.exists():
            print(f"== {n:,} actividades: se reusan las medidas de {previo.name}")
            base = json.loads(previo.read_text())
            continue
        if args.reusar and bench_contar() == n:
            print(f"== {n:,} actividades: se reusan los datos de la base")
        else:
            print(f"== Generando {n:,} actividades")
            g = generar(n)
            print(f"   {g['filas']:,} filas en {g['segundos']:.0f} s")
        print(f"== Midiendo con {n:,} actividades")
        datos = medir(n, args.veces, pesadas=not args.sin_pesadas)
        anterior = RESULTADOS / f"bench-{n}.json"
        if args.sin_pesadas and anterior.exists():  # conserva las pesadas de la corrida previa
            previas = json.loads(anterior.read_text())
            if previas.get("operaciones"):
                datos["operaciones"] = previas["operaciones"]
                datos["operaciones_de"] = previas.get("operaciones_de", previas["fecha"])
        (RESULTADOS / f"bench-{n}.json").write_text(json.dumps(datos, indent=2, default=str))
        if n == 10_000:
            base = datos
        texto = tabla(datos, base if n != 10_000 else None)
        (RESULTADOS / f"bench-{n}.txt").write_text(texto + "\n")
        print()
        print(texto)
        print()
        excedidas += [f"{n:,} actividades, {e}" for e in lentas(datos["paginas"])]
    print(f"Resultados (tabla y JSON) en {RESULTADOS}/")
    if excedidas:
        raise SystemExit(
            f"Páginas con p95 de {LIMITE_PETICION_MS / 1000:.0f} s o más: " + "; ".join(excedidas)
        )


if __name__ == "__main__":
    main()

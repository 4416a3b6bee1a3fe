"""Leer la salida de ``wrk --latency`` (sin Django: se prueba en tests/test_bench.py).

wrk imprime su distribución de latencia en 50, 75, 90 y 99 %; el p95 lo escribe el guion Lua de
bench/carga.py en una línea ``p95_us <microsegundos>`` (wrk no lo trae en su resumen), y las
respuestas 3xx (que wrk da por buenas) en ``redirecciones <n>``.
"""

import re

_UNIDADES_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_PERCENTIL = re.compile(r"^\s*(\d+(?:\.\d+)?)%\s+([\d.]+)(us|ms|s|m|h)\s*$")


def leer_wrk(salida: str) -> dict:
    """Peticiones por segundo, p50/p95/p99 en ms y errores (no 2xx/3xx más errores de socket)."""
    percentiles, datos = {}, {"errores": 0}
    en_distribucion = False
    for renglon in salida.splitlines():
        texto = renglon.strip()
        if texto == "Latency Distribution":
            en_distribucion = True
            continue
        if en_distribucion and (coincide := _PERCENTIL.match(renglon)):
            valor, unidad = float(coincide[2]), coincide[3]
            percentiles[float(coincide[1])] = valor * _UNIDADES_MS[unidad]
            continue
        en_distribucion = False
        if texto.startswith("Requests/sec:"):
            datos["por_segundo"] = float(texto.split(":", 1)[1])
        elif texto.startswith("Non-2xx or 3xx responses:"):
            datos["errores"] += int(texto.split(":", 1)[1])
        elif texto.startswith("Socket errors:"):
            datos["errores"] += sum(int(n) for n in re.findall(r"\d+", texto))
        elif texto.startswith("p95_us "):
            datos["p95_ms"] = float(texto.split()[1]) / 1000
        elif texto.startswith("redirecciones "):
            datos["redirecciones"] = int(texto.split()[1])
    if "por_segundo" not in datos or 50.0 not in percentiles or "p95_ms" not in datos:
        raise ValueError(f"La salida de wrk no trae lo esperado (¿falta --latency?):\n{salida}")
    datos["p50_ms"], datos["p99_ms"] = percentiles[50.0], percentiles.get(99.0)
    return datos


def linea(pagina: str, r: dict) -> str:
    """El renglón final de make carga para una página."""
    return (
        f"carga {pagina}: {r['por_segundo']:.1f} pet/s, p50 {r['p50_ms']:.1f} ms, "
        f"p95 {r['p95_ms']:.1f} ms, errores {r['errores']}"
    )

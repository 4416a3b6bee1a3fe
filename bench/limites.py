"""Lo que el benchmark y la carga exigen a cada página (sin Django: se prueba en
tests/test_bench.py)."""

import math

# Ninguna petición web espera más que esto (p95 de cada página, en frío); lo que tarda más
# corre en segundo plano con su página de avance.
LIMITE_PETICION_MS = 5000

# make carga, en caliente: página -> (peticiones por segundo como mínimo, p95 máximo en ms).
METAS_CARGA = {
    "cobertura": (150, 100),
    "tablero": (150, 100),
    "actividades": (50, None),
}


def p95(tiempos: list[float]) -> float:
    """Percentil 95 por rango más cercano: con pocas corridas es la más lenta (nunca se
    interpola hacia abajo)."""
    ordenados = sorted(tiempos)
    return ordenados[max(0, math.ceil(0.95 * len(ordenados)) - 1)]


def lentas(paginas: dict[str, dict]) -> list[str]:
    """Las páginas cuyo p95 llega al límite de una petición web."""
    return [
        f"{nombre}: p95 {p['p95_ms']:.0f} ms"
        for nombre, p in paginas.items()
        if p.get("p95_ms", 0) >= LIMITE_PETICION_MS
    ]


def meta_carga(pagina: str, r: dict) -> str:
    """La meta de make carga para una página y si se cumplió (errores: siempre cero)."""
    minimo, p95_maximo = METAS_CARGA.get(pagina, (None, None))
    partes, cumple = [], r["errores"] == 0
    if minimo is not None:
        partes.append(f"≥ {minimo} pet/s")
        cumple &= r["por_segundo"] >= minimo
    if p95_maximo is not None:
        partes.append(f"p95 < {p95_maximo} ms")
        cumple &= r["p95_ms"] < p95_maximo
    partes.append("0 errores")
    return f"meta {pagina}: {', '.join(partes)} {'✓' if cumple else '✗'}"

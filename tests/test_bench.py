"""El lector de la salida de wrk de make carga (bench/ no corre en la suite; su parte pura sí)."""

import pytest

from bench.limites import lentas, meta_carga, p95
from bench.wrk import leer_wrk, linea

# Salida de wrk 4.1 con --latency y el guion de bench/carga.py (respuestas 500 y un timeout).
SALIDA = """\
Running 20s test @ http://127.0.0.1:8010/informes/cobertura/?anio=2015
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    48.21ms   12.07ms   1.02s    91.35%
    Req/Sec    83.11     10.42   101.00     72.00%
  Latency Distribution
     50%   45.87ms
     75%   51.02ms
     90%   58.40ms
     99%  812.33us
  1663 requests in 20.02s, 98.21MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:     83.07
Transfer/sec:      4.91MB
p95_us 63250.000
redirecciones 0
"""


def test_lee_peticiones_percentiles_y_errores_de_wrk():
    r = leer_wrk(SALIDA)
    assert r["por_segundo"] == 83.07
    assert r["p50_ms"] == pytest.approx(45.87)
    assert r["p95_ms"] == pytest.approx(63.25)
    assert r["p99_ms"] == pytest.approx(0.81233)  # microsegundos pasados a ms
    assert (r["errores"], r["redirecciones"]) == (4 + 3, 0)
    assert linea("cobertura", r) == (
        "carga cobertura: 83.1 pet/s, p50 45.9 ms, p95 63.2 ms, errores 7"
    )


def test_percentiles_en_segundos_y_sin_errores():
    salida = SALIDA.replace("45.87ms", "1.50s").replace(
        "  Socket errors: connect 0, read 2, write 0, timeout 1\n  Non-2xx or 3xx responses: 4\n",
        "",
    )
    r = leer_wrk(salida)
    assert (r["p50_ms"], r["errores"]) == (1500.0, 0)


def test_sin_distribucion_de_latencia_lo_dice():
    sin_latencia = SALIDA.replace("  Latency Distribution\n", "").replace(
        "     50%   45.87ms\n", ""
    )
    with pytest.raises(ValueError, match="--latency"):
        leer_wrk(sin_latencia)


def test_p95_con_pocas_corridas_es_la_mas_lenta():
    assert p95([120.0, 80.0, 5100.0, 90.0, 100.0]) == 5100.0
    assert p95([float(n) for n in range(1, 21)]) == 19.0
    assert p95([7.0]) == 7.0


def test_lentas_son_las_de_p95_de_cinco_segundos_o_mas():
    paginas = {
        "tablero:superusuario": {"ms": 900.0, "p95_ms": 4999.0},
        "cobertura_todos:coordinacion": {"ms": 2400.0, "p95_ms": 5000.0},
    }
    assert lentas(paginas) == ["cobertura_todos:coordinacion: p95 5000 ms"]


def test_meta_de_carga_por_pagina():
    r = leer_wrk(SALIDA)  # 83 pet/s, p95 63 ms, 7 errores
    assert meta_carga("cobertura", r) == ("meta cobertura: ≥ 150 pet/s, p95 < 100 ms, 0 errores ✗")
    r |= {"por_segundo": 151.0, "errores": 0}
    assert meta_carga("cobertura", r).endswith("✓")
    assert meta_carga("actividades", r) == "meta actividades: ≥ 50 pet/s, 0 errores ✓"

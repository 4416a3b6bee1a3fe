"""Los pisos en SQL: la misma agregación que cada página, escrita a mano como una sola consulta.

Una página no puede ser más rápida que su piso: lo que sobra es el costo del ORM, de varias
consultas en vez de una y de dibujar la página. Cada función devuelve (sql, parámetros);
``cifras`` y ``trimestres`` leen lo que devuelve, para comprobar que da lo mismo que la página.
"""

import datetime as dt
from collections import Counter, defaultdict

from capacitaciones.models import Actividad, Participacion

A = Actividad._meta.db_table
AE = Actividad.entidades.through._meta.db_table
P = Participacion._meta.db_table


def _cobertura(sufijo: str) -> tuple[str, str]:
    """CTE y partes de la cobertura de un periodo: un solo recorrido de las actividades."""
    cte = f"""
    a{sufijo} AS MATERIALIZED (
        SELECT id, estado, tipo FROM {A}
        WHERE daterange(fecha_inicio, fecha_fin, '[]')
          && daterange(%(desde{sufijo})s, %(hasta{sufijo})s, '[]')
          AND fecha_inicio <= %(hasta{sufijo})s AND fecha_fin >= %(desde{sufijo})s
    ),
    e{sufijo} AS MATERIALIZED (
        SELECT a.id, a.estado, a.tipo, ae.entidadfederativa_id AS clave
        FROM a{sufijo} a LEFT JOIN {AE} ae ON ae.actividad_id = a.id
    ),
    p{sufijo} AS MATERIALIZED (
        SELECT p.actividad_id, p.audiencia_id, p.total
        FROM {P} p JOIN a{sufijo} a ON a.id = p.actividad_id WHERE a.estado = 'realizada'
    )"""
    partes = f"""
    SELECT '{sufijo}a', clave, estado, tipo, NULL::bigint, COUNT(*)::bigint
      FROM e{sufijo} GROUP BY clave, estado, tipo
    UNION ALL
    SELECT '{sufijo}a', '00', estado, tipo, NULL, COUNT(*) FROM a{sufijo} GROUP BY estado, tipo
    UNION ALL
    SELECT '{sufijo}p', ae.entidadfederativa_id, NULL, NULL, p.audiencia_id, SUM(p.total)
      FROM p{sufijo} p LEFT JOIN {AE} ae ON ae.actividad_id = p.actividad_id
      GROUP BY ae.entidadfederativa_id, p.audiencia_id
    UNION ALL
    SELECT '{sufijo}p', '00', NULL, NULL, audiencia_id, SUM(total)
      FROM p{sufijo} GROUP BY audiencia_id"""
    return cte, partes


def cobertura(desde: dt.date, hasta: dt.date) -> tuple[str, dict]:
    cte, partes = _cobertura("")
    return f"WITH {cte} {partes}", {"desde": desde, "hasta": hasta}


def tablero(anio: int) -> tuple[str, dict]:
    """Cobertura del año y del anterior, y programadas/realizadas por trimestre de los dos."""
    cte1, partes1 = _cobertura("1")
    cte0, partes0 = _cobertura("0")
    trimestres = ", ".join(
        f"({i}, DATE '{a}-{m:02d}-01', "
        f"(DATE '{a}-{m:02d}-01' + INTERVAL '3 months' - INTERVAL '1 day')::date)"
        for i, (a, m) in enumerate((a, m) for a in (anio - 1, anio) for m in (1, 4, 7, 10))
    )
    sql = f"""
    WITH {cte1}, {cte0},
    t(i, desde, hasta) AS (VALUES {trimestres})
    {partes1}
    UNION ALL
    {partes0}
    UNION ALL
    SELECT 't', t.i::text, a.estado, NULL, NULL, COUNT(*)
      FROM {A} a JOIN t ON a.fecha_inicio <= t.hasta AND a.fecha_fin >= t.desde
      WHERE a.estado IN ('programada', 'realizada')
        AND a.fecha_inicio <= %(hasta1)s AND a.fecha_fin >= %(desde0)s
      GROUP BY t.i, a.estado"""
    return sql, {
        "desde1": dt.date(anio, 1, 1),
        "hasta1": dt.date(anio, 12, 31),
        "desde0": dt.date(anio - 1, 1, 1),
        "hasta0": dt.date(anio - 1, 12, 31),
    }


# ---- Las cifras de un piso, para compararlas con las del selector de su página ---------------


def cifras(filas, sufijo: str = "") -> dict[str, dict[str, int]]:
    """Clave de entidad ('00' nacional, '' sin entidad) -> actividades por estado y participantes
    de las realizadas; sin ceros, para comparar con lo mismo sacado del selector."""
    cuentas = defaultdict(Counter)
    for parte, clave, estado, _tipo, _audiencia, n in filas:
        if parte == f"{sufijo}a":
            cuentas[clave or ""][estado] += n
        elif parte == f"{sufijo}p":
            cuentas[clave or ""]["participantes"] += n or 0
    return _sin_ceros(cuentas)


def trimestres(filas) -> dict[str, dict[str, int]]:
    """Número de trimestre (0-7, del año anterior al elegido) -> programadas y realizadas."""
    cuentas = defaultdict(Counter)
    for parte, i, estado, _tipo, _audiencia, n in filas:
        if parte == "t":
            cuentas[str(i)][estado] += n
    return _sin_ceros(cuentas)


def _sin_ceros(cuentas) -> dict[str, dict[str, int]]:
    limpias = {clave: {k: v for k, v in c.items() if v} for clave, c in cuentas.items()}
    return {clave: c for clave, c in limpias.items() if c}

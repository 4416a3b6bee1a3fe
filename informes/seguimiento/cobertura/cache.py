"""La cobertura de recomendaciones, calculada una vez por versión de los datos.

La misma caché y las mismas versiones que la cobertura por entidad (``informes/cobertura/
cache.py``): los años del periodo más la global. Los vínculos de una actividad con sus
recomendaciones cambian la versión de sus años (capacitaciones/senales.py); las
recomendaciones, sus documentos, los convenios, los productos y las estrategias, la global
(programa/apps.py, convenios/apps.py).
"""

from dataclasses import replace

from informes.cobertura.cache import alcance_llave, en_cache
from informes.seguimiento.cobertura import selectores as selector
from programa.versiones import anios_entre


def cobertura_recomendaciones(filtros: selector.Filtros) -> selector.CoberturaRecomendaciones:
    p = filtros.periodo
    partes = (
        p.desde.isoformat(),
        p.hasta.isoformat(),
        filtros.mecanismo,
        filtros.documento.pk if filtros.documento else None,
        alcance_llave(filtros.entidades),
    )
    datos = en_cache(
        "recomendaciones",
        partes,
        anios_entre(p.desde, p.hasta),
        lambda: selector.cobertura_recomendaciones(filtros),
    )
    # Los filtros, los de esta petición (el nombre del periodo puede decirse de otra forma).
    return replace(datos, filtros=filtros)

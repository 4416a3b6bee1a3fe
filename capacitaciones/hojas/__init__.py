"""Hojas de cálculo de actividades: la plantilla, la importación (todo o nada) y la exportación.

Las mismas columnas entran y salen, así que exportar y volver a importar no cambia nada.
"""

"""Recomendaciones de la ONU y su seguimiento: la hoja de recomendaciones, la propuesta de
estado por año y la matriz de seguimiento."""

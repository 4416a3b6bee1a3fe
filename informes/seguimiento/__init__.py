"""Recomendaciones de la ONU y su seguimiento: la hoja de recomendaciones, la propuesta de
estado por año, la matriz de seguimiento, la cobertura de recomendaciones y las convocatorias
respondidas pregunta por pregunta."""

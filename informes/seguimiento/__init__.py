"""Seguimiento: recomendaciones, convocatorias respondidas pregunta por pregunta y la matriz."""

"""Informe de contribución: hechos, redacción, anexo, exportadores, vistas y servicios."""

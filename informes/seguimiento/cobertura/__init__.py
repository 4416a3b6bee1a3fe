"""Cobertura de las recomendaciones: cuántas tienen acciones en un periodo y dónde ocurrieron."""

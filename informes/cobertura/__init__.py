"""Cobertura y tablero: un selector por periodo que alimenta la página, CSV/XLSX y el mapa."""

"""Renderizadores: el mismo informe o las mismas filas -> bytes de un formato de archivo."""

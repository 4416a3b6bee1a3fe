"""SVG dibujado en el servidor que comparten la cobertura, el tablero y el anexo."""

from django import template

from informes.graficos.mapa import numero
from programa.fechas import fecha_corta, texto_corto

register = template.Library()


@register.filter
def fecha_actividad(actividad) -> str:
    """La fecha de una actividad con su precisión: «18/03/2015», «2.º semestre de 2015»."""
    return texto_corto(actividad.fecha_inicio, actividad.fecha_fin, actividad.precision)


@register.filter
def fecha_tabla(fecha) -> str:
    return fecha_corta(fecha) if fecha else ""


@register.filter(name="numero")
def numero_filtro(valor) -> str:
    """1234 -> «1,234»."""
    return numero(valor or 0)


@register.filter
def get_item(diccionario, clave):
    return diccionario.get(clave)

from django import template

from programa.acceso import duracion_legible

register = template.Library()


@register.filter
def duracion(valor):
    """Un timedelta en palabras («una hora», «30 minutos»); vacío si no hay."""
    return duracion_legible(valor) if valor else ""

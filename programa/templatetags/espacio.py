"""El menú común del admin y de las páginas de informes."""

from django import template

from programa.sitio import menu_informes

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_del_sitio(context) -> list[dict]:
    """Las entradas que la persona puede abrir, con ``actual`` en la página en que está."""
    request = context.get("request")
    if request is None:
        return []
    ruta = getattr(request.resolver_match, "url_name", "") or ""
    return [
        {**entrada, "actual": ruta.startswith(entrada["nombre"])}
        for entrada in menu_informes(request.user)
    ]

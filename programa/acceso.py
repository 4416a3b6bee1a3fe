"""Quién intenta entrar: su dirección real detrás del proxy y cuánto dura un bloqueo."""

import ipaddress
import math
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def direccion_cliente(request) -> str | None:
    """La dirección de quien hace la petición, para el bloqueo de accesos y la bitácora.

    Detrás del proxy HTTPS todas las peticiones llegan desde la dirección del proxy. Cada
    proxy de confianza agrega a X-Forwarded-For la dirección de quien le habló, así que con
    ``PROXIES_DE_CONFIANZA = N`` la dirección real es la N-ésima contando desde la derecha;
    lo que esté más a la izquierda lo escribió quien hizo la petición y no se cree. Con 0
    (sin proxy) la cabecera se ignora: cualquiera puede escribirla.
    """
    remota = request.META.get("REMOTE_ADDR")
    proxies = settings.PROXIES_DE_CONFIANZA
    if not proxies:
        return remota
    cadena = [d.strip() for d in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(cadena) < proxies:
        return remota  # no pasó por todos los proxies (una petición directa, interna)
    try:
        return str(ipaddress.ip_address(cadena[-proxies]))
    except ValueError:
        return remota


def duracion_legible(duracion: timedelta) -> str:
    """«una hora», «30 minutos», «un día y 2 horas»: redondeado hacia arriba al minuto."""
    minutos = max(1, math.ceil(duracion.total_seconds() / 60))
    dias, minutos = divmod(minutos, 24 * 60)
    horas, minutos = divmod(minutos, 60)
    partes = []
    if dias:
        partes.append(ngettext("un día", "%(n)d días", dias) % {"n": dias})
    if horas:
        partes.append(ngettext("una hora", "%(n)d horas", horas) % {"n": horas})
    if minutos:
        partes.append(ngettext("un minuto", "%(n)d minutos", minutos) % {"n": minutos})
    if len(partes) == 1:
        return partes[0]
    return _("%(primeras)s y %(ultima)s") % {
        "primeras": ", ".join(partes[:-1]),
        "ultima": partes[-1],
    }

"""La bitácora de accesos, exportaciones, importaciones y finalizaciones."""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from programa.acceso import direccion_cliente
from programa.models import Evento


def sesiones_cerrar(usuarios: set[int]) -> int:
    """Cierra las sesiones abiertas de esas personas (sesiones en la base de datos)."""
    from django.contrib.sessions.models import Session

    if not usuarios:
        return 0
    claves = {str(u) for u in usuarios}
    vigentes = Session.objects.filter(expire_date__gt=timezone.now())
    cerrar = [s.pk for s in vigentes.iterator() if s.get_decoded().get(SESSION_KEY) in claves]
    return Session.objects.filter(pk__in=cerrar).delete()[0]


def _ip(request) -> str | None:
    return direccion_cliente(request) if request is not None else None


def evento_registrar(*, tipo: str, usuario=None, request=None, descripcion: str = "") -> Evento:
    if usuario is None and request is not None and request.user.is_authenticated:
        usuario = request.user
    return Evento.objects.create(
        tipo=tipo,
        usuario=usuario,
        nombre_usuario=getattr(usuario, "username", ""),
        direccion_ip=_ip(request),
        descripcion=descripcion,
    )


@receiver(user_logged_in)
def _acceso(sender, request, user, **kwargs):
    evento_registrar(tipo=Evento.Tipo.ACCESO, usuario=user, request=request)


@receiver(user_logged_out)
def _salida(sender, request, user, **kwargs):
    if user is not None:
        evento_registrar(tipo=Evento.Tipo.SALIDA, usuario=user, request=request)


@receiver(user_login_failed)
def _acceso_fallido(sender, credentials, request=None, **kwargs):
    Evento.objects.create(
        tipo=Evento.Tipo.ACCESO_FALLIDO,
        nombre_usuario=str(credentials.get("username", ""))[:150],
        direccion_ip=_ip(request),
    )

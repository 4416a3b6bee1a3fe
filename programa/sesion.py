"""La sesión se cierra tras SESSION_COOKIE_AGE segundos sin actividad, sin escribirla en cada
petición.

Con SESSION_SAVE_EVERY_REQUEST cada página, aun una que solo lee, terminaba con un UPDATE de
la sesión y su COMMIT (que espera al disco): con 150 peticiones por segundo, 150 escrituras
solo para correr la expiración. Aquí la expiración se corre a lo más una vez por minuto; el
plazo de inactividad es el mismo, con un minuto de holgura.
"""

import time

RENOVAR_CADA = 60  # segundos
_CLAVE = "_renovada"


class RenovarSesionMiddleware:
    """Va después de SessionMiddleware: marca la sesión para guardarse (con su expiración nueva
    y su cookie) si pasó un minuto desde la última vez."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        respuesta = self.get_response(request)
        sesion = getattr(request, "session", None)
        # Solo si la petición la usó (ya leída, is_empty sabe si es de alguien): una página que
        # no la toca no cuenta como actividad, y una cookie vencida no crea una sesión nueva.
        if sesion is not None and sesion.accessed and not sesion.is_empty():
            ahora = int(time.time())
            if ahora - sesion.get(_CLAVE, 0) >= RENOVAR_CADA:
                sesion[_CLAVE] = ahora
        return respuesta

import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "programa.settings")
application = get_wsgi_application()


# Lo que se carga al arrancar (modelos, URLs, plantillas compiladas) vive lo que vive el
# proceso, pero la recolección completa de Python lo recorre entero cada pocas peticiones: con
# la lista de actividades eran 80-100 ms cada doce peticiones. gc.freeze() lo saca de esas
# recorridas (y, con --preload, deja esas páginas compartidas entre workers tras el fork).
# Una vez al arrancar y otra tras la primera petición, que es cuando Django compila las
# plantillas y arma las URLs.
def _congelar(**_kwargs):
    request_finished.disconnect(_congelar, dispatch_uid="programa.wsgi.congelar")
    gc.collect()
    gc.freeze()


gc.freeze()
request_finished.connect(_congelar, dispatch_uid="programa.wsgi.congelar", weak=False)

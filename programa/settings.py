"""Configuración única del proyecto: cada ajuste viene del entorno (o de un archivo .env).

Sin variables, el sitio arranca en modo de desarrollo con SQLite en ``db.sqlite3``.
"""

import datetime as dt
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="solo-para-desarrollo-no-usar-en-produccion-" + "x" * 20
    if DEBUG
    else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "programa.apps.SitioAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "programa.apps.AccesosConfig",  # django-axes, con su nombre en español
    "django_tasks",
    "django_tasks_db",
    "programa",
    "convenios",
    "capacitaciones",
    "informes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Corre la expiración de la sesión (inactividad) a lo más una vez por minuto.
    "programa.sesion.RenovarSesionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Al final, como pide django-axes: bloquea tras varios intentos fallidos.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # En producción gunicorn sirve también los estáticos; en desarrollo lo hace runserver.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "programa.urls"
WSGI_APPLICATION = "programa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# SQLite con varias personas guardando a la vez: WAL deja leer mientras alguien escribe;
# IMMEDIATE toma el candado de escritura al abrir la transacción (el admin guarda dentro de
# una), así quien llega después espera su turno en vez de fallar con «database is locked» al
# pasar de leer a escribir; «timeout» es cuánto espera (s). synchronous=NORMAL es seguro con
# WAL: un apagón puede perder la última transacción, nunca corromper la base.
OPCIONES_SQLITE = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Lo que venga en DATABASE_URL (p. ej. ?timeout=5) manda sobre lo de aquí.
    DATABASES["default"]["OPTIONS"] = {**OPCIONES_SQLITE, **DATABASES["default"].get("OPTIONS", {})}
    # El índice (fecha_fin, fecha_inicio) INCLUDE (id) de las actividades es para PostgreSQL a
    # escala nacional; SQLite lo crea sin la columna incluida, que es lo correcto aquí. Sin esto,
    # cada orden de manage.py imprimiría el aviso models.W040.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caché de los informes (cobertura, tablero, página de entidad): guarda las cifras ya calculadas
# bajo las versiones de los datos que tocan (programa/versiones.py). Las versiones deben verlas
# todos los procesos de gunicorn a la vez: sin configurar viven en una tabla de la base
# (dbcache, la crea migrate) y las cifras en la memoria de cada proceso; en producción, las dos
# en Redis: CACHE_URL=redis://127.0.0.1:6379/1 y VERSIONES_CACHE_URL=redis://127.0.0.1:6379/1.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://informes"),
    "versiones": env.cache_url("VERSIONES_CACHE_URL", default="dbcache://programa_versiones"),
}
# Un Redis caído o inalcanzable responde con error en segundos en vez de dejar colgado al
# proceso de gunicorn (y a /salud/) lo que tarde el sistema en rendirse.
for _cache in CACHES.values():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache.setdefault("OPTIONS", {}).setdefault("socket_connect_timeout", 2)
        _cache["OPTIONS"].setdefault("socket_timeout", 2)

# Trabajo largo en segundo plano (importar hojas…) con django-tasks, la versión para Django 5.2
# de django.tasks de Django 6. «database» (sin nada más que instalar): la cola es una tabla y
# el trabajador es `manage.py db_worker` (lo arranca `make demo`). «rq»: la cola vive en Redis
# (REDIS_URL) y los trabajadores (`manage.py rqworker --job-class django_tasks_rq.Job`) pueden
# estar en otras máquinas; pide `pip install -e ".[rq]"`. «inmediato»: corre dentro de la
# petición, sin trabajador (solo pruebas).
TAREAS_BACKEND = env.str("TAREAS_BACKEND", default="database")
_BACKENDS_TAREAS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "inmediato": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _BACKENDS_TAREAS[TAREAS_BACKEND]}}
if TAREAS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {"default": {"URL": env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")}}
# /salud/ responde 503 si una tarea lleva más de estos minutos lista sin que ningún trabajador
# la tome (0: no se revisa; ver programa/salud.py).
SALUD_TAREAS_ESPERA_MAXIMA = env.int("SALUD_TAREAS_ESPERA_MAXIMA", default=15)
# Una tarea en curso sin latido (lo escribe el trabajador cada pocos segundos) desde hace más
# de estos minutos se da por perdida: el trabajador murió y la página de avance dice que falló.
TAREAS_SIN_LATIDO_MINUTOS = env.int("TAREAS_SIN_LATIDO_MINUTOS", default=5)
# Los archivos que dejan las tareas (exportaciones, respaldos) se borran a los tantos días.
TAREAS_ARCHIVOS_DIAS = env.int("TAREAS_ARCHIVOS_DIAS", default=7)
# Desde cuántas actividades una exportación (lista del admin, actividades de una entidad) se
# prepara en segundo plano en vez de responder en la misma petición (0: nunca).
EXPORTAR_EN_SEGUNDO_PLANO_DESDE = env.int("EXPORTAR_EN_SEGUNDO_PLANO_DESDE", default=5000)
# Desde cuántas actividades en su periodo el DOCX o PDF de un borrador del informe de
# contribución se prepara en segundo plano (0: nunca).
INFORME_EN_SEGUNDO_PLANO_DESDE = env.int("INFORME_EN_SEGUNDO_PLANO_DESDE", default=20000)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Acceso fallido: a los 5 intentos se bloquea esa cuenta desde esa dirección por una hora.
# Un administrador desbloquea en el admin («Intentos de acceso») o con `manage.py axes_reset`.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HORAS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registro/bloqueado.html"
AXES_RESET_ON_SUCCESS = True
# Detrás del proxy HTTPS todas las conexiones vienen de él: cuántos proxies de confianza
# anotan la dirección real en X-Forwarded-For (0: sin proxy, la cabecera se ignora).
PROXIES_DE_CONFIANZA = env.int("PROXIES_DE_CONFIANZA", default=0)
AXES_CLIENT_IP_CALLABLE = "programa.acceso.direccion_cliente"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Siempre en español, diga lo que diga el navegador (sin LocaleMiddleware): en inglés el admin
# leía 03/04/2015 como 4 de marzo. El informe en inglés usa su propio fraseo (informes/).
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español (México)"))]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["programa.formatos"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Archivos subidos (evidencias, convenios firmados). «local»: en MEDIA_ROOT, que con varias
# máquinas debe ser una carpeta compartida (NFS…) montada en todas. «s3»: un almacén
# compatible con S3 (MinIO, Ceph, AWS…) con django-storages; pide `pip install -e ".[s3]"`.
ARCHIVOS_BACKEND = env.str("ARCHIVOS_BACKEND", default="local")
_ARCHIVOS = {
    "local": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "s3": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME", default=""),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # Privados: nada se lee sin pasar por la vista con sesión y alcance.
            "default_acl": "private",
            "querystring_auth": True,
            # Dos evidencias con el mismo nombre nunca se pisan.
            "file_overwrite": False,
        },
    },
}
if ARCHIVOS_BACKEND not in _ARCHIVOS:
    raise ImproperlyConfigured(
        f"ARCHIVOS_BACKEND debe ser «local» o «s3», no «{ARCHIVOS_BACKEND}»."
    )
STORAGES = {
    "default": _ARCHIVOS[ARCHIVOS_BACKEND],
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Evidencias y convenios firmados: nunca se sirven desde una URL pública.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/archivos/"
# Tamaño máximo de un archivo subido (evidencias, convenios, hojas de cálculo).
TAMANO_MAXIMO_ARCHIVO_MB = env.int("TAMANO_MAXIMO_ARCHIVO_MB", default=10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Valores plausibles (programa/limites.py): la fecha más antigua que se registra (no antes del
# 2000-01-01 que guarda la base de datos) y el máximo de personas de una audiencia en una
# actividad (no más de 10,000,000). La fecha más lejana es siempre hoy + 5 años.
FECHA_MINIMA = dt.date.fromisoformat(env.str("FECHA_MINIMA", default="2000-01-01"))
PARTICIPANTES_MAXIMO_POR_AUDIENCIA = env.int("PARTICIPANTES_MAXIMO_POR_AUDIENCIA", default=100_000)

# Días antes del fin de vigencia en que un convenio se considera "por vencer".
DIAS_POR_VENCER = 90

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 2)
# No en cada petición: programa/sesion.py la renueva a lo más una vez por minuto.
SESSION_SAVE_EVERY_REQUEST = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# El balanceador revisa cada máquina por HTTP, sin pasar por el proxy HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Solo make produccion-local (HTTP en 127.0.0.1) las apaga.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("COOKIES_SEGURAS", default=True)

# Content-Security-Policy: ningún script en línea ni de otro origen. Los estilos en línea se
# permiten porque el admin de Django y las gráficas SVG usan atributos style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

"""Ajustes de las pruebas: los del proyecto, con un hasher de contraseñas rápido."""

from programa.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Las tareas corren dentro de la petición: la prueba ve el resultado sin trabajador.
# tests/programa/test_tareas.py prueba aparte el backend de base de datos con su trabajador.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

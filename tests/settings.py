"""Ajustes de las pruebas: los del proyecto, con un hasher de contraseñas rápido."""

from programa.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

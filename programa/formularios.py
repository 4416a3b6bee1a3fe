"""Campos de formulario que comparten los admins del programa."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# El signo pasa: un negativo recibe el aviso de mínimo (0) del campo, más preciso.
_SOLO_CIFRAS = re.compile(r"\s*-?[0-9]+\s*")


class CampoCifra(forms.IntegerField):
    """Un conteo de personas: solo cifras.

    El IntegerField de Django acepta «1.000» como 1 (quita el «.000» de un decimal), así que
    mil personas escritas con punto de miles quedaban como una, sin aviso.
    """

    default_error_messages = {
        "invalid": _("Escriba solo cifras, sin puntos ni comas (por ejemplo 1000)."),
    }

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not _SOLO_CIFRAS.fullmatch(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

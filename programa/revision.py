"""Bloqueo optimista: un formulario viejo no sobrescribe lo que otra persona guardó después.

Cada registro editable lleva ``revision``, un número que sube con cada guardado. Quien abre
un formulario se lleva la revisión que vio (campo oculto ``revision_leida``); al guardar, la
base compara y sube en una sola sentencia
(``UPDATE … SET revision = revision + 1 WHERE id = %s AND revision = %s``). Si no actualizó
ninguna fila, alguien guardó antes: se rechaza sin escribir nada y se dice quién y cuándo
(del historial de django-simple-history).
"""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Cambio:
    """Quién y cuándo hizo el último cambio a un registro, y por qué (si lo dice)."""

    usuario: object | None = None
    fecha: object | None = None
    motivo: str = ""

    def quien(self) -> str:
        if self.usuario is None:
            # simple_history deja el usuario vacío si se borró la cuenta o si se guardó desde
            # la consola o una tarea sin usuario.
            return "Alguien sin usuario registrado (la consola, una tarea o una cuenta eliminada)"
        nombre = self.usuario.get_full_name().strip()
        usuario = self.usuario.get_username()
        return f"{nombre} ({usuario})" if nombre else usuario

    def frase(self, registro: str) -> str:
        """«Ana López (ana.lopez) cambió esta actividad el 30/11/2026 a las 13:05»."""
        if self.fecha is None:
            return f"Otra persona cambió {registro}"
        local = timezone.localtime(self.fecha)
        texto = f"{self.quien()} cambió {registro} el {local:%d/%m/%Y} a las {local:%H:%M}"
        return texto + (f" ({self.motivo})" if self.motivo else "")


def ultimos_cambios(modelo: type[models.Model], pks) -> dict:
    """pk -> Cambio, con el último registro del historial de cada uno; una consulta."""
    pks = list(pks)
    if not pks:
        return {}
    if hasattr(modelo, "ultimo_cambio_sin_historial"):
        return {
            o.pk: o.ultimo_cambio_sin_historial() for o in modelo._base_manager.filter(pk__in=pks)
        }
    historico = getattr(modelo, modelo._meta.simple_history_manager_attribute).model
    ultimo = (
        historico.objects.filter(id=OuterRef("id"))
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    filas = (
        historico.objects.filter(id__in=pks, history_id=Subquery(ultimo))
        .select_related("history_user")
        .only("id", "history_date", "history_change_reason", "history_user")
    )
    return {
        h.id: Cambio(h.history_user, h.history_date, h.history_change_reason or "") for h in filas
    }


def ultimo_cambio(objeto: models.Model) -> Cambio:
    return ultimos_cambios(type(objeto), [objeto.pk]).get(objeto.pk, Cambio())


class RegistroCambiado(Exception):
    """Otra persona guardó el registro después de que se leyó; no se escribió nada."""

    def __init__(self, objeto: models.Model):
        self.objeto = objeto
        super().__init__(f"{type(objeto).__name__} {objeto.pk}: revisión vieja")


class ConRevision(models.Model):
    """Un registro con bloqueo optimista: ``save()`` solo escribe sobre la revisión que leyó.

    Todo guardado que actualiza (admin, acciones, servicios, consola) compara la revisión en
    memoria con la de la base y la sube; si no coincide, ``RegistroCambiado``. Las escrituras
    por lotes (la importación) suben ``revision`` ellas mismas, con las filas bloqueadas.
    """

    revision = models.PositiveIntegerField(
        _("revisión"),
        default=1,
        editable=False,
        help_text=_("Sube con cada cambio; evita que un formulario viejo borre otro cambio."),
    )

    # «cambió esta actividad»: cada modelo dice cómo se nombra en el aviso.
    registro_este = _("este registro")
    # Un formulario ya comparó ``revision`` con la que se abrió (también al revertir desde el
    # historial): save() escribe sobre esa y no sobre la que haya al guardar.
    _revision_comprobada = False

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        subida = self.pk is not None and not kwargs.get("force_insert") and self._subir_revision()
        if subida and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)

    def _subir_revision(self) -> bool:
        """Compara y sube en la base; dentro de la transacción del guardado, la fila queda
        bloqueada hasta el final. Devuelve False si el registro aún no existe."""
        filas = type(self)._base_manager.using(self._state.db or "default").filter(pk=self.pk)
        if self._state.adding and not self._revision_comprobada:
            # Una instancia armada con su pk (p. ej. desde el historial): sube sobre la vigente.
            vigente = filas.values_list("revision", flat=True).first()
            if vigente is None:
                return False
            self.revision = vigente
        if filas.filter(revision=self.revision).update(revision=F("revision") + 1):
            self.revision += 1
            return True
        if not filas.exists():
            return False  # se borró: que Django haga lo de siempre
        raise RegistroCambiado(self)

    def aviso_cambio(self, *, archivos=()) -> str:
        """El mensaje para quien intentó guardar sobre una revisión vieja."""
        texto = (
            f"{ultimo_cambio(self).frase(self.registro_este)}. Sus cambios no se guardaron: "
            "lo que escribió sigue en el formulario para que lo copie; recargue la página "
            "para ver la versión actual y vuelva a hacer sus cambios sobre ella."
        )
        if archivos:
            texto += (
                f" Los archivos que adjuntó ({', '.join(archivos)}) tampoco se guardaron: "
                "adjúntelos de nuevo."
            )
        return texto


class FormularioConRevision(forms.ModelForm):
    """ModelForm que lleva la revisión leída y rechaza guardar sobre una más nueva.

    La comparación aquí da el mensaje sin escribir nada; la que decide está en
    ``ConRevision.save()``, en la base de datos.
    """

    revision_leida = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    # Al revertir desde el historial, la instancia es la versión vieja: vale la vigente.
    revision_vigente: int | None = None
    archivos_enviados: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["revision_leida"].initial = self._vigente()

    def _vigente(self) -> int:
        return (
            self.revision_vigente if self.revision_vigente is not None else self.instance.revision
        )

    def clean(self):
        datos = super().clean()
        if self.instance.pk is None:
            return datos
        leida = datos.get("revision_leida")
        if leida is None:
            self.add_error(
                None,
                _(
                    "El formulario no trae la revisión que usted abrió; recargue la página "
                    "y vuelva a hacer sus cambios."
                ),
            )
        elif leida != self._vigente():
            self.add_error(None, self.instance.aviso_cambio(archivos=self.archivos_enviados or ()))
        else:
            self.instance.revision = leida  # lo que save() compara en la base
            self.instance._revision_comprobada = True
        return datos

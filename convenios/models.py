"""Los convenios del programa y las instituciones que los firman."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programa.archivos import validar_archivo_pdf
from programa.historial import RegistroConBorrado, borrado_en_grupo
from programa.limites import condicion_fecha, validar_fecha, validar_fin_de_vigencia
from programa.models import Institucion, Programa
from programa.revision import ConRevision


def hoy() -> dt.date:
    return timezone.localdate()


class ConvenioQuerySet(models.QuerySet):
    """El estado de un convenio se deriva de sus fechas; estas consultas lo calculan igual."""

    def delete(self):
        with borrado_en_grupo():  # cada convenio y sus partes, reconocibles en el historial
            return super().delete()

    def _limite_por_vencer(self, fecha: dt.date) -> dt.date:
        return fecha + dt.timedelta(days=settings.DIAS_POR_VENCER)

    def vencidos(self, fecha: dt.date | None = None):
        return self.filter(vigencia_fin__lt=fecha or hoy())

    def por_vencer(self, fecha: dt.date | None = None):
        fecha = fecha or hoy()
        return self.filter(
            vigencia_fin__gte=fecha, vigencia_fin__lte=self._limite_por_vencer(fecha)
        )

    def vigentes(self, fecha: dt.date | None = None):
        """Vigentes y lejos de vencer (incluye los de vigencia indefinida)."""
        fecha = fecha or hoy()
        return self.filter(
            Q(vigencia_fin__isnull=True) | Q(vigencia_fin__gt=self._limite_por_vencer(fecha))
        )


class Convenio(ConRevision):
    class Tipo(models.TextChoices):
        COLABORACION = "colaboracion", _("Colaboración")
        LICENCIA = "licencia", _("Licencia de uso")
        COORDINACION = "coordinacion", _("Coordinación")
        CONCERTACION = "concertacion", _("Concertación")
        OTRO = "otro", _("Otro")

    class Estado(models.TextChoices):
        VIGENTE = "vigente", _("Vigente")
        POR_VENCER = "por_vencer", _("Por vencer")
        VENCIDO = "vencido", _("Vencido")

    folio = models.CharField(
        _("folio"),
        max_length=40,
        unique=True,
        help_text=_("Identificador del convenio; las hojas de actividades lo citan."),
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    titulo = models.CharField(_("título"), max_length=300)
    titulo_en = models.CharField(_("título en inglés"), max_length=300, blank=True)
    objeto = models.TextField(
        _("objeto"),
        blank=True,
        help_text=_(
            "Para qué se firma. Si empieza con un verbo en infinitivo («realizar acciones…»), el "
            "informe lo escribe tras «tiene por objetivo»; si no, como oración aparte («Su "
            "objeto: …»)."
        ),
    )
    objeto_en = models.TextField(_("objeto en inglés"), blank=True)
    programa = models.ForeignKey(
        Programa, verbose_name=_("programa"), on_delete=models.PROTECT, related_name="convenios"
    )
    fecha_firma = models.DateField(
        _("fecha de firma"), null=True, blank=True, validators=[validar_fecha]
    )
    vigencia_inicio = models.DateField(
        _("inicio de vigencia"), null=True, blank=True, validators=[validar_fecha]
    )
    vigencia_fin = models.DateField(
        _("fin de vigencia"),
        null=True,
        blank=True,
        validators=[validar_fin_de_vigencia],
        help_text=_("Déjelo vacío si la vigencia es indefinida."),
    )
    documento = models.FileField(
        _("convenio firmado (PDF)"),
        upload_to="convenios/%Y/",
        blank=True,
        validators=[validar_archivo_pdf],
    )
    notas = models.TextField(_("notas"), blank=True)
    instituciones = models.ManyToManyField(
        Institucion, through="ParteConvenio", verbose_name=_("partes"), related_name="convenios"
    )

    recomendaciones = models.ManyToManyField(
        "programa.Recomendacion",
        verbose_name=_("recomendaciones que atiende"),
        blank=True,
        related_name="convenios",
    )

    objects = ConvenioQuerySet.as_manager()
    historial = HistoricalRecords(m2m_fields=[recomendaciones], bases=[RegistroConBorrado])
    registro_este = _("este convenio")

    class Meta:
        verbose_name = _("convenio")
        verbose_name_plural = _("convenios")
        ordering = ["-fecha_firma", "folio"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vigencia_fin__isnull=True)
                | Q(vigencia_inicio__isnull=True)
                | Q(vigencia_fin__gte=F("vigencia_inicio")),
                name="convenio_vigencia_en_orden",
                violation_error_message=_(
                    "El fin de la vigencia no puede ser anterior a su inicio."
                ),
            ),
            # Rango fijo de la base (programa/limites.py); el formulario aplica el que se mueve.
            models.CheckConstraint(
                condition=condicion_fecha(
                    "fecha_firma", "vigencia_inicio", "vigencia_fin", nula=True
                ),
                name="convenio_fechas_plausibles",
                violation_error_message=_(
                    "Las fechas deben estar entre el 01/01/2000 y el 31/12/2100."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.folio} · {self.titulo}"

    def delete(self, *args, **kwargs):
        with borrado_en_grupo():
            return super().delete(*args, **kwargs)

    def estado(self, fecha: dt.date | None = None) -> "Convenio.Estado":
        fecha = fecha or hoy()
        if self.vigencia_fin is None:
            return self.Estado.VIGENTE
        if self.vigencia_fin < fecha:
            return self.Estado.VENCIDO
        if self.vigencia_fin <= fecha + dt.timedelta(days=settings.DIAS_POR_VENCER):
            return self.Estado.POR_VENCER
        return self.Estado.VIGENTE


class ParteConvenio(models.Model):
    class Rol(models.TextChoices):
        FIRMANTE = "firmante", _("Firmante")
        LICENCIANTE = "licenciante", _("Licenciante")
        LICENCIATARIA = "licenciataria", _("Licenciataria")
        COORDINADORA = "coordinadora", _("Coordinadora")
        TESTIGO = "testigo", _("Testigo")

    convenio = models.ForeignKey(
        Convenio, verbose_name=_("convenio"), on_delete=models.CASCADE, related_name="partes"
    )
    institucion = models.ForeignKey(
        Institucion, verbose_name=_("institución"), on_delete=models.PROTECT, related_name="+"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.FIRMANTE)
    historial = HistoricalRecords(bases=[RegistroConBorrado])

    class Meta:
        verbose_name = _("parte del convenio")
        verbose_name_plural = _("partes del convenio")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["convenio", "institucion"],
                name="parte_convenio_unica",
                violation_error_message=_("Esta institución ya es parte del convenio."),
            ),
        ]

    def __str__(self):
        return f"{self.institucion.nombre_corto} ({self.get_rol_display()})"

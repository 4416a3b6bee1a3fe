"""El informe de contribución: un borrador editable que, al marcarse final, queda congelado."""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from capacitaciones.models import Actividad
from convenios.models import Convenio
from programa.limites import condicion_fecha, validar_fecha
from programa.models import Audiencia, Mecanismo, Programa, Recomendacion, Tema
from programa.revision import Cambio, ConRevision


class InformeFinalInmutable(ValidationError):
    """Se intentó cambiar o borrar un informe final."""


def suma_sha256(instantanea: dict) -> str:
    """SHA-256 del JSON canónico (llaves ordenadas, sin espacios) de la instantánea."""
    texto = json.dumps(instantanea, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def validar_tipos_actividad(valor) -> None:
    if not isinstance(valor, list):
        raise ValidationError(_("Los tipos de actividad deben ser una lista."))
    desconocidos = [str(v) for v in valor if v not in Actividad.Tipo.values]
    if desconocidos:
        raise ValidationError(
            _("Tipo de actividad desconocido: %(tipos)s. Elija de la lista."),
            params={"tipos": ", ".join(f"«{t}»" for t in desconocidos)},
        )


class Convocatoria(ConRevision):
    """Una convocatoria de un organismo de la ONU: sus preguntas, fecha límite y límite de palabras.

    La aportación anual es una convocatoria con una sola pregunta abierta (sin texto ni
    criterios): su respuesta es el informe de siempre.
    """

    class Idiomas(models.TextChoices):
        ES = "es", _("Español")
        EN = "en", _("Inglés")
        AMBOS = "es_en", _("Español e inglés")

    organismo = models.CharField(_("organismo"), max_length=30, choices=Mecanismo.choices)
    referencia = models.CharField(
        _("referencia"),
        max_length=200,
        blank=True,
        help_text=_("La resolución o el oficio con que se convoca."),
    )
    titulo = models.CharField(_("título"), max_length=400)
    fecha_limite = models.DateField(_("fecha límite"), validators=[validar_fecha])
    limite_palabras = models.PositiveIntegerField(
        _("límite de palabras"),
        null=True,
        blank=True,
        help_text=_("Vacío si la convocatoria no lo fija."),
    )
    idiomas = models.CharField(
        _("idiomas"), max_length=5, choices=Idiomas.choices, default=Idiomas.ES
    )
    cuerpo = models.TextField(_("texto de la convocatoria"), blank=True)

    registro_este = _("esta convocatoria")

    class Meta:
        verbose_name = _("convocatoria")
        verbose_name_plural = _("convocatorias")
        ordering = ["fecha_limite", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(limite_palabras__isnull=True) | Q(limite_palabras__gt=0),
                name="convocatoria_limite_palabras_positivo",
                violation_error_message=_(
                    "El límite de palabras debe ser un número entero mayor que cero, como 3000."
                ),
            ),
            models.CheckConstraint(
                condition=condicion_fecha("fecha_limite"),
                name="convocatoria_fecha_limite_plausible",
                violation_error_message=_(
                    "La fecha límite debe estar entre el 01/01/2000 y el 31/12/2100."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.titulo} ({self.fecha_limite:%d/%m/%Y})"

    def ultimo_cambio_sin_historial(self) -> Cambio:
        # Sin historial: el aviso dice que otra persona la cambió, sin nombre ni hora.
        return Cambio()

    @property
    def organismo_nombre(self) -> str:
        return self.get_organismo_display()

    def clean(self):
        super().clean()
        if self.limite_palabras is not None and self.limite_palabras <= 0:
            raise ValidationError(
                {
                    "limite_palabras": _(
                        "El límite de palabras debe ser un número entero mayor que cero, como 3000."
                    )
                }
            )


class PreguntaConvocatoria(models.Model):
    """Una pregunta numerada y los registros que la responden.

    Sin criterios, la responde todo lo del periodo del informe (la pregunta abierta). Con
    criterios, solo lo que cumple cada uno: un tema de la lista, un tipo de actividad de la
    lista, una audiencia de la lista, una recomendación de la lista.
    """

    convocatoria = models.ForeignKey(
        Convocatoria,
        verbose_name=_("convocatoria"),
        on_delete=models.CASCADE,
        related_name="preguntas",
    )
    numero = models.PositiveSmallIntegerField(_("número"))
    texto = models.TextField(
        _("pregunta"),
        blank=True,
        help_text=_("Vacía solo en la pregunta abierta: su respuesta va sin encabezado."),
    )
    texto_en = models.TextField(_("pregunta en inglés"), blank=True)
    temas = models.ManyToManyField(Tema, verbose_name=_("temas"), blank=True, related_name="+")
    tipos = models.JSONField(
        _("tipos de actividad"),
        default=list,
        blank=True,
        validators=[validar_tipos_actividad],
    )
    audiencias = models.ManyToManyField(
        Audiencia, verbose_name=_("audiencias"), blank=True, related_name="+"
    )
    recomendaciones = models.ManyToManyField(
        Recomendacion,
        verbose_name=_("recomendaciones"),
        blank=True,
        related_name="preguntas_convocatoria",
    )

    class Meta:
        verbose_name = _("pregunta de la convocatoria")
        verbose_name_plural = _("preguntas de la convocatoria")
        ordering = ["convocatoria", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["convocatoria", "numero"],
                name="pregunta_convocatoria_numero_unico",
                violation_error_message=_("Ya hay una pregunta con ese número en la convocatoria."),
            ),
            models.CheckConstraint(
                condition=Q(numero__gte=1),
                name="pregunta_convocatoria_numero_positivo",
                violation_error_message=_("Las preguntas se numeran desde 1."),
            ),
        ]

    def __str__(self):
        return f"{self.numero}. {self.texto}" if self.texto else f"{self.numero}. (abierta)"

    def clean(self):
        super().clean()
        if self.numero is not None and self.numero < 1:
            raise ValidationError({"numero": _("Las preguntas se numeran desde 1.")})


class InformeContribucionQuerySet(models.QuerySet):
    def finales(self):
        return self.filter(estado=InformeContribucion.Estado.FINAL)

    def borradores(self):
        return self.filter(estado=InformeContribucion.Estado.BORRADOR)


class InformeContribucion(ConRevision):
    """Una aportación (p. ej. a la OACNUDH) para un periodo, en un idioma.

    El borrador guarda el texto editable y los hechos de los que se redactó (``hechos``); el
    final guarda además sus archivos DOCX y PDF en la base de datos (``BinaryField``: viven en la
    misma fila y la misma transacción que la instantánea y la suma, sin archivos huérfanos ni a
    medio escribir, y nunca se sirven desde una URL pública) y la suma SHA-256 de la instantánea.
    Un final no cambia: lo impiden ``save()``/``delete()`` y un disparador en la base de datos.
    """

    class Destinatario(models.TextChoices):
        OACNUDH = "oacnudh", _("OACNUDH")
        CDN = "cdn", _("Comité de los Derechos del Niño")
        RELATORIA = "relatoria", _("Relatoría Especial")
        EPU = "epu", _("Examen Periódico Universal")
        OTRO = "otro", _("Otro")

    class Idioma(models.TextChoices):
        ES = "es", _("Español")
        EN = "en", _("Inglés")

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        FINAL = "final", _("Final")

    titulo = models.CharField(_("título"), max_length=400)
    destinatario = models.CharField(
        _("dirigido a"), max_length=20, choices=Destinatario.choices, default=Destinatario.OACNUDH
    )
    desde = models.DateField(_("periodo desde"), validators=[validar_fecha])
    hasta = models.DateField(_("periodo hasta"), validators=[validar_fecha])
    corte = models.DateField(
        _("fecha de corte"),
        validators=[validar_fecha],
        help_text=_("Lo programado después de esta fecha se redacta en futuro."),
    )
    idioma = models.CharField(_("idioma"), max_length=2, choices=Idioma.choices, default="es")
    limite_palabras = models.PositiveIntegerField(
        _("límite de palabras"),
        null=True,
        blank=True,
        help_text=_("Las convocatorias de la OACNUDH suelen pedir 3,000 palabras como máximo."),
    )
    programa = models.ForeignKey(
        Programa,
        verbose_name=_("programa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vacío: todos los programas."),
    )
    temas = models.ManyToManyField(Tema, verbose_name=_("temas"), blank=True, related_name="+")
    convenios = models.ManyToManyField(
        Convenio, verbose_name=_("convenios"), blank=True, related_name="+"
    )
    incluir_canceladas = models.BooleanField(_("incluir actividades canceladas"), default=False)
    convocatoria = models.ForeignKey(
        Convocatoria,
        verbose_name=_("convocatoria"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="informes",
        help_text=_("Vacío: la aportación anual de siempre, sin preguntas."),
    )
    introduccion = models.TextField(_("introducción"), blank=True)
    cuerpo = models.TextField(
        _("texto"),
        blank=True,
        help_text=_("Párrafos separados por una línea en blanco; viñetas con «- »."),
    )
    cierre = models.TextField(_("cierre"), blank=True)
    # Con convocatoria: [{"numero", "pregunta", "texto"}], una por pregunta; el cuerpo se arma
    # de ellas (pregunta como encabezado) para que exportar, comparar y congelar no cambien.
    respuestas = models.JSONField(_("respuestas"), null=True, blank=True, editable=False)
    hechos = models.JSONField(
        _("hechos"), null=True, blank=True, help_text=_("Los datos de los que se redactó el texto.")
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.BORRADOR
    )
    version = models.PositiveIntegerField(_("versión"), default=1)
    origen = models.ForeignKey(
        "self",
        verbose_name=_("versión anterior"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="versiones",
    )
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    modificado = models.DateTimeField(_("modificado"), auto_now=True)
    modificado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modificado por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    finalizado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalizado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    finalizado = models.DateTimeField(_("finalizado"), null=True, blank=True)
    instantanea = models.JSONField(_("instantánea"), null=True, blank=True, editable=False)
    suma_sha256 = models.CharField(_("suma SHA-256"), max_length=64, blank=True, editable=False)
    docx = models.BinaryField(_("DOCX"), null=True, blank=True, editable=False)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)

    objects = InformeContribucionQuerySet.as_manager()
    registro_este = _("este informe")

    class Meta:
        verbose_name = _("informe de contribución")
        verbose_name_plural = _("informes de contribución")
        ordering = ["-creado", "-id"]
        permissions = [("finalizar_informecontribucion", _("Puede marcar un informe como final"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(hasta__gte=F("desde")),
                name="informe_contribucion_periodo_en_orden",
                violation_error_message=_("La fecha «hasta» no puede ser anterior a «desde»."),
            ),
            models.CheckConstraint(
                condition=Q(estado="borrador")
                | (
                    Q(finalizado__isnull=False, finalizado_por__isnull=False)
                    & Q(instantanea__isnull=False, docx__isnull=False, pdf__isnull=False)
                    & ~Q(suma_sha256="")
                ),
                name="informe_contribucion_final_completo",
                violation_error_message=_(
                    "Un informe final necesita sus archivos, su instantánea, su suma y quién lo "
                    "finalizó."
                ),
            ),
            # Rango fijo de la base (programa/limites.py); el formulario aplica el que se mueve.
            models.CheckConstraint(
                condition=condicion_fecha("desde", "hasta", "corte"),
                name="informe_contribucion_fechas_plausibles",
                violation_error_message=_(
                    "Las fechas deben estar entre el 01/01/2000 y el 31/12/2100."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.titulo} (v{self.version}, {self.get_estado_display().lower()})"

    def save(self, *args, **kwargs):
        if self._final_en_base():
            raise InformeFinalInmutable(
                _("El informe «%(titulo)s» es final y no puede cambiar; inicie una nueva versión.")
                % {"titulo": self.titulo}
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._final_en_base():
            raise InformeFinalInmutable(_("Un informe final no puede borrarse."))
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.desde and self.hasta and self.hasta < self.desde:
            raise ValidationError({"hasta": _("La fecha «hasta» no puede ser anterior a «desde».")})

    def ultimo_cambio_sin_historial(self) -> Cambio:
        # Sin django-simple-history (los finales guardan su propia instantánea): quién y
        # cuándo salen de la fila.
        return Cambio(self.modificado_por, self.modificado)

    @property
    def es_final(self) -> bool:
        return self.estado == self.Estado.FINAL

    def _final_en_base(self) -> bool:
        return bool(self.pk) and (
            type(self).objects.filter(pk=self.pk, estado=self.Estado.FINAL).exists()
        )

    def verificar(self) -> bool:
        """¿La instantánea sigue dando la suma guardada?"""
        return bool(self.instantanea) and suma_sha256(self.instantanea) == self.suma_sha256

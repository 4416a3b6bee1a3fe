"""Fábricas de factory-boy para cada modelo; las entidades federativas vienen de la migración."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from capacitaciones.models import (
    Actividad,
    ActividadInstitucion,
    Evidencia,
    Participacion,
    Producto,
)
from convenios.models import Convenio, ParteConvenio
from informes.models import Convocatoria, PreguntaConvocatoria
from programa.models import (
    Audiencia,
    DocumentoOnu,
    EntidadFederativa,
    Estrategia,
    Institucion,
    Mecanismo,
    MetaOds,
    Programa,
    Recomendacion,
    SeguimientoRecomendacion,
    Tema,
)


def entidad(clave: str) -> EntidadFederativa:
    return EntidadFederativa.objects.get(clave=clave)


class InstitucionFactory(DjangoModelFactory):
    class Meta:
        model = Institucion
        django_get_or_create = ("nombre",)

    nombre = factory.Sequence(lambda n: f"Institución {n}")
    siglas = factory.Sequence(lambda n: f"I{n}")
    tipo = Institucion.Tipo.FEDERAL


class ProgramaFactory(DjangoModelFactory):
    class Meta:
        model = Programa
        django_get_or_create = ("nombre",)

    nombre = "Programa para la Protección y Desarrollo Integral de la Infancia"
    institucion_responsable = factory.SubFactory(InstitucionFactory, nombre="SNDIF de prueba")


class TemaFactory(DjangoModelFactory):
    class Meta:
        model = Tema
        django_get_or_create = ("nombre",)

    nombre = factory.Sequence(lambda n: f"Tema {n}")


class AudienciaFactory(DjangoModelFactory):
    class Meta:
        model = Audiencia
        django_get_or_create = ("nombre",)

    nombre = factory.Sequence(lambda n: f"Audiencia {n}")


class EstrategiaFactory(DjangoModelFactory):
    class Meta:
        model = Estrategia

    nombre = factory.Sequence(lambda n: f"Estrategia Nacional {n}")
    programa = factory.SubFactory(ProgramaFactory)


class ConvenioFactory(DjangoModelFactory):
    class Meta:
        model = Convenio

    folio = factory.Sequence(lambda n: f"CONV-{n:04d}")
    tipo = Convenio.Tipo.COLABORACION
    titulo = factory.Sequence(lambda n: f"Convenio de colaboración {n}")
    objeto = "realizar acciones coordinadas de prevención"
    programa = factory.SubFactory(ProgramaFactory)
    fecha_firma = dt.date(2014, 10, 29)
    vigencia_inicio = dt.date(2014, 10, 29)


class ParteConvenioFactory(DjangoModelFactory):
    class Meta:
        model = ParteConvenio

    convenio = factory.SubFactory(ConvenioFactory)
    institucion = factory.SubFactory(InstitucionFactory)
    rol = ParteConvenio.Rol.FIRMANTE


class ActividadFactory(DjangoModelFactory):
    """Una plática realizada de un día. ``entidades=["24"]`` la sitúa en San Luis Potosí."""

    class Meta:
        model = Actividad
        skip_postgeneration_save = True

    tipo = Actividad.Tipo.PLATICA
    titulo = factory.Sequence(lambda n: f"Plática {n}")
    programa = factory.SubFactory(ProgramaFactory)
    estado = Actividad.Estado.REALIZADA
    fecha_inicio = dt.date(2015, 3, 18)
    fecha_fin = factory.SelfAttribute("fecha_inicio")

    @factory.post_generation
    def entidades(self, create, claves, **kwargs):
        if create and claves:
            self.entidades.set(EntidadFederativa.objects.filter(clave__in=claves))

    @factory.post_generation
    def temas(self, create, temas, **kwargs):
        if create and temas:
            self.temas.set(temas)


class ActividadInstitucionFactory(DjangoModelFactory):
    class Meta:
        model = ActividadInstitucion

    actividad = factory.SubFactory(ActividadFactory)
    institucion = factory.SubFactory(InstitucionFactory)
    rol = ActividadInstitucion.Rol.IMPARTE


class ParticipacionFactory(DjangoModelFactory):
    class Meta:
        model = Participacion

    actividad = factory.SubFactory(ActividadFactory)
    audiencia = factory.SubFactory(AudienciaFactory)
    total = 20


class EvidenciaFactory(DjangoModelFactory):
    class Meta:
        model = Evidencia

    actividad = factory.SubFactory(ActividadFactory)
    tipo = Evidencia.Tipo.LISTA_ASISTENCIA
    archivo = factory.django.FileField(filename="lista.pdf", data=b"%PDF-1.4\n%prueba\n")


class ProductoFactory(DjangoModelFactory):
    class Meta:
        model = Producto

    tipo = Producto.Tipo.ODA
    nombre = factory.Sequence(lambda n: f"Objeto digital {n}")
    convenio = factory.SubFactory(ConvenioFactory)


class DocumentoOnuFactory(DjangoModelFactory):
    """Documentos de prueba con símbolos que no existen en la ONU: nada se confunde con uno real."""

    class Meta:
        model = DocumentoOnu
        django_get_or_create = ("simbolo",)

    simbolo = factory.Sequence(lambda n: f"PRUEBA/C/MEX/{n}")
    mecanismo = Mecanismo.COMITE_DERECHOS_NINO
    titulo = factory.Sequence(lambda n: f"Documento de prueba {n}")
    fecha = dt.date(2015, 6, 5)


class MetaOdsFactory(DjangoModelFactory):
    class Meta:
        model = MetaOds
        django_get_or_create = ("clave",)

    clave = factory.Sequence(lambda n: f"16.{n + 1}")


class RecomendacionFactory(DjangoModelFactory):
    """Párrafos y textos inventados para probar: la demo no los tiene (no se inventan ahí)."""

    class Meta:
        model = Recomendacion
        skip_postgeneration_save = True

    documento = factory.SubFactory(DocumentoOnuFactory)
    parrafo = factory.Sequence(lambda n: str(n + 1))
    texto = factory.Sequence(lambda n: f"Texto de prueba de la recomendación {n}.")

    @factory.post_generation
    def temas(self, create, temas, **kwargs):
        if create and temas:
            self.temas.set(temas)

    @factory.post_generation
    def ods(self, create, ods, **kwargs):
        if create and ods:
            self.ods.set(ods)


class SeguimientoFactory(DjangoModelFactory):
    class Meta:
        model = SeguimientoRecomendacion

    recomendacion = factory.SubFactory(RecomendacionFactory)
    anio = 2015


class ConvocatoriaFactory(DjangoModelFactory):
    """Convocatorias de prueba con títulos inventados (la demo tiene la de 2015)."""

    class Meta:
        model = Convocatoria

    organismo = Mecanismo.OACNUDH
    titulo = factory.Sequence(lambda n: f"Convocatoria de prueba {n}")
    fecha_limite = dt.date(2015, 9, 30)
    limite_palabras = 3000


class PreguntaConvocatoriaFactory(DjangoModelFactory):
    class Meta:
        model = PreguntaConvocatoria
        skip_postgeneration_save = True

    convocatoria = factory.SubFactory(ConvocatoriaFactory)
    numero = factory.Sequence(lambda n: n + 1)
    texto = factory.Sequence(lambda n: f"¿Pregunta de prueba {n}?")

    @factory.post_generation
    def temas(self, create, temas, **kwargs):
        if create and temas:
            self.temas.set(temas)

    @factory.post_generation
    def audiencias(self, create, audiencias, **kwargs):
        if create and audiencias:
            self.audiencias.set(audiencias)

    @factory.post_generation
    def recomendaciones(self, create, recomendaciones, **kwargs):
        if create and recomendaciones:
            self.recomendaciones.set(recomendaciones)

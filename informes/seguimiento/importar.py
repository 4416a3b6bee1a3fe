"""Importar la hoja de recomendaciones: se valida cada fila y se guarda todo o nada.

Columnas: ``mecanismo, documento, parrafo, fecha, texto, texto_en, temas, ods`` (listas
separadas por «;»). La lectura del archivo y los errores por fila y columna son los de la hoja
de actividades (``capacitaciones.hojas``). Una recomendación se identifica por documento y
párrafo: volver a importar la misma hoja actualiza, no duplica.
"""

import re
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction

from capacitaciones.hojas.columnas import partir
from capacitaciones.hojas.lectura import ErrorArchivo, Formato, abrir_hoja
from capacitaciones.hojas.validar import ErrorCelda, leer_catalogo, leer_fecha, texto_celda
from programa.bitacora import evento_registrar
from programa.models import (
    DocumentoOnu,
    Evento,
    Mecanismo,
    MetaOds,
    Recomendacion,
    Tema,
    clave_referencia,
)
from programa.texto import normalizar, sugerencia

COLUMNAS = ("mecanismo", "documento", "parrafo", "fecha", "texto", "texto_en", "temas", "ods")
FORMATO = Formato(
    COLUMNAS,
    pestana="Recomendaciones",
    ayuda="Escriba esos encabezados en la primera fila, en ese orden.",
)
# Una meta ODS se escribe «objetivo.meta»: 16.2, 5.3, 8.7, 17.a.
_META_ODS = re.compile(r"^(?:[1-9]|1[0-7])\.(?:[1-9]|1[0-9]|[a-z])$")
# Un párrafo empieza con su número («42», «42 b)», «120.15»): así se lee la referencia.
_PARRAFO = re.compile(r"^\d")
LARGO_PARRAFO = Recomendacion._meta.get_field("parrafo").max_length
LARGO_SIMBOLO = DocumentoOnu._meta.get_field("simbolo").max_length


class Accion:
    NUEVA = "nueva"
    ACTUALIZA = "actualiza"
    SIN_CAMBIOS = "sin_cambios"
    ERROR = "error"


@dataclass
class FilaRecomendacion:
    numero: int
    simbolo: str = ""
    parrafo: str = ""
    mecanismo: str = ""
    campos: dict = field(default_factory=dict)
    temas: set[int] = field(default_factory=set)
    ods: list[str] = field(default_factory=list)
    errores: list[ErrorCelda] = field(default_factory=list)
    accion: str = Accion.NUEVA

    @property
    def referencia(self) -> str:
        return f"{self.simbolo}{Recomendacion.SEPARADOR}{self.parrafo}"


@dataclass
class Resultado:
    nombre: str
    filas: list[FilaRecomendacion] = field(default_factory=list)
    errores_archivo: list[str] = field(default_factory=list)
    documentos_nuevos: list[str] = field(default_factory=list)
    guardado: bool = False

    @property
    def errores(self) -> list[str]:
        return self.errores_archivo + [str(e) for f in self.filas for e in f.errores]

    @property
    def valido(self) -> bool:
        return not self.errores

    def cuenta(self, accion: str) -> int:
        return sum(1 for f in self.filas if f.accion == accion)


def _indice_mecanismos() -> dict[str, str]:
    indice = {}
    for valor, etiqueta in Mecanismo.choices:
        indice[normalizar(valor)] = valor
        indice[normalizar(str(etiqueta))] = valor
    return indice


class Validador:
    """Los catálogos que cita la hoja, cargados una vez."""

    def __init__(self):
        self.mecanismos = _indice_mecanismos()
        self.documentos = {normalizar(d.simbolo): d for d in DocumentoOnu.objects.all()}
        self.temas = Tema.objects.all()
        self.indice_temas = {normalizar(t.nombre): t for t in self.temas}
        self.vistas: dict[tuple[str, str], int] = {}  # referencia -> fila donde apareció

    def validar(self, numero: int, valores: dict) -> FilaRecomendacion:
        fila = FilaRecomendacion(numero=numero)

        def error(columna: str, mensaje: str):
            fila.errores.append(ErrorCelda(numero, columna, mensaje))

        texto = {c: texto_celda(v) for c, v in valores.items()}
        fila.simbolo = re.sub(r"\s+", " ", texto["documento"])
        fila.parrafo = re.sub(r"\s+", " ", texto["parrafo"])
        documento = self.documentos.get(normalizar(fila.simbolo)) if fila.simbolo else None

        if not fila.simbolo:
            error("documento", "Escriba el símbolo del documento, p. ej. «CRC/C/MEX/CO/4-5».")
        elif len(fila.simbolo) > LARGO_SIMBOLO:
            error("documento", f"El símbolo tiene más de {LARGO_SIMBOLO} caracteres.")
        elif documento is not None:
            fila.simbolo = documento.simbolo  # como está guardado

        if texto["mecanismo"]:
            fila.mecanismo = self.mecanismos.get(normalizar(texto["mecanismo"]), "")
            if not fila.mecanismo:
                nombres = [str(e) for _v, e in Mecanismo.choices]
                parecido = sugerencia(texto["mecanismo"], {normalizar(n): n for n in nombres})
                error(
                    "mecanismo",
                    f"'{texto['mecanismo']}' no es un mecanismo"
                    + (f"; ¿quiso decir {parecido}?" if parecido else ".")
                    + f" Use uno de: {', '.join(nombres)}.",
                )
            elif documento is not None and documento.mecanismo != fila.mecanismo:
                error(
                    "mecanismo",
                    f"El documento {documento.simbolo} es del mecanismo "
                    f"«{documento.get_mecanismo_display()}», no de "
                    f"«{Mecanismo(fila.mecanismo).label}».",
                )
        elif documento is None and fila.simbolo:
            error(
                "mecanismo",
                f"El documento {fila.simbolo} no está registrado: escriba su mecanismo para "
                "crearlo.",
            )

        if not fila.parrafo:
            error("parrafo", "Escriba el párrafo de la recomendación, p. ej. «42» o «42 b)».")
        elif not _PARRAFO.match(fila.parrafo):
            error(
                "parrafo",
                f"'{fila.parrafo}' no empieza con el número del párrafo; escríbalo como en el "
                "documento, p. ej. «42» o «42 b)».",
            )
        elif len(fila.parrafo) > LARGO_PARRAFO:
            error("parrafo", f"El párrafo tiene más de {LARGO_PARRAFO} caracteres.")
        elif fila.simbolo:
            clave = clave_referencia(fila.simbolo, fila.parrafo)
            if clave in self.vistas:
                error(
                    "parrafo",
                    f"La recomendación {fila.referencia} ya aparece en la fila "
                    f"{self.vistas[clave]}; cada recomendación va en una sola fila.",
                )
            else:
                self.vistas[clave] = numero

        fila.campos = {
            "fecha": leer_fecha(valores["fecha"], "fecha", error),
            "texto": texto["texto"],
            "texto_en": texto["texto_en"],
        }
        if not fila.campos["texto"] and not fila.campos["texto_en"]:
            error("texto", "Escriba el texto de la recomendación (en español, en inglés o ambos).")
        fila.temas = leer_catalogo(
            texto["temas"], "temas", self.indice_temas, self.temas, "un tema", error
        )
        for meta in partir(texto["ods"]):
            if _META_ODS.match(meta.lower()):
                fila.ods.append(meta.lower())
            else:
                error(
                    "ods",
                    f"'{meta}' no es una meta ODS; escríbala como objetivo.meta, p. ej. 16.2.",
                )
        if fila.errores:
            fila.accion = Accion.ERROR
        return fila


def recomendaciones_importar(*, archivo, nombre: str, guardar: bool, usuario=None) -> Resultado:
    """Valida la hoja y, si ``guardar`` y no hay un solo error, la guarda en una transacción."""
    resultado = Resultado(nombre=nombre)
    try:
        with abrir_hoja(archivo, nombre, FORMATO) as hoja:
            validador = Validador()
            resultado.filas = [validador.validar(n, valores) for n, valores in hoja.filas]
    except ErrorArchivo as error:
        resultado.errores_archivo = error.mensajes
        resultado.filas = []
        return resultado
    if not resultado.filas:
        resultado.errores_archivo = [f"El archivo «{nombre}» no tiene filas de recomendaciones."]
        return resultado
    if not resultado.valido:
        return resultado
    try:
        with transaction.atomic():
            _escribir(resultado, validador, usuario)
            if not guardar:
                transaction.set_rollback(True)
                return resultado
            resultado.guardado = True
            evento_registrar(
                tipo=Evento.Tipo.IMPORTACION,
                usuario=usuario,
                descripcion=f"Recomendaciones «{nombre}»: {resultado.cuenta(Accion.NUEVA)} "
                f"nuevas, {resultado.cuenta(Accion.ACTUALIZA)} actualizadas, "
                f"{resultado.cuenta(Accion.SIN_CAMBIOS)} sin cambios",
            )
    except DatabaseError:
        resultado.guardado = False
        resultado.errores_archivo.append(
            "La base de datos rechazó la importación (¿alguien guardó las mismas "
            "recomendaciones al mismo tiempo?). No se guardó nada; vuelva a intentarlo."
        )
    return resultado


def _escribir(resultado: Resultado, validador: Validador, usuario) -> None:
    """Crea los documentos y metas que faltan y guarda cada recomendación que cambió.

    Sin ``guardar`` corre igual dentro de una transacción que se deshace: la prueba cuenta
    exactamente lo que haría la importación.
    """
    motivo = f"Importación de la hoja «{resultado.nombre}»"
    metas = {m.clave: m for m in MetaOds.objects.all()}
    for clave in sorted({c for fila in resultado.filas for c in fila.ods} - set(metas)):
        metas[clave] = MetaOds.objects.create(clave=clave)
    existentes = Recomendacion.objects.prefetch_related("temas", "ods").indice()
    for fila in resultado.filas:
        documento = validador.documentos.get(normalizar(fila.simbolo))
        if documento is None:
            documento = DocumentoOnu(simbolo=fila.simbolo, mecanismo=fila.mecanismo)
            documento._history_user = usuario
            documento._change_reason = motivo
            documento.save()
            validador.documentos[normalizar(fila.simbolo)] = documento
            resultado.documentos_nuevos.append(documento.simbolo)
        recomendacion = existentes.get(clave_referencia(fila.simbolo, fila.parrafo))
        ods = {metas[c].pk for c in fila.ods}
        if recomendacion is None:
            recomendacion = Recomendacion(documento=documento, parrafo=fila.parrafo)
        else:
            igual = all(getattr(recomendacion, c) == v for c, v in fila.campos.items())
            if (
                igual
                and {t.pk for t in recomendacion.temas.all()} == fila.temas
                and {o.pk for o in recomendacion.ods.all()} == ods
            ):
                fila.accion = Accion.SIN_CAMBIOS
                continue
            fila.accion = Accion.ACTUALIZA
        for campo, valor in fila.campos.items():
            setattr(recomendacion, campo, valor)
        recomendacion._history_user = usuario
        recomendacion._change_reason = motivo
        recomendacion.save()
        recomendacion.temas.set(fila.temas)
        recomendacion.ods.set(ods)

"""Leer y validar las celdas de una fila de la hoja de actividades.

``Catalogos.validar()`` convierte cada fila en valores con tipo (fechas, números, catálogos
buscados con sugerencias, desglose por sexo, propósito) y sus errores, sin escribir nada ni
mirar la actividad guardada con el mismo folio (eso es ``guardar``).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from capacitaciones.hojas.columnas import (
    OPCIONES,
    POR_OMISION,
    ROLES,
    etiqueta,
    indice_opciones,
    leer_participante,
    partir,
)
from capacitaciones.models import Actividad, Participacion, desglose_actividad_errores
from convenios.models import Convenio
from programa.fechas import ajustar
from programa.limites import error_fecha, error_participantes
from programa.models import (
    Audiencia,
    EntidadFederativa,
    Institucion,
    Programa,
    Recomendacion,
    Tema,
    clave_referencia,
)
from programa.texto import normalizar, sugerencia


class Accion:
    NUEVA = "nueva"
    ACTUALIZA = "actualiza"
    SIN_CAMBIOS = "sin_cambios"
    ERROR = "error"

    ETIQUETAS = {
        NUEVA: "Nueva",
        ACTUALIZA: "Actualiza",
        SIN_CAMBIOS: "Sin cambios",
        ERROR: "Error",
    }


@dataclass
class ErrorCelda:
    fila: int
    columna: str  # vacía si el error es de la fila entera
    mensaje: str

    def __str__(self):
        donde = f"Fila {self.fila}" + (f", columna «{self.columna}»" if self.columna else "")
        return f"{donde}: {self.mensaje}"


@dataclass
class FilaImportada:
    numero: int
    folio: str = ""
    titulo: str = ""
    accion: str = Accion.NUEVA
    errores: list[ErrorCelda] = field(default_factory=list)
    campos: dict = field(default_factory=dict, repr=False)
    relaciones: dict = field(default_factory=dict, repr=False)
    existente: Actividad | None = field(default=None, repr=False)
    cambios: set[str] = field(default_factory=set, repr=False)  # campos y relaciones
    revision_hoja: int | None = None  # la columna «revision» de una hoja exportada

    @property
    def accion_etiqueta(self) -> str:
        return Accion.ETIQUETAS[self.accion]


def folio_repetido(fila: FilaImportada, vistos: dict[str, int]) -> None:
    """Un folio que ya apareció en otra fila de la hoja (``vistos``: folio -> fila)."""
    if not fila.folio:
        return
    if fila.folio in vistos:
        fila.errores.append(
            ErrorCelda(
                fila.numero,
                "folio",
                f"El folio '{fila.folio}' ya aparece en la fila "
                f"{vistos[fila.folio]}; cada actividad va en una sola fila.",
            )
        )
    else:
        vistos[fila.folio] = fila.numero


class Catalogos:
    """Los catálogos que cita una hoja, cargados una vez por importación."""

    def __init__(self, columnas: dict[str, int]):
        self.columnas = columnas
        self.entidades = EntidadFederativa.objects.all()
        self.indice_entidades = self.entidades.indice()  # evalúa y guarda la consulta
        self.temas = Tema.objects.all()
        self.indice_temas = {normalizar(t.nombre): t for t in self.temas}
        self.audiencias = Audiencia.objects.all()
        self.indice_audiencias = {normalizar(a.nombre): a for a in self.audiencias}
        # Por nombre o por siglas; unas siglas de dos instituciones no identifican a ninguna.
        self.instituciones: dict[str, Institucion | None] = {}
        self.nombres_instituciones: dict[str, str] = {}
        por_siglas: dict[str, list[Institucion]] = {}
        for institucion in Institucion.objects.all():
            self.instituciones[normalizar(institucion.nombre)] = institucion
            self.nombres_instituciones[normalizar(institucion.nombre)] = institucion.nombre
            if institucion.siglas:
                por_siglas.setdefault(normalizar(institucion.siglas), []).append(institucion)
        for clave, con_esas_siglas in por_siglas.items():
            if clave not in self.instituciones:
                self.instituciones[clave] = (
                    con_esas_siglas[0] if len(con_esas_siglas) == 1 else None
                )
                self.nombres_instituciones[clave] = con_esas_siglas[0].siglas
        self.convenios = {normalizar(c.folio): c for c in Convenio.objects.all()}
        self.folios_convenios = {normalizar(c.folio): c.folio for c in self.convenios.values()}
        self.programas = list(Programa.objects.all()[:2])
        # Solo si la hoja trae la columna: sin ella, los vínculos no se leen ni se tocan.
        self.recomendaciones = (
            Recomendacion.objects.indice() if "recomendaciones" in columnas else {}
        )
        # Referencia mal escrita -> la parecida: una misma errata suele copiarse en muchas filas.
        self.recomendaciones_parecidas: dict[str, str | None] = {}
        self.opciones = {columna: indice_opciones(choices) for columna, choices in OPCIONES.items()}

    # -- una fila --------------------------------------------------------------------------

    def validar(self, numero: int, valores: dict) -> FilaImportada:
        fila = FilaImportada(numero=numero)

        def error(columna: str, mensaje: str):
            fila.errores.append(ErrorCelda(numero, columna, mensaje))

        texto = {c: texto_celda(v) for c, v in valores.items()}
        fila.folio = texto["folio"]
        fila.titulo = texto["titulo"]
        campos = {c: texto[c] for c in ("titulo", "sede", "descripcion", "motivo")}
        if "proposito" in texto:  # columna opcional: sin ella, el propósito no se toca
            campos["proposito"] = texto["proposito"]
        if not fila.titulo:
            error("titulo", "Escriba el título de la actividad.")

        for columna, choices in OPCIONES.items():
            valor = texto[columna]
            if not valor:
                if columna in POR_OMISION:
                    campos[columna] = POR_OMISION[columna]
                else:
                    error(columna, f"Escriba el {columna} de la actividad.")
                continue
            encontrado = self.opciones[columna].get(normalizar(valor))
            if encontrado is None:
                permitidos = [str(e) for _, e in choices.choices]
                parecido = sugerencia(valor, {normalizar(p): p for p in permitidos})
                error(
                    columna,
                    f"'{valor}' no es un valor de «{columna}»"
                    + (f"; ¿quiso decir {parecido}?" if parecido else ".")
                    + f" Use uno de: {', '.join(permitidos)}.",
                )
            else:
                campos[columna] = encontrado

        inicio = self._fecha(valores["fecha_inicio"], "fecha_inicio", error)
        fin = self._fecha(valores["fecha_fin"], "fecha_fin", error)
        if inicio is None and not texto["fecha_inicio"]:
            error("fecha_inicio", "Escriba la fecha de inicio.")
        if inicio and fin and fin < inicio:
            error(
                "fecha_fin",
                f"La fecha de término ({fin:%d/%m/%Y}) es anterior a la de inicio "
                f"({inicio:%d/%m/%Y}).",
            )
        elif inicio and "precision" in campos:
            # Con precisión de mes o más gruesa, cualquier fecha dentro identifica el periodo.
            campos["fecha_inicio"], campos["fecha_fin"] = ajustar(inicio, fin, campos["precision"])

        if campos.get("estado") in Actividad.ESTADOS_CON_MOTIVO and not campos["motivo"]:
            error(
                "motivo",
                f"Escriba el motivo: es obligatorio cuando la actividad está "
                f"{etiqueta(Actividad.Estado, campos['estado']).lower()}.",
            )

        campos["convenio"] = None
        if texto["convenio"]:
            convenio = self.convenios.get(normalizar(texto["convenio"]))
            if convenio is None:
                parecido = sugerencia(texto["convenio"], self.folios_convenios)
                error(
                    "convenio",
                    f"No hay un convenio con folio '{texto['convenio']}'"
                    + (f"; ¿quiso decir {parecido}?" if parecido else "."),
                )
            campos["convenio"] = convenio

        relaciones = {
            "entidades": self._entidades(texto["entidades"], "entidades", error),
            "entidades_participantes": self._entidades(
                texto["entidades_participantes"], "entidades_participantes", error
            ),
            "temas": self._catalogo(
                texto["temas"], "temas", self.indice_temas, self.temas, "un tema", error
            ),
            "instituciones": {
                rol: self._instituciones(texto[rol], rol, error)
                for rol in ROLES
                if rol in self.columnas
            },
            "participaciones": self._participaciones(texto, error, campos),
        }
        if "recomendaciones" in self.columnas:
            relaciones["recomendaciones"] = self._recomendaciones(texto["recomendaciones"], error)

        if "revision" in self.columnas:
            fila.revision_hoja = _entero(valores["revision"], "revision", error)
            if fila.revision_hoja == 0:
                error("revision", "La revisión la escribe la exportación y empieza en 1.")

        self._validar_modelo(fila, campos, error)
        fila.campos = campos
        fila.relaciones = relaciones
        return fila

    def _validar_modelo(self, fila: FilaImportada, campos: dict, error) -> None:
        """Las reglas del modelo (longitudes, fechas según la precisión, el motivo)."""
        con_error = {e.columna for e in fila.errores}
        actividad = Actividad(
            folio=fila.folio or "ACT-00000000", **{k: v for k, v in campos.items() if v}
        )
        excluir = ["programa", "convenio", "estrategia", *con_error]
        if not campos.get("fecha_inicio"):
            excluir += ["fecha_inicio", "fecha_fin"]
        try:
            actividad.clean_fields(exclude=excluir)
        except ValidationError as errores:
            _agregar(errores, error)
        if not con_error & {"fecha_inicio", "fecha_fin", "precision", "estado"} and campos.get(
            "fecha_inicio"
        ):
            try:
                actividad.clean()
            except ValidationError as errores:
                _agregar(errores, error, ya_dichas={e.columna for e in fila.errores})

    def _fecha(self, valor, columna: str, error) -> dt.date | None:
        fecha = leer_fecha(valor, columna, error)
        if fecha is not None and (mensaje := error_fecha(fecha)):
            error(columna, mensaje)
            return None
        return fecha

    def _entidades(self, texto: str, columna: str, error) -> set[str]:
        claves = set()
        for parte in partir(texto):
            buscada = parte.zfill(2) if parte.isdigit() else parte
            entidad = self.indice_entidades.get(normalizar(buscada))
            if entidad is None:
                parecida = self.entidades.sugerir(parte)
                error(
                    columna,
                    f"'{parte}' no es una entidad federativa"
                    + (f"; ¿quiso decir {parecida}?" if parecida else "."),
                )
            else:
                claves.add(entidad.pk)
        return claves

    def _catalogo(self, texto, columna, indice, queryset, que: str, error) -> set[int]:
        return leer_catalogo(texto, columna, indice, queryset, que, error)

    def _recomendaciones(self, texto: str, error) -> set[int]:
        ids = set()
        for parte in partir(texto):
            try:
                clave = clave_referencia(*Recomendacion.partir_referencia(parte))
            except ValueError:
                clave = None
            recomendacion = self.recomendaciones.get(clave)
            if recomendacion is not None:
                ids.add(recomendacion.pk)
                continue
            if (escrita := normalizar(parte)) not in self.recomendaciones_parecidas:
                self.recomendaciones_parecidas[escrita] = Recomendacion.objects.sugerir(
                    parte, self.recomendaciones
                )
            parecida = self.recomendaciones_parecidas[escrita]
            forma = (
                ""
                if clave
                else " Escríbala como «DOCUMENTO párr. N», p. ej. «CRC/C/MEX/CO/4-5 párr. 42»."
            )
            error(
                "recomendaciones",
                f"'{parte}' no es una recomendación registrada"
                + (f"; ¿quiso decir {parecida}?" if parecida else ".")
                + forma,
            )
        return ids

    def _instituciones(self, texto: str, columna: str, error) -> set[int]:
        ids = set()
        for parte in partir(texto):
            clave = normalizar(parte)
            if clave not in self.instituciones:
                parecida = sugerencia(parte, self.nombres_instituciones)
                error(
                    columna,
                    f"'{parte}' no es una institución registrada (por nombre o siglas)"
                    + (f"; ¿quiso decir {parecida}?" if parecida else "."),
                )
            elif self.instituciones[clave] is None:
                error(
                    columna,
                    f"Las siglas '{parte}' son de más de una institución; escriba el nombre.",
                )
            else:
                ids.add(self.instituciones[clave].pk)
        return ids

    def _participaciones(self, texto: dict, error, campos: dict) -> dict[int, tuple]:
        """Audiencia -> (total, mujeres, hombres), con las columnas mujeres y hombres.

        Con varias audiencias sin desglose propio, las columnas son el de toda la actividad
        (van a ``campos``)."""
        campos["mujeres"] = campos["hombres"] = None
        participaciones: dict[int, list] = {}
        nombres: dict[int, str] = {}
        for parte in partir(texto["participantes"]):
            partes = leer_participante(parte)
            if partes is None:
                error(
                    "participantes",
                    f"'{parte}' no tiene la forma «Audiencia=N» o "
                    "«Audiencia=N (M mujeres, H hombres)».",
                )
                continue
            audiencia = self.indice_audiencias.get(normalizar(partes["audiencia"]))
            if audiencia is None:
                parecida = self.audiencias.sugerir(partes["audiencia"])
                error(
                    "participantes",
                    f"'{partes['audiencia']}' no es una audiencia del catálogo"
                    + (f"; ¿quiso decir {parecida}?" if parecida else "."),
                )
                continue
            if audiencia.pk in participaciones:
                error("participantes", f"La audiencia '{audiencia}' aparece dos veces.")
                continue
            numeros = [
                _entero(partes[c], "participantes", error, f"{c} de {audiencia}", acotado=True)
                for c in ("total", "mujeres", "hombres")
            ]
            participaciones[audiencia.pk] = numeros
            nombres[audiencia.pk] = audiencia.nombre

        mujeres = _entero(texto["mujeres"], "mujeres", error)
        hombres = _entero(texto["hombres"], "hombres", error)
        if mujeres is not None or hombres is not None:
            con_desglose = any(
                m is not None or h is not None for _, m, h in participaciones.values()
            )
            if not participaciones:
                error(
                    "mujeres",
                    "Escriba en «participantes» la audiencia a la que pertenecen las mujeres y "
                    "los hombres.",
                )
            elif con_desglose:
                for columna, posicion, valor in (("mujeres", 1, mujeres), ("hombres", 2, hombres)):
                    suma = _suma(p[posicion] for p in participaciones.values())
                    if valor is not None and valor != suma:
                        error(
                            columna,
                            f"Dice {valor}, pero el desglose de «participantes» suma "
                            f"{suma if suma is not None else 'nada'}.",
                        )
            elif len(participaciones) == 1:
                (numeros,) = participaciones.values()
                numeros[1], numeros[2] = mujeres, hombres
                for columna, valor in (("mujeres", mujeres), ("hombres", hombres)):
                    if valor is not None and (mensaje := error_participantes(valor)):
                        error(columna, mensaje)
            else:
                errores = desglose_actividad_errores(mujeres, hombres, participaciones.values())
                for mensaje in errores:
                    error("mujeres", str(mensaje))
                if not errores:
                    campos["mujeres"], campos["hombres"] = mujeres, hombres
        for audiencia_id, (total, m, h) in participaciones.items():
            try:
                Participacion(total=total, mujeres=m, hombres=h).clean()
            except ValidationError as errores:
                for mensaje in errores.messages:
                    error("participantes", f"{nombres[audiencia_id]}: {mensaje}")
        return {a: tuple(n) for a, n in participaciones.items()}


# -- valores de celda (también para otras hojas) -------------------------------------------


def leer_fecha(valor, columna: str, error) -> dt.date | None:
    """Una fecha de la celda: de Excel, AAAA-MM-DD o DD/MM/AAAA; None si está vacía."""
    if valor is None or valor == "":
        return None
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    texto = texto_celda(valor)
    if not texto:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", texto)
    mexicana = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", texto)
    if iso:
        anio, mes, dia = (int(x) for x in iso.groups())
    elif mexicana:
        dia, mes, anio = (int(x) for x in mexicana.groups())
    else:
        error(columna, f"'{texto}' no es una fecha con formato AAAA-MM-DD ni DD/MM/AAAA.")
        return None
    try:
        return dt.date(anio, mes, dia)
    except ValueError:
        error(columna, f"'{texto}' no es una fecha que exista.")
        return None


def leer_catalogo(texto, columna, indice, queryset, que: str, error) -> set[int]:
    """Los elementos de un catálogo en una celda «a; b; c», con sugerencia para los que no
    existen (``indice``: nombre normalizado -> elemento; ``queryset.sugerir``)."""
    ids = set()
    for parte in partir(texto):
        elemento = indice.get(normalizar(parte))
        if elemento is None:
            parecido = queryset.sugerir(parte)
            error(
                columna,
                f"'{parte}' no es {que} del catálogo"
                + (f"; ¿quiso decir {parecido}?" if parecido else "."),
            )
        else:
            ids.add(elemento.pk)
    return ids


def texto_celda(valor) -> str:
    """El texto de una celda, sin espacios alrededor y sin el apóstrofo de la exportación."""
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, dt.datetime):
        return valor.date().isoformat()
    texto = str(valor).strip()
    if texto[:1] == "'" and texto[1:2] in ("=", "+", "-", "@"):
        return texto[1:]  # el apóstrofo con que la exportación neutraliza una «fórmula»
    return texto


# Con más cifras, int() ni siquiera se intenta: Python rechaza convertir textos de más de 4,300
# dígitos (ValueError) y la base no guarda más de 19.
CIFRAS_MAXIMAS = 30


def _entero(valor, columna: str, error, que: str | None = None, acotado=False) -> int | None:
    """Un entero no negativo de la celda; con ``acotado``, además, plausible por audiencia."""
    texto = texto_celda(valor)
    if not texto:
        return None
    que = que or columna
    titulo = f"{que[0].upper()}{que[1:]}"
    if not re.fullmatch(r"[+-]?[0-9]+", texto):
        error(columna, f"'{texto}' no es un número entero ({que}).")
        return None
    if (cifras := len(texto.lstrip("+-").lstrip("0"))) > CIFRAS_MAXIMAS:
        error(columna, f"{titulo}: un número de {cifras} cifras no es una cantidad de personas.")
        return None
    numero = int(texto)
    if numero < 0:
        error(columna, f"{titulo} no puede ser negativo ({numero}).")
        return None
    if acotado and (mensaje := error_participantes(numero)):
        error(columna, f"{titulo}: {mensaje}")
        return None
    return numero


def _suma(valores) -> int | None:
    presentes = [v for v in valores if v is not None]
    return sum(presentes) if presentes else None


def _agregar(errores: ValidationError, error, ya_dichas=frozenset()) -> None:
    for campo, mensajes in errores.message_dict.items():
        columna = "" if campo == NON_FIELD_ERRORS else campo
        if columna in ya_dichas:
            continue
        for mensaje in mensajes:
            error(columna, mensaje)

"""Importar una hoja de actividades: se valida cada fila y se guarda todo o nada.

``actividades_importar()`` es la única escritura: lee la hoja (ver ``lectura``), compara cada
fila con los catálogos (cargados una vez) y con la actividad del mismo folio, y, si no hay un
solo error y se pidió guardar, escribe todo en una transacción con inserciones y
actualizaciones por lotes. Cuando exista el historial de auditoría, se registra aquí.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction

from capacitaciones.hojas.columnas import (
    OPCIONES,
    POR_OMISION,
    ROLES,
    etiqueta,
    indice_opciones,
    leer_participante,
    partir,
)
from capacitaciones.hojas.lectura import ErrorArchivo, abrir_hoja
from capacitaciones.models import (
    Actividad,
    ActividadInstitucion,
    Participacion,
    desglose_actividad_errores,
)
from convenios.models import Convenio
from programa.alcance import entidades_asignadas
from programa.bitacora import evento_registrar
from programa.fechas import ajustar
from programa.historial import historial_en_lote
from programa.limites import error_fecha, error_participantes
from programa.models import Audiencia, EntidadFederativa, Evento, Institucion, Programa, Tema
from programa.revision import Cambio, ultimos_cambios
from programa.texto import normalizar, sugerencia
from programa.versiones import anios_entre, datos_cambiados, en_lote

LOTE = 500
# Campos de Actividad que vienen de la hoja (el resto no se toca al actualizar).
CAMPOS = (
    "tipo",
    "titulo",
    "estado",
    "fecha_inicio",
    "fecha_fin",
    "precision",
    "modalidad",
    "sede",
    "descripcion",
    "motivo",
    "convenio",
    "mujeres",
    "hombres",
)
RELACIONES_M2M = ("entidades", "entidades_participantes", "temas")


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


@dataclass
class Resultado:
    nombre: str
    filas: list[FilaImportada] = field(default_factory=list)
    errores_archivo: list[str] = field(default_factory=list)
    guardado: bool = False

    @property
    def errores(self) -> list[str]:
        return self.errores_archivo + [str(e) for f in self.filas for e in f.errores]

    @property
    def valido(self) -> bool:
        return not self.errores

    def revisiones(self) -> dict[str, int]:
        """Folio -> revisión de cada actividad existente, como la vio esta validación."""
        return {f.folio: f.existente.revision for f in self.filas if f.existente is not None}

    def cuenta(self, accion: str) -> int:
        return sum(1 for f in self.filas if f.accion == accion)

    @property
    def conteo(self) -> dict[str, int]:
        return {
            "nuevas": self.cuenta(Accion.NUEVA),
            "actualizadas": self.cuenta(Accion.ACTUALIZA),
            "sin_cambios": self.cuenta(Accion.SIN_CAMBIOS),
            "con_error": self.cuenta(Accion.ERROR),
        }


def actividades_importar(
    *,
    archivo,
    nombre: str,
    guardar: bool,
    usuario=None,
    avance: Callable[[int], None] | None = None,
    al_abrir: Callable[[int | None], None] | None = None,
    revisiones_vistas: dict[str, int] | None = None,
) -> Resultado:
    """Valida la hoja y, si ``guardar`` y no hay errores, la guarda en una transacción.

    ``usuario`` es quien importa (para el historial de auditoría, cuando exista).
    ``revisiones_vistas`` (folio -> revisión, de ``Resultado.revisiones()`` de la vista previa)
    rechaza las filas cuya actividad cambió entre la vista previa y la confirmación.
    ``al_abrir(total_estimado)`` y ``avance(n)`` alimentan una barra de progreso.
    """
    resultado = Resultado(nombre=nombre)
    try:
        with abrir_hoja(archivo, nombre) as hoja:
            if al_abrir:
                al_abrir(hoja.total_estimado)
            catalogos = Catalogos(hoja.columnas)
            vistos: dict[str, int] = {}
            for numero, valores in hoja.filas:
                fila = catalogos.validar(numero, valores)
                if fila.folio:
                    if fila.folio in vistos:
                        fila.errores.append(
                            ErrorCelda(
                                numero,
                                "folio",
                                f"El folio '{fila.folio}' ya aparece en la fila "
                                f"{vistos[fila.folio]}; cada actividad va en una sola fila.",
                            )
                        )
                    else:
                        vistos[fila.folio] = numero
                resultado.filas.append(fila)
                if avance:
                    avance(1)
    except ErrorArchivo as error:
        resultado.errores_archivo = error.mensajes
        resultado.filas = []
        return resultado
    if not resultado.filas:
        resultado.errores_archivo = [f"El archivo «{nombre}» no tiene filas de actividades."]
        return resultado

    try:
        with transaction.atomic():
            alcance = entidades_asignadas(usuario) if usuario is not None else None
            _comparar_con_existentes(
                resultado.filas,
                catalogos.programas,
                usuario,
                alcance,
                bloquear=guardar,
                vistas=revisiones_vistas,
            )
            if alcance is not None:
                nombres = {e.clave: e.nombre_corto for e in catalogos.entidades}
                for fila in resultado.filas:
                    _revisar_alcance(fila, alcance, nombres)
            for fila in resultado.filas:
                if fila.errores:
                    fila.accion = Accion.ERROR
            if guardar and resultado.valido:
                _guardar(
                    resultado.filas,
                    roles=[rol for rol in ROLES if rol in catalogos.columnas],
                    programa=catalogos.programas[0] if catalogos.programas else None,
                    usuario=usuario,
                    motivo=f"Importación de la hoja «{nombre}»",
                )
                resultado.guardado = True
                evento_registrar(
                    tipo=Evento.Tipo.IMPORTACION,
                    usuario=usuario,
                    descripcion=f"«{nombre}»: "
                    + ", ".join(f"{n} {clave}" for clave, n in resultado.conteo.items()),
                )
    except DatabaseError:
        # Las reglas de la base de datos son las mismas que se validaron; esto solo pasa si
        # alguien más guardó a la vez (p. ej. el mismo folio).
        resultado.guardado = False
        resultado.errores_archivo.append(
            "La base de datos rechazó la importación (¿alguien guardó las mismas actividades "
            "al mismo tiempo?). No se guardó nada; vuelva a intentarlo."
        )
    return resultado


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
        self.opciones = {columna: indice_opciones(choices) for columna, choices in OPCIONES.items()}

    # -- una fila --------------------------------------------------------------------------

    def validar(self, numero: int, valores: dict) -> FilaImportada:
        fila = FilaImportada(numero=numero)

        def error(columna: str, mensaje: str):
            fila.errores.append(ErrorCelda(numero, columna, mensaje))

        texto = {c: _texto(v) for c, v in valores.items()}
        fila.folio = texto["folio"]
        fila.titulo = texto["titulo"]
        campos = {c: texto[c] for c in ("titulo", "sede", "descripcion", "motivo")}
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
        if valor is None or valor == "":
            return None
        if isinstance(valor, dt.datetime):
            return self._plausible(valor.date(), columna, error)
        if isinstance(valor, dt.date):
            return self._plausible(valor, columna, error)
        texto = _texto(valor)
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
            fecha = dt.date(anio, mes, dia)
        except ValueError:
            error(columna, f"'{texto}' no es una fecha que exista.")
            return None
        return self._plausible(fecha, columna, error)

    @staticmethod
    def _plausible(fecha: dt.date, columna: str, error) -> dt.date | None:
        if mensaje := error_fecha(fecha):
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


# -- comparar y guardar --------------------------------------------------------------------


def _existentes(folios: list[str], usuario, *, bloquear: bool = False) -> dict[str, Actividad]:
    """Las actividades con esos folios que la persona ve, con sus relaciones, por lotes
    (consultas constantes). Una de otra entidad no está, como si no existiera.

    Al guardar, bloqueadas hasta el final de la transacción: la revisión comparada es la que
    se sube, sin que otra persona guarde en medio.
    """
    existentes = {}
    visibles = Actividad.objects.visibles_para(usuario) if usuario else Actividad.objects.all()
    for inicio in range(0, len(folios), LOTE):
        consulta = visibles.filter(folio__in=folios[inicio : inicio + LOTE])
        if bloquear:
            consulta = consulta.select_for_update()
        consulta = consulta.prefetch_related(
            *RELACIONES_M2M, "participaciones", "actividadinstitucion_set"
        )
        existentes |= {a.folio: a for a in consulta}
    return existentes


def _relaciones_de(actividad: Actividad, roles) -> dict:
    instituciones = {rol: set() for rol in roles}
    for ai in actividad.actividadinstitucion_set.all():
        if ai.rol in instituciones:
            instituciones[ai.rol].add(ai.institucion_id)
    return {
        "entidades": {e.pk for e in actividad.entidades.all()},
        "entidades_participantes": {e.pk for e in actividad.entidades_participantes.all()},
        "temas": {t.pk for t in actividad.temas.all()},
        "instituciones": instituciones,
        "participaciones": {
            p.audiencia_id: (p.total, p.mujeres, p.hombres) for p in actividad.participaciones.all()
        },
    }


def _comparar_con_existentes(
    filas: list[FilaImportada],
    programas: list[Programa],
    usuario,
    alcance,
    *,
    bloquear=False,
    vistas=None,
) -> None:
    existentes = _existentes([f.folio for f in filas if f.folio], usuario, bloquear=bloquear)
    vencidas: list[tuple[FilaImportada, str]] = []
    for fila in filas:
        fila.existente = existentes.get(fila.folio) if fila.folio else None
        if fila.existente is None and fila.folio and alcance is not None:
            # Un enlace no elige el folio de una actividad nueva: si pudiera, «ese folio ya
            # existe» revelaría las actividades de otras entidades. El mismo mensaje para un
            # folio que no existe y uno que no es suyo.
            fila.errores.append(
                ErrorCelda(
                    fila.numero,
                    "folio",
                    f"No hay una actividad con el folio '{fila.folio}' en sus entidades. Para "
                    "registrar una actividad nueva, deje el folio vacío: el sistema le asigna "
                    "uno.",
                )
            )
        if fila.existente is None:
            fila.accion = Accion.NUEVA
            if len(programas) != 1:
                fila.errores.append(
                    ErrorCelda(
                        fila.numero,
                        "",
                        "No hay un programa registrado al que asignar la actividad."
                        if not programas
                        else "Hay varios programas registrados; la hoja no dice a cuál va.",
                    )
                )
            continue
        actividad = fila.existente
        fila.cambios = {
            campo
            for campo, valor in fila.campos.items()
            if (
                actividad.convenio_id != (valor.pk if valor else None)
                if campo == "convenio"
                else getattr(actividad, campo) != valor
            )
        }
        actuales = _relaciones_de(actividad, fila.relaciones["instituciones"].keys())
        fila.cambios |= {r for r, valor in actuales.items() if fila.relaciones[r] != valor}
        fila.accion = Accion.ACTUALIZA if fila.cambios else Accion.SIN_CAMBIOS
        # Solo una fila que escribiría puede borrar el cambio de otra persona.
        if fila.accion == Accion.ACTUALIZA:
            if fila.revision_hoja is not None and fila.revision_hoja != actividad.revision:
                vencidas.append((fila, "revision"))
            elif vistas is not None and vistas.get(fila.folio) != actividad.revision:
                vencidas.append((fila, ""))
    _rechazar_vencidas(vencidas)


def _rechazar_vencidas(vencidas: list[tuple[FilaImportada, str]]) -> None:
    """Un error por fila cuya actividad cambió después de exportar la hoja o de la vista
    previa, con quién y cuándo la cambió."""
    cambios = ultimos_cambios(Actividad, (f.existente.pk for f, _ in vencidas))
    for fila, columna in vencidas:
        frase = cambios.get(fila.existente.pk, Cambio()).frase("esta actividad")
        if columna:
            mensaje = (
                f"La actividad {fila.folio} cambió después de exportar esta hoja (revisión "
                f"{fila.revision_hoja} en la hoja, {fila.existente.revision} ahora): {frase}. "
                "Para no borrar ese cambio no se guardó nada; exporte de nuevo la actividad y "
                "vuelva a hacer sus cambios en la hoja nueva."
            )
        else:
            mensaje = (
                f"La actividad {fila.folio} cambió después de la vista previa: {frase}. "
                "Para no borrar ese cambio no se guardó nada; suba el archivo de nuevo para "
                "ver la vista previa actualizada."
            )
        fila.errores.append(ErrorCelda(fila.numero, columna, mensaje))


def _revisar_alcance(fila: FilaImportada, alcance: frozenset[str], nombres: dict) -> None:
    """Un enlace estatal importa solo actividades de sus entidades."""
    suyas = ", ".join(nombres[c] for c in sorted(alcance)) or "ninguna"
    fuera = sorted(fila.relaciones["entidades"] - alcance)
    if fuera:
        fila.errores.append(
            ErrorCelda(
                fila.numero,
                "entidades",
                f"{', '.join(nombres[c] for c in fuera)} no está entre sus entidades "
                f"asignadas ({suyas}).",
            )
        )
    elif not fila.relaciones["entidades"]:
        fila.errores.append(
            ErrorCelda(
                fila.numero, "entidades", f"Escriba al menos una de sus entidades ({suyas})."
            )
        )
    if fila.existente is not None and not {e.pk for e in fila.existente.entidades.all()} <= alcance:
        fila.errores.append(
            ErrorCelda(
                fila.numero,
                "folio",
                f"La actividad con folio '{fila.folio}' es también de otra entidad; solo puede "
                "cambiarla alguien con alcance sobre todas sus entidades.",
            )
        )


@en_lote()  # sin señales por renglón: se avisa una vez, abajo
def _guardar(
    filas: list[FilaImportada], *, roles: list[str], programa, usuario=None, motivo=""
) -> None:
    """Inserciones y actualizaciones por lotes, con su historial; dentro de una transacción."""
    nuevas, cambiadas = [], []
    # Años de los informes que cambian: los de las fechas de antes y los de ahora.
    anios = set()
    for fila in filas:
        if fila.accion == Accion.ACTUALIZA:
            anios |= anios_entre(fila.existente.fecha_inicio, fila.existente.fecha_fin)
        if fila.accion == Accion.NUEVA:
            actividad = Actividad(programa=programa, **fila.campos)
            if fila.folio:
                actividad.folio = fila.folio
            fila.existente = actividad
            nuevas.append(fila)
        elif fila.accion == Accion.ACTUALIZA:
            for campo, valor in fila.campos.items():
                setattr(fila.existente, campo, valor)
            # Las filas están bloqueadas (ver _existentes): subirla aquí no pierde otra subida.
            fila.existente.revision += 1
            cambiadas.append(fila)
    Actividad.objects.bulk_create([f.existente for f in nuevas], batch_size=LOTE)
    # Solo los campos y las relaciones que cambiaron: bulk_update arma un CASE por campo.
    campos = [c for c in CAMPOS if any(c in f.cambios for f in cambiadas)]
    if cambiadas:  # también si solo cambiaron relaciones: un formulario abierto queda viejo
        campos.append("revision")
        Actividad.objects.bulk_update([f.existente for f in cambiadas], campos, batch_size=LOTE)

    def escritas(relacion: str) -> list[FilaImportada]:
        return nuevas + [f for f in cambiadas if relacion in f.cambios]

    def borrar(relacion: str, consulta) -> None:
        ids = [f.existente.pk for f in cambiadas if relacion in f.cambios]
        for inicio in range(0, len(ids), LOTE):
            consulta.filter(actividad_id__in=ids[inicio : inicio + LOTE]).delete()

    for relacion, campo_destino in (
        ("entidades", "entidadfederativa_id"),
        ("entidades_participantes", "entidadfederativa_id"),
        ("temas", "tema_id"),
    ):
        through = getattr(Actividad, relacion).through
        borrar(relacion, through.objects.all())
        through.objects.bulk_create(
            (
                through(actividad_id=f.existente.pk, **{campo_destino: destino})
                for f in escritas(relacion)
                for destino in sorted(f.relaciones[relacion])
            ),
            batch_size=LOTE * 2,
        )
    borrar("instituciones", ActividadInstitucion.objects.filter(rol__in=roles))
    instituciones = ActividadInstitucion.objects.bulk_create(
        [
            ActividadInstitucion(actividad_id=f.existente.pk, institucion_id=i, rol=rol)
            for f in escritas("instituciones")
            for rol, ids in f.relaciones["instituciones"].items()
            for i in sorted(ids)
        ],
        batch_size=LOTE * 2,
    )
    borrar("participaciones", Participacion.objects.all())
    participaciones = Participacion.objects.bulk_create(
        [
            Participacion(
                actividad_id=f.existente.pk, audiencia_id=a, total=t, mujeres=m, hombres=h
            )
            for f in escritas("participaciones")
            for a, (t, m, h) in sorted(f.relaciones["participaciones"].items())
        ],
        batch_size=LOTE * 2,
    )
    # Historial: quién importó, y el estado completo de cada actividad escrita.
    quien = {"usuario": usuario, "motivo": motivo}
    historial_en_lote(Actividad, [f.existente for f in nuevas], **quien)
    historial_en_lote(Actividad, [f.existente for f in cambiadas], actualizacion=True, **quien)
    historial_en_lote(ActividadInstitucion, instituciones, **quien)
    historial_en_lote(Participacion, participaciones, **quien)
    for fila in nuevas + cambiadas:
        anios |= anios_entre(fila.existente.fecha_inicio, fila.existente.fecha_fin)
    datos_cambiados(anios)


# -- valores de celda ----------------------------------------------------------------------


def _texto(valor) -> str:
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
    texto = _texto(valor)
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


def etiqueta_opcion(columna: str, valor: str) -> str:
    return etiqueta(OPCIONES[columna], valor)

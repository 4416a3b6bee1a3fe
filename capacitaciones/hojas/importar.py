"""Importar una hoja de actividades: se valida cada fila y se guarda todo o nada.

``actividades_importar()`` es la única escritura: lee la hoja (ver ``lectura``), valida cada
fila contra los catálogos, cargados una vez (``validar``), la compara con la actividad del
mismo folio y, si no hay un solo error y se pidió guardar, escribe todo en una transacción
con inserciones y actualizaciones por lotes y su historial (``guardar``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction

from capacitaciones.hojas.columnas import ROLES
from capacitaciones.hojas.guardar import comparar_con_existentes, escribir, revisar_alcance
from capacitaciones.hojas.lectura import ErrorArchivo, abrir_hoja
from capacitaciones.hojas.validar import Accion, Catalogos, FilaImportada, folio_repetido
from programa.alcance import entidades_asignadas
from programa.bitacora import evento_registrar
from programa.models import Evento

__all__ = ["Accion", "FilaImportada", "Resultado", "actividades_importar"]


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
                folio_repetido(fila, vistos)
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
            comparar_con_existentes(
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
                    revisar_alcance(fila, alcance, nombres)
            for fila in resultado.filas:
                if fila.errores:
                    fila.accion = Accion.ERROR
            if guardar and resultado.valido:
                escribir(
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

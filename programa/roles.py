"""Los cinco roles del sistema como grupos de Django, y sus permisos.

La tabla de permisos del README sale de aquí. Una migración crea los grupos y, después de
cada `migrate`, roles_sincronizar() vuelve a asignar los permisos (así un modelo nuevo, como
el de informes, queda cubierto sin otra migración).
"""

ADMINISTRACION = "Administración"
COORDINACION = "Coordinación nacional"
CAPTURISTA = "Capturista nacional"
ENLACE = "Enlace estatal"
CONSULTA = "Consulta"

# Nombre en la línea de órdenes -> grupo.
POR_CLAVE = {
    "administracion": ADMINISTRACION,
    "coordinacion": COORDINACION,
    "capturista": CAPTURISTA,
    "enlace-estatal": ENLACE,
    "consulta": CONSULTA,
}

_REGISTROS = {"capacitaciones", "convenios", "programa", "informes"}
_CAPTURA = ["capacitaciones.actividad", "capacitaciones.producto", "convenios.convenio"]
_RENGLONES = [  # inlines: quien captura la actividad o el convenio agrega y quita renglones
    "capacitaciones.participacion",
    "capacitaciones.actividadinstitucion",
    "capacitaciones.evidencia",
    "convenios.parteconvenio",
]

# El catálogo de recomendaciones de la ONU y su seguimiento anual: lo lleva coordinación.
_RECOMENDACIONES = [
    "programa.documentoonu",
    "programa.metaods",
    "programa.recomendacion",
    "programa.seguimientorecomendacion",
]

# La bitácora y las entidades asignadas a cada persona: solo para administración.
_SOLO_ADMINISTRACION = {"programa.view_evento", "programa.view_perfilusuario"}


def _permisos(modelos: list[str], acciones: str) -> set[str]:
    return {
        f"{m.split('.')[0]}.{accion}_{m.split('.')[1]}"
        for m in modelos
        for accion in acciones.split()
    }


def permisos_por_rol(todos: set[str]) -> dict[str, set[str]]:
    """Rol -> permisos ("app.codename"), dentro de los que existen (``todos``)."""
    ver_registros = {
        p
        for p in todos
        if p.split(".")[0] in _REGISTROS and ".view_" in p and p not in _SOLO_ADMINISTRACION
    }
    sin_informes = {p for p in ver_registros if not p.startswith("informes.")}
    informes = {p for p in todos if p.startswith("informes.")}
    roles = {
        ADMINISTRACION: set(todos),
        COORDINACION: ver_registros
        | _permisos(_CAPTURA + _RENGLONES, "add change delete")
        | _permisos(["programa.institucion", "programa.estrategia"], "add change")
        | _permisos(_RECOMENDACIONES, "add change")
        | {p for p in informes if not p.split(".")[1].startswith("delete_")}
        # Quitar una pregunta de una convocatoria es editarla, no borrar un informe.
        | {"informes.delete_preguntaconvocatoria"},
        CAPTURISTA: ver_registros
        | _permisos(_CAPTURA, "add change")
        | _permisos(_RENGLONES, "add change delete")
        | _permisos(["programa.institucion"], "add change"),
        ENLACE: sin_informes
        | _permisos(["capacitaciones.actividad", "capacitaciones.producto"], "add change")
        | _permisos(_RENGLONES[:3], "add change delete"),
        CONSULTA: ver_registros,
    }
    # Finalizar un informe es solo de coordinación y administración.
    for rol in (CAPTURISTA, ENLACE, CONSULTA):
        roles[rol] = {p for p in roles[rol] if ".finalizar_" not in p}
    return {rol: permisos & todos for rol, permisos in roles.items()}


def roles_sincronizar(Group, Permission) -> None:
    """Crea los cinco grupos y les deja exactamente sus permisos. Recibe los modelos."""
    permisos = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    for rol, nombres in permisos_por_rol(set(permisos)).items():
        grupo, _ = Group.objects.get_or_create(name=rol)
        grupo.permissions.set([permisos[n] for n in nombres])

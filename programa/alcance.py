"""Qué entidades puede ver y cambiar una persona: todas, o solo las de su enlace estatal."""

from programa.roles import ENLACE


def entidades_asignadas(usuario) -> frozenset[str] | None:
    """``None`` si su alcance es nacional; si es enlace estatal, las claves de sus entidades.

    Un enlace sin entidades asignadas no ve nada. Se calcula una vez por petición.
    """
    if not getattr(usuario, "is_authenticated", False):
        return frozenset()
    if not hasattr(usuario, "_claves_asignadas"):
        claves = None
        if not usuario.is_superuser and usuario.groups.filter(name=ENLACE).exists():
            claves = frozenset(
                usuario.perfil.entidades.values_list("clave", flat=True)
                if hasattr(usuario, "perfil")
                else ()
            )
        usuario._claves_asignadas = claves
    return usuario._claves_asignadas


def cubre(usuario, claves: set[str]) -> bool:
    """¿Puede cambiar un registro de esas entidades? Un enlace, solo si son todas suyas."""
    asignadas = entidades_asignadas(usuario)
    return asignadas is None or (bool(claves) and set(claves) <= asignadas)

"""Cada página del sitio, abierta una vez por cada rol: la leen las pruebas de textos y de HTML.

Abrir unas cien direcciones con cinco roles tarda; si cada prueba las abriera por su cuenta, el
costo se pagaría dos veces. ``paginas_abiertas`` (fixture de sesión, en ``tests/conftest.py``)
carga los datos en una transacción, abre todo, guarda el HTML y deshace la transacción: las
demás pruebas no ven esos registros.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.template import loader
from django.test import Client
from django.urls import reverse

from capacitaciones.models import Actividad
from capacitaciones.servicios import demo_cargar
from informes.contribucion.servicios import informe_generar, informe_nueva_version
from informes.models import InformeContribucion
from programa.models import PerfilUsuario, Tarea
from programa.roles import POR_CLAVE
from tests import factories as f


@dataclass
class Pagina:
    rol: str  # «anonimo» para lo que se ve sin sesión
    url: str
    estado: int
    html: str


@dataclass
class Abiertas:
    paginas: list[Pagina] = field(default_factory=list)

    def html(self) -> list[Pagina]:
        return [p for p in self.paginas if p.html]

    def distintas(self) -> dict[str, Pagina]:
        """Una página por contenido: lo que dos roles ven igual se valida una sola vez."""
        unicas = {}
        for pagina in self.html():
            # El token CSRF cambia con cada sesión aunque la página sea la misma.
            llave = re.sub(r'(name="csrfmiddlewaretoken" value=)"[^"]*"', r"\1", pagina.html)
            unicas.setdefault(llave, pagina)
        return {f"{i:03d}": p for i, p in enumerate(unicas.values())}


def sitio_crear() -> dict:
    """Los hechos de 2015, un informe con dos versiones, una actividad borrada y una persona
    por rol."""
    demo_cargar()
    usuarios = {}
    for clave, grupo in POR_CLAVE.items():
        usuario = User.objects.create_user(clave, password="x" * 12, is_staff=True)
        usuario.groups.add(Group.objects.get(name=grupo))
        usuarios[clave] = usuario
    PerfilUsuario.objects.create(usuario=usuarios["enlace-estatal"]).entidades.set(["24"])
    informe = InformeContribucion.objects.create(
        titulo="Aportación 2019",
        desde=dt.date(2019, 1, 1),
        hasta=dt.date(2019, 12, 31),
        corte=dt.date(2019, 10, 29),
        creado_por=usuarios["coordinacion"],
    )
    informe_generar(informe=informe)
    segunda = informe_nueva_version(informe=informe, usuario=usuarios["coordinacion"])
    segunda.introduccion = "Párrafo nuevo con <b>etiquetas</b> & «comillas»."
    segunda.save()
    f.ActividadFactory(titulo="Taller que se borró", entidades=["24"]).delete()
    f.ActividadFactory(  # una sola actividad del enlace en 2019: «1 actividad realizada»
        titulo="Foro en Ciudad Valles",
        entidades=["24"],
        fecha_inicio=dt.date(2019, 10, 29),
        fecha_fin=dt.date(2019, 10, 29),
    )
    f.ActividadFactory(titulo="<b>Taller</b> & «foro»", entidades=["09"])
    tareas = {
        clave: Tarea.objects.create(
            tipo=Tarea.Tipo.VISTA_PREVIA,
            usuario=usuario,
            descripcion="oaxaca-2019.xlsx",
            estado=Tarea.Estado.EN_CURSO,
            total=50,
            hechos=12,
        )
        for clave, usuario in usuarios.items()
    }
    return {"usuarios": usuarios, "informe": informe, "segunda": segunda, "tareas": tareas}


def paginas(sitio: dict) -> list[str]:
    """Cada página HTML: índice, listas, altas, fichas, historiales, borrados e informes."""
    informe, segunda = sitio["informe"], sitio["segunda"]
    urls = ["/admin/", "/admin/password_change/", "/admin/password_change/done/"]
    for modelo in admin.site._registry:
        info = f"admin:{modelo._meta.app_label}_{modelo._meta.model_name}"
        urls += [reverse(f"{info}_changelist"), reverse(f"{info}_changelist") + "?q=a"]
        urls.append(reverse(f"{info}_add"))
        registro = modelo._default_manager.order_by("pk").first()
        if registro is not None:
            for vista in ("change", "history", "delete"):
                urls.append(reverse(f"{info}_{vista}", args=[registro.pk]))
        urls.append(reverse("admin:app_list", args=[modelo._meta.app_label]))
    actividad = Actividad.objects.filter(entidades="24").order_by("pk").first()
    historia = actividad.historial.order_by("history_id").first()
    A = "/admin/capacitaciones/actividad/"
    C = "/informes/contribucion/"
    urls += [
        f"{A}{actividad.pk}/change/",
        f"{A}{actividad.pk}/history/{historia.history_id}/",
        f"{A}importar/",
        f"{A}eliminadas/",
        f"{A}?anio=2015",
        "/informes/",
        "/informes/?anio=2019",
        "/informes/?anio=2015",
        "/informes/cobertura/?anio=2015",
        "/informes/cobertura/?anio=2019",
        "/informes/cobertura/?anio=2015&orden=-realizadas&sin_cobertura=1",
        "/informes/cobertura/?anio=2015&orden=entidad&sin_cobertura=1&tipo=foro",
        "/informes/cobertura/?desde=2015-03-01&hasta=2015-03-31&metrica=participantes",
        "/informes/cobertura/?anio=dos",
        "/informes/cobertura/09/?anio=2015",
        "/informes/cobertura/24/?anio=2019",
        f"{C}",
        f"{C}nuevo/",
        f"{C}{informe.pk}/",
        f"{C}{segunda.pk}/",
        f"{C}{segunda.pk}/comparar/{informe.pk}/",
        f"{C}{informe.pk}/regenerar/",
        f"{C}{informe.pk}/finalizar/",
        f"{C}{informe.pk}/descargar/html/",
        "/informes/cobertura/no-existe/",  # la página 404 del sitio
    ]
    return list(dict.fromkeys(urls))


def paginas_abrir(sitio: dict) -> Abiertas:
    """Abre cada página con cada rol, más las que se ven sin sesión y las de un formulario con
    errores."""
    abiertas = Abiertas()

    def guardar(rol, url, respuesta):
        es_html = "html" in respuesta.get("Content-Type", "")
        abiertas.paginas.append(
            Pagina(rol, url, respuesta.status_code, respuesta.content.decode() if es_html else "")
        )

    urls = paginas(sitio)
    cliente = Client()
    for rol, usuario in sitio["usuarios"].items():
        cliente.force_login(usuario)
        for url in urls + [f"/tareas/{sitio['tareas'][rol].pk}/"]:
            guardar(rol, url, cliente.get(url))

    # Los formularios devueltos con errores: su marcado (listas de errores) es otro.
    cliente.force_login(sitio["usuarios"]["administracion"])
    for url, datos in [
        ("/informes/contribucion/nuevo/", {"titulo": "", "desde": "31/02/2019"}),
        ("/admin/convenios/convenio/add/", {"folio": ""}),
        ("/admin/password_change/", {"old_password": "no"}),
    ]:
        guardar("administracion", f"POST {url}", cliente.post(url, datos))

    anonimo = Client()
    for url in ["/admin/login/", "/admin/logout/"]:
        metodo = anonimo.post if url.endswith("logout/") else anonimo.get
        guardar("anonimo", url, metodo(url))
    # La primera clave mala devuelve el formulario con su error; la quinta, el bloqueo (axes).
    for intento in range(settings.AXES_FAILURE_LIMIT):
        respuesta = anonimo.post("/admin/login/", {"username": "nadie", "password": "mal"})
        if intento in (0, settings.AXES_FAILURE_LIMIT - 1):
            guardar("anonimo", f"POST /admin/login/ ({respuesta.status_code})", respuesta)
    # La página de error del servidor se dibuja sin contexto ni petición, como lo hace Django.
    abiertas.paginas.append(Pagina("anonimo", "500.html", 500, loader.render_to_string("500.html")))
    return abiertas

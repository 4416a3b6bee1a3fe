"""Dos personas abren el mismo registro en el admin: la segunda no borra lo que guardó la primera.

Cada prueba envía el formulario tal como lo recibió el navegador (valores iniciales de la
página, con sus inlines), cambia un campo y lo guarda.
"""

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import formats

from capacitaciones.admin import ActividadAdmin
from capacitaciones.models import Actividad, Evidencia
from programa.revision import RegistroCambiado
from tests import factories as f

pytestmark = pytest.mark.django_db

MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")
# El 30 de noviembre de 2026 a las 13:05 en la Ciudad de México (19:05 UTC).
CUANDO = dt.datetime(2026, 11, 30, 13, 5, tzinfo=MEXICO)


def persona(usuario, nombre="", apellido=""):
    return User.objects.create_superuser(
        usuario, f"{usuario}@dif.gob.mx", "clave-larga-2026", first_name=nombre, last_name=apellido
    )


@pytest.fixture
def ana(client):
    return persona("ana.lopez", "Ana", "López")


@pytest.fixture
def beto():
    return persona("beto")


def entrar(usuario):
    from django.test import Client

    cliente = Client()
    cliente.force_login(usuario)
    return cliente


def formulario_abierto(cliente, url) -> dict:
    """Lo que el navegador enviaría sin tocar nada: los valores del formulario y sus inlines."""
    respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    formularios = [respuesta.context["adminform"].form]
    try:
        inlines = respuesta.context["inline_admin_formsets"]
    except KeyError:  # la vista para revertir desde el historial no tiene inlines
        inlines = []
    for inline in inlines:
        formularios += [inline.formset.management_form, *inline.formset.forms]
    datos = {}
    for formulario in formularios:
        for campo in formulario:
            valor = campo.value()
            if valor is None or valor == "" or valor is False or hasattr(valor, "url"):
                continue  # vacío, una casilla sin marcar o un archivo ya guardado
            if isinstance(valor, list | tuple):
                datos[campo.html_name] = [str(v) for v in valor]
            elif isinstance(valor, dt.date):
                datos[campo.html_name] = formats.localize_input(valor)
            elif valor is True:
                datos[campo.html_name] = "on"
            else:
                datos[campo.html_name] = str(valor)
    return datos


def historial(objeto) -> int:
    return objeto.historial.count()


CASOS = {
    # modelo: (fábrica, url, lo que cambia la primera, lo que cambia la segunda, aviso)
    "actividad": (
        lambda: f.ActividadFactory(entidades=["24"], sede="CDI"),
        "capacitaciones/actividad",
        {"titulo": "Plática corregida"},
        {"sede": "Auditorio del SNDIF"},
        "esta actividad",
    ),
    "convenio": (
        lambda: f.ParteConvenioFactory().convenio,
        "convenios/convenio",
        {"titulo": "Convenio corregido"},
        {"notas": "Nota de la segunda persona"},
        "este convenio",
    ),
    "producto": (
        f.ProductoFactory,
        "capacitaciones/producto",
        {"nombre": "ODA corregido"},
        {"descripcion": "Descripción de la segunda persona"},
        "este producto",
    ),
    "institucion": (
        lambda: f.InstitucionFactory(nombre="Policía Federal", siglas="PF"),
        "programa/institucion",
        {"nombre": "Guardia Nacional"},
        {"siglas": "GN"},
        "esta institución",
    ),
    "estrategia": (
        f.EstrategiaFactory,
        "programa/estrategia",
        {"nombre": "Estrategia corregida"},
        {"descripcion": "Descripción de la segunda persona"},
        "esta estrategia",
    ),
    "programa": (
        f.ProgramaFactory,
        "programa/programa",
        {"nombre": "Programa corregido"},
        {"descripcion": "Descripción de la segunda persona"},
        "este programa",
    ),
}


@pytest.mark.parametrize("caso", CASOS)
def test_el_segundo_formulario_viejo_no_borra_el_cambio_del_primero(caso, ana, beto, time_machine):
    fabrica, ruta, cambio_ana, cambio_beto, registro = CASOS[caso]
    time_machine.move_to(CUANDO, tick=False)
    objeto = fabrica()
    url = f"/admin/{ruta}/{objeto.pk}/change/"
    de_ana, de_beto = entrar(ana), entrar(beto)
    abierto_por_ana = formulario_abierto(de_ana, url)
    abierto_por_beto = formulario_abierto(de_beto, url)

    assert de_ana.post(url, abierto_por_ana | cambio_ana).status_code == 302
    objeto.refresh_from_db()
    guardado, versiones = dict(vars(objeto)), historial(objeto)

    respuesta = de_beto.post(url, abierto_por_beto | cambio_beto)

    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert (
        f"Ana López (ana.lopez) cambió {registro} el 30/11/2026 a las 13:05. "
        "Sus cambios no se guardaron" in html
    )
    ((campo, valor),) = cambio_beto.items()
    assert valor in html  # lo que escribió sigue en el formulario
    objeto.refresh_from_db()
    assert {k: v for k, v in vars(objeto).items() if k != "_state"} == {
        k: v for k, v in guardado.items() if k != "_state"
    }
    assert historial(objeto) == versiones  # ni una versión nueva en el historial


def test_la_participacion_de_la_primera_cuenta_como_cambio_de_la_actividad(ana, beto):
    """El caso del issue: título y participantes por una, la sede por la otra."""
    actividad = f.ActividadFactory(entidades=["24"], titulo="Plática", sede="CDI")
    audiencia = f.ParticipacionFactory(actividad=actividad, total=20).audiencia
    url = f"/admin/capacitaciones/actividad/{actividad.pk}/change/"
    de_ana, de_beto = entrar(ana), entrar(beto)
    abierto_por_ana = formulario_abierto(de_ana, url)
    abierto_por_beto = formulario_abierto(de_beto, url)

    cambios = {"titulo": "Plática corregida", "participaciones-0-total": "45"}
    assert de_ana.post(url, abierto_por_ana | cambios).status_code == 302
    respuesta = de_beto.post(url, abierto_por_beto | {"sede": "Auditorio"})

    assert "Ana López (ana.lopez) cambió esta actividad el" in respuesta.content.decode()
    actividad.refresh_from_db()
    assert (actividad.titulo, actividad.sede) == ("Plática corregida", "CDI")
    assert actividad.participaciones.get(audiencia=audiencia).total == 45


def test_solo_cambiar_un_inline_deja_viejo_el_otro_formulario(ana, beto):
    convenio = f.ParteConvenioFactory(rol="firmante").convenio
    url = f"/admin/convenios/convenio/{convenio.pk}/change/"
    de_ana, de_beto = entrar(ana), entrar(beto)
    abierto_por_ana = formulario_abierto(de_ana, url)
    abierto_por_beto = formulario_abierto(de_beto, url)

    assert de_ana.post(url, abierto_por_ana | {"partes-0-rol": "testigo"}).status_code == 302
    respuesta = de_beto.post(url, abierto_por_beto | {"titulo": "Otro título"})

    assert "Sus cambios no se guardaron" in respuesta.content.decode()
    assert convenio.partes.get().rol == "testigo"
    convenio.refresh_from_db()
    assert convenio.titulo != "Otro título"


def test_un_archivo_del_formulario_rechazado_hay_que_adjuntarlo_de_nuevo(ana, beto):
    actividad = f.ActividadFactory(entidades=["24"])
    url = f"/admin/capacitaciones/actividad/{actividad.pk}/change/"
    de_ana, de_beto = entrar(ana), entrar(beto)
    abierto_por_ana = formulario_abierto(de_ana, url)
    abierto_por_beto = formulario_abierto(de_beto, url)
    assert de_ana.post(url, abierto_por_ana | {"sede": "CDI"}).status_code == 302

    lista = SimpleUploadedFile("lista-slp.pdf", b"%PDF-1.4\nlista\n")
    evidencia = {
        "evidencias-TOTAL_FORMS": "1",
        "evidencias-0-tipo": "lista_asistencia",
        "evidencias-0-archivo": lista,
    }
    respuesta = de_beto.post(url, abierto_por_beto | evidencia)

    assert "Los archivos que adjuntó (lista-slp.pdf) tampoco se guardaron" in (
        respuesta.content.decode()
    )
    assert not Evidencia.objects.exists()


def test_cambio_de_una_cuenta_borrada_o_de_la_consola(ana, beto):
    actividad = f.ActividadFactory(entidades=["24"])
    url = f"/admin/capacitaciones/actividad/{actividad.pk}/change/"
    abierto_por_beto = formulario_abierto(entrar(beto), url)
    actividad.titulo = "Cambiado desde la consola"
    actividad.save()  # sin usuario, como en el shell

    respuesta = entrar(beto).post(url, abierto_por_beto | {"sede": "Auditorio"})

    assert "Alguien sin usuario registrado (la consola, una tarea o una cuenta eliminada)" in (
        respuesta.content.decode()
    )


def test_dos_guardados_a_la_vez_los_decide_la_base(ana, monkeypatch):
    """El formulario pasa la validación con la revisión que leyó; otra persona confirmó antes
    del UPDATE: la base lo rechaza, nada se escribe y el formulario vuelve con el aviso."""
    actividad = f.ActividadFactory(entidades=["24"], sede="CDI")
    url = f"/admin/capacitaciones/actividad/{actividad.pk}/change/"
    de_ana = entrar(ana)
    abierto = formulario_abierto(de_ana, url)
    Actividad.objects.filter(pk=actividad.pk).update(revision=F("revision") + 1, sede="Otra")
    obtener = ActividadAdmin.get_object

    def leida_antes_del_otro_guardado(self, request, object_id, from_field=None):
        monkeypatch.setattr(ActividadAdmin, "get_object", obtener)
        objeto = obtener(self, request, object_id, from_field)
        objeto.revision -= 1
        return objeto

    monkeypatch.setattr(ActividadAdmin, "get_object", leida_antes_del_otro_guardado)
    respuesta = de_ana.post(url, abierto | {"titulo": "Título de Ana"})

    assert respuesta.status_code == 200
    assert "Sus cambios no se guardaron" in respuesta.content.decode()
    actividad.refresh_from_db()
    assert actividad.titulo != "Título de Ana"
    assert (actividad.sede, actividad.revision) == ("Otra", 2)


def test_guardar_una_instancia_vieja_en_codigo_falla_sin_escribir():
    actividad = f.ActividadFactory()
    vieja = Actividad.objects.get(pk=actividad.pk)
    actividad.titulo = "Primero"
    actividad.save()
    vieja.titulo = "Segundo"
    with pytest.raises(RegistroCambiado):
        vieja.save()
    actividad.refresh_from_db()
    assert (actividad.titulo, actividad.revision) == ("Primero", 2)


def test_marcar_realizadas_sube_la_revision(admin_client):
    actividad = f.ActividadFactory(estado="programada", fecha_inicio=dt.date(2015, 3, 18))
    admin_client.post(
        "/admin/capacitaciones/actividad/",
        {"action": "marcar_realizadas", "_selected_action": [actividad.pk]},
    )
    actividad.refresh_from_db()
    assert (actividad.estado, actividad.revision) == ("realizada", 2)


def test_revertir_desde_el_historial_escribe_sobre_la_vigente(admin_client):
    actividad = f.ActividadFactory(entidades=["24"], titulo="Original")
    actividad.titulo = "Cambiado"
    actividad.save()
    primera = actividad.historial.earliest("history_date", "history_id")
    url = f"/admin/capacitaciones/actividad/{actividad.pk}/history/{primera.history_id}/"

    assert admin_client.post(url, formulario_abierto(admin_client, url)).status_code == 302

    actividad.refresh_from_db()
    assert (actividad.titulo, actividad.revision) == ("Original", 3)


def test_revertir_con_una_pagina_vieja_del_historial_tampoco_borra(admin_client):
    actividad = f.ActividadFactory(entidades=["24"], titulo="Original")
    actividad.titulo = "Cambiado"
    actividad.save()
    primera = actividad.historial.earliest("history_date", "history_id")
    url = f"/admin/capacitaciones/actividad/{actividad.pk}/history/{primera.history_id}/"
    abierta = formulario_abierto(admin_client, url)
    actividad.titulo = "Cambiado otra vez"
    actividad.save()

    respuesta = admin_client.post(url, abierta)

    assert "Sus cambios no se guardaron" in respuesta.content.decode()
    actividad.refresh_from_db()
    assert actividad.titulo == "Cambiado otra vez"

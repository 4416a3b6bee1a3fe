"""Restaurar una actividad borrada devuelve solo lo que se borró con ella."""

import datetime as dt

import pytest
import time_machine

from capacitaciones.models import Actividad, ActividadInstitucion, Participacion
from tests import factories as f

pytestmark = pytest.mark.django_db
A = "/admin/capacitaciones/actividad/"


def ahora():
    """El reloj detenido en este momento (la sesión del admin_client sigue vigente)."""
    return time_machine.travel(dt.datetime.now(dt.UTC), tick=False)


@pytest.fixture
def actividad():
    actividad = f.ActividadFactory(titulo="Foro en Campeche", entidades=["04"])
    actividad.temas.add(f.TemaFactory(nombre="Grooming"))
    f.ParticipacionFactory(actividad=actividad, audiencia=f.AudienciaFactory(nombre="Docentes"))
    f.ParticipacionFactory(actividad=actividad, audiencia=f.AudienciaFactory(nombre="Familias"))
    f.ActividadInstitucionFactory(actividad=actividad)
    f.EvidenciaFactory(actividad=actividad)
    return actividad


def restaurar(admin_client, pk):
    respuesta = admin_client.post(A + "eliminadas/", {"actividad": pk}, follow=True)
    assert respuesta.redirect_chain == [(f"{A}{pk}/change/", 302)]
    return respuesta, Actividad.objects.get(pk=pk)


def test_un_renglon_quitado_a_proposito_antes_del_borrado_no_vuelve(admin_client, actividad):
    pk = actividad.pk
    with ahora() as viaje:
        actividad.participaciones.get(audiencia__nombre="Familias").delete()  # a propósito
        viaje.shift(dt.timedelta(seconds=2))
        assert admin_client.post(f"{A}{pk}/delete/", {"post": "yes"}).status_code == 302

    respuesta, restaurada = restaurar(admin_client, pk)

    assert "Se restauró la actividad" in respuesta.content.decode()
    assert [p.audiencia.nombre for p in restaurada.participaciones.all()] == ["Docentes"]
    assert restaurada.actividadinstitucion_set.count() == 1
    assert restaurada.evidencias.count() == 1
    assert [t.nombre for t in restaurada.temas.all()] == ["Grooming"]
    assert [e.clave for e in restaurada.entidades.all()] == ["04"]


def test_borrada_en_la_misma_hora_que_el_renglon_tampoco_lo_devuelve(admin_client, actividad):
    """Con el reloj detenido (mismo instante), lo decide el identificador, no la hora."""
    pk = actividad.pk
    with ahora():
        actividad.actividadinstitucion_set.get().delete()
        Actividad.objects.filter(pk=pk).delete()  # como la acción «Eliminar seleccionadas»

    _, restaurada = restaurar(admin_client, pk)

    assert restaurada.actividadinstitucion_set.count() == 0
    assert restaurada.participaciones.count() == 2


def test_borrada_restaurada_y_vuelta_a_borrar_devuelve_lo_del_ultimo_borrado(
    admin_client, actividad
):
    pk = actividad.pk
    with ahora() as viaje:
        admin_client.post(f"{A}{pk}/delete/", {"post": "yes"})
        viaje.shift(dt.timedelta(minutes=1))
        restaurar(admin_client, pk)
        viaje.shift(dt.timedelta(minutes=1))
        Participacion.objects.filter(actividad_id=pk).first().delete()
        viaje.shift(dt.timedelta(seconds=1))
        admin_client.post(f"{A}{pk}/delete/", {"post": "yes"})

    _, restaurada = restaurar(admin_client, pk)

    assert restaurada.participaciones.count() == 1
    assert ActividadInstitucion.objects.filter(actividad_id=pk).count() == 1

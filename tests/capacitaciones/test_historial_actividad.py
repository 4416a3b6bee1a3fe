"""Volver a una versión anterior de una actividad desde su historial.

La participación por audiencia y las instituciones vuelven como estaban en esa versión, y el
desglose por sexo se revisa igual que en el formulario: nunca se cuentan dos veces.
"""

import pytest

from capacitaciones.models import Actividad, ActividadInstitucion, desglose_actividad_errores
from programa.revision import RegistroCambiado
from tests import factories as f
from tests.test_revision import formulario_abierto

pytestmark = pytest.mark.django_db


def ultima_version(actividad):
    return actividad.historial.latest("history_date", "history_id")


def url_version(actividad, version) -> str:
    return f"/admin/capacitaciones/actividad/{actividad.pk}/history/{version.history_id}/"


def filas(actividad):
    return sorted(actividad.participaciones.values_list("total", "mujeres", "hombres"))


def test_volver_a_una_version_devuelve_su_participacion_por_audiencia(admin_client):
    actividad = f.ActividadFactory(entidades=["24"], fecha_inicio="2021-03-04")
    ninas = f.ParticipacionFactory(actividad=actividad, total=60)
    docentes = f.ParticipacionFactory(actividad=actividad, total=40)
    dif = f.ActividadInstitucionFactory(actividad=actividad)
    actividad.mujeres, actividad.hombres = 50, 50  # versión 1: desglose de toda la actividad
    actividad.save()
    v1 = ultima_version(actividad)
    # Versión 2, como la guarda el admin: primero la actividad, después sus renglones.
    actividad.mujeres = actividad.hombres = None
    actividad.save()
    ninas.mujeres, ninas.hombres = 30, 30
    ninas.save()
    docentes.delete()
    dif.delete()

    url = url_version(actividad, v1)
    respuesta = admin_client.post(url, formulario_abierto(admin_client, url))

    assert respuesta.status_code == 302
    actividad = Actividad.objects.get(pk=actividad.pk)
    assert (actividad.mujeres, actividad.hombres) == (50, 50)
    assert filas(actividad) == [(40, None, None), (60, None, None)]
    assert ActividadInstitucion.objects.filter(actividad=actividad).count() == 1


def test_volver_a_una_version_no_deja_el_desglose_contado_dos_veces(admin_client):
    actividad = f.ActividadFactory(entidades=["24"])
    p1 = f.ParticipacionFactory(actividad=actividad, total=60)
    p2 = f.ParticipacionFactory(actividad=actividad, total=40)
    actividad.mujeres, actividad.hombres = 50, 50  # versión 1: desglose de toda la actividad
    actividad.save()
    v1 = ultima_version(actividad)
    # Después (desde la consola, sin pasar por el admin): el desglose pasa a cada audiencia y
    # se vacía el de toda la actividad. Los renglones cambiados antes de la versión 2 cuentan
    # como de la versión 1: volver a ella juntaría los dos desgloses.
    p1.mujeres, p1.hombres = 30, 30
    p1.save()
    p2.mujeres, p2.hombres = 20, 20
    p2.save()
    actividad.mujeres = actividad.hombres = None
    actividad.save()

    url = url_version(actividad, v1)
    respuesta = admin_client.post(url, formulario_abierto(admin_client, url), follow=True)

    actividad = Actividad.objects.get(pk=actividad.pk)
    assert not desglose_actividad_errores(actividad.mujeres, actividad.hombres, filas(actividad))
    assert (actividad.mujeres, actividad.hombres) == (None, None)  # nada cambió
    assert filas(actividad) == [(40, 20, 20), (60, 30, 30)]
    assert "No se volvió a esa versión: Hay desglose por audiencia" in respuesta.content.decode()


def test_al_revertir_un_guardado_que_llega_en_medio_se_detecta():
    actividad = f.ActividadFactory(entidades=["24"])
    version = ultima_version(actividad)
    # Lo que el formulario de la versión validó contra la revisión vigente…
    vieja = version.instance
    vieja.revision, vieja._revision_comprobada = actividad.revision, True
    # …y otra persona guarda antes de que se escriba.
    actividad.titulo = "Cambio de otra persona"
    actividad.save()

    with pytest.raises(RegistroCambiado):
        vieja.save()
    assert Actividad.objects.get(pk=actividad.pk).titulo == "Cambio de otra persona"

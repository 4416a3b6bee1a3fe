"""Capturar una actividad en menos pasos, sin perder archivos ni aceptar lo que no ha pasado."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from capacitaciones.models import Actividad, Evidencia
from programa.models import PerfilUsuario
from programa.roles import POR_CLAVE
from tests import archivos
from tests import factories as f
from tests.capacitaciones.hojas import csv_bytes, fila, importar
from tests.capacitaciones.test_admin_actividades import formulario
from tests.test_revision import formulario_abierto

pytestmark = pytest.mark.django_db
URL = "/admin/capacitaciones/actividad/"
# 23:30 del 30 de junio en la Ciudad de México: en UTC ya es 1 de julio.
NOCHE = dt.datetime(2025, 7, 1, 5, 30, tzinfo=dt.UTC)


def enlace(*claves):
    usuario = User.objects.create_user("enlace", password="x" * 12, is_staff=True)
    usuario.groups.add(Group.objects.get(name=POR_CLAVE["enlace-estatal"]))
    PerfilUsuario.objects.create(usuario=usuario).entidades.set(claves)
    return usuario


def inicial(cliente):
    return cliente.get(URL + "add/").context["adminform"].form.initial


def test_el_enlace_de_un_solo_estado_y_el_unico_programa_vienen_elegidos(client):
    programa = f.ProgramaFactory()
    client.force_login(enlace("24"))

    datos = inicial(client)

    assert datos["entidades"] == ["24"]
    assert datos["programa"] == programa.pk
    pagina = client.get(URL + "add/").content.decode()
    assert "San Luis Potosí" in pagina and programa.nombre in pagina


def test_con_dos_estados_o_dos_programas_no_se_elige_por_la_persona(client, admin_client):
    f.ProgramaFactory()
    f.ProgramaFactory(nombre="Otro programa")
    client.force_login(enlace("24", "20"))

    assert "entidades" not in inicial(client)
    assert "programa" not in inicial(client)
    assert "entidades" not in inicial(admin_client)  # alcance nacional: no hay «su» estado


def test_una_fila_vacia_de_participacion_y_de_evidencia_a_la_vista(admin_client):
    respuesta = admin_client.get(URL + "add/")
    inlines = {i.formset.prefix: i.formset for i in respuesta.context["inline_admin_formsets"]}

    assert len(inlines["participaciones"].forms) == 1
    assert len(inlines["evidencias"].forms) == 1


def test_las_filas_vacias_sin_tocar_no_dan_error_ni_se_guardan(admin_client):
    f.ProgramaFactory()
    datos = formulario_abierto(admin_client, URL + "add/")
    datos |= {
        "folio": "SNDIF-2015-VACIAS",
        "tipo": "platica",
        "titulo": "Delitos Cibernéticos",
        "estado": "realizada",
        "precision": "dia",
        "fecha_inicio": "18/03/2015",
        "modalidad": "presencial",
        "entidades": ["24"],
        "participaciones-0-audiencia": "",  # el selector de audiencia, vacío
    }

    respuesta = admin_client.post(URL + "add/", datos)

    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    actividad = Actividad.objects.get(folio="SNDIF-2015-VACIAS")
    assert not actividad.participaciones.exists()
    assert not actividad.evidencias.exists()


def test_tras_un_error_se_pide_adjuntar_de_nuevo_el_archivo_junto_al_campo(admin_client):
    datos = formulario(
        estado="cancelada",  # sin motivo: el formulario vuelve con un error
        **{
            "evidencias-TOTAL_FORMS": 1,
            "evidencias-0-tipo": "lista_asistencia",
            "evidencias-0-archivo": SimpleUploadedFile("lista.pdf", archivos.pdf()),
        },
    )

    respuesta = admin_client.post(URL + "add/", datos)

    assert respuesta.status_code == 200
    evidencia = respuesta.context["inline_admin_formsets"][2].formset.forms[0]
    aviso = (
        "Adjunte de nuevo «lista.pdf»: el navegador no conserva los archivos cuando hay un error."
    )
    assert evidencia.errors["archivo"] == [aviso]
    assert aviso in respuesta.content.decode()
    assert not Evidencia.objects.exists()


@pytest.mark.parametrize(
    ("fecha", "precision", "aceptada"),
    [
        ("30/06/2025", "dia", True),  # hoy en México, aunque en UTC ya sea mañana
        ("01/07/2025", "dia", False),
        ("15/07/2025", "mes", False),
        ("15/06/2025", "mes", True),  # el mes en curso empieza antes de hoy
        ("01/01/2026", "anio", False),
    ],
)
def test_realizada_con_fecha_futura_se_rechaza_en_el_admin(
    admin_client, time_machine, fecha, precision, aceptada
):
    time_machine.move_to(NOCHE, tick=False)
    datos = formulario(fecha_inicio=fecha, precision=precision)

    respuesta = admin_client.post(URL + "add/", datos)

    assert Actividad.objects.exists() is aceptada
    if not aceptada:
        assert (
            "Una actividad realizada no puede empezar después de hoy (30/06/2025): corrija la "
            "fecha o márquela como programada." in respuesta.content.decode()
        )


def test_programada_en_el_futuro_sigue_permitida(admin_client, time_machine):
    time_machine.move_to(NOCHE, tick=False)
    datos = formulario(estado="programada", fecha_inicio="01/09/2025")
    assert admin_client.post(URL + "add/", datos).status_code == 302


def test_la_regla_esta_en_el_modelo(time_machine):
    time_machine.move_to(NOCHE, tick=False)
    actividad = f.ActividadFactory.build(fecha_inicio=dt.date(2025, 8, 1))
    with pytest.raises(ValidationError) as error:
        actividad.clean()
    assert "fecha_inicio" in error.value.message_dict


def test_la_importacion_rechaza_una_realizada_futura_con_fila_y_columna(demo, time_machine):
    time_machine.move_to(NOCHE, tick=False)
    antes = Actividad.objects.count()

    resultado = importar(
        csv_bytes([fila(fecha_inicio="30/06/2025"), fila(fecha_inicio="2/7/2025")])
    )

    assert not resultado.guardado
    assert resultado.errores == [
        "Fila 3, columna «fecha_inicio»: Una actividad realizada no puede empezar después de hoy "
        "(30/06/2025): corrija la fecha o márquela como programada."
    ]
    assert Actividad.objects.count() == antes

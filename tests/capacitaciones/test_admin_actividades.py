import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from capacitaciones.models import Actividad, Evidencia, Participacion
from tests import archivos
from tests import factories as f
from tests.test_revision import formulario_abierto

pytestmark = pytest.mark.django_db
URL = "/admin/capacitaciones/actividad/"


def formulario(actividad_base=None, **cambios):
    """Los datos que el formulario de alta de actividad envía, con inlines vacíos."""
    programa = f.ProgramaFactory()
    datos = {
        "folio": "SNDIF-2015-PRUEBA",
        "tipo": "platica",
        "titulo": "Delitos Cibernéticos",
        "estado": "realizada",
        "precision": "dia",
        "fecha_inicio": "18/03/2015",
        "fecha_fin": "",
        "modalidad": "presencial",
        "programa": programa.pk,
        "entidades": ["24"],
    }
    for prefijo in ("participaciones", "actividadinstitucion_set", "evidencias"):
        datos |= {f"{prefijo}-TOTAL_FORMS": 0, f"{prefijo}-INITIAL_FORMS": 0}
    return datos | cambios


def test_alta_de_una_platica_de_un_dia_con_audiencia(admin_client):
    audiencia = f.AudienciaFactory(nombre="Niñas y niños")
    datos = formulario(
        **{
            "participaciones-TOTAL_FORMS": 1,
            "participaciones-0-audiencia": audiencia.pk,
            "participaciones-0-total": 45,
            "participaciones-0-mujeres": 20,
            "participaciones-0-hombres": 25,
        }
    )
    respuesta = admin_client.post(URL + "add/", datos)

    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    actividad = Actividad.objects.get(folio="SNDIF-2015-PRUEBA")
    assert actividad.fecha_fin == dt.date(2015, 3, 18)
    assert actividad.total_participantes == 45
    assert [e.nombre_corto for e in actividad.entidades.all()] == ["San Luis Potosí"]


def test_con_precision_de_semestre_cualquier_fecha_del_semestre_basta(admin_client):
    datos = formulario(
        estado="programada", precision="semestre", fecha_inicio="15/09/2015", fecha_fin=""
    )
    assert admin_client.post(URL + "add/", datos).status_code == 302
    actividad = Actividad.objects.get(folio="SNDIF-2015-PRUEBA")
    assert (actividad.fecha_inicio, actividad.fecha_fin) == (
        dt.date(2015, 7, 1),
        dt.date(2015, 12, 31),
    )


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        ({"estado": "cancelada"}, "Escriba el motivo: la actividad está cancelada."),
        (
            {"fecha_inicio": "18/03/2015", "fecha_fin": "17/03/2015"},
            "La fecha de término no puede ser anterior a la de inicio.",
        ),
        (
            {"fecha_inicio": "31/02/2015"},
            "Escriba la fecha como día/mes/año (por ejemplo 03/04/2015) o 2015-04-03.",
        ),
        (
            {
                "participaciones-TOTAL_FORMS": 1,
                "participaciones-0-audiencia": "",
                "participaciones-0-total": -3,
            },
            "Asegúrese de que este valor sea mayor o igual a 0.",
        ),
    ],
)
def test_errores_en_espanol_y_nada_guardado(admin_client, cambios, mensaje):
    respuesta = admin_client.post(URL + "add/", formulario(**cambios))

    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert not Actividad.objects.filter(folio="SNDIF-2015-PRUEBA").exists()


def test_desglose_mayor_que_el_total_se_explica(admin_client):
    audiencia = f.AudienciaFactory()
    datos = formulario(
        **{
            "participaciones-TOTAL_FORMS": 1,
            "participaciones-0-audiencia": audiencia.pk,
            "participaciones-0-total": 10,
            "participaciones-0-mujeres": 8,
            "participaciones-0-hombres": 5,
        }
    )
    contenido = admin_client.post(URL + "add/", datos).content.decode()
    assert "Mujeres (8) más hombres (5) suman más que el total (10)." in contenido
    assert not Actividad.objects.exists()


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("lista.exe", b"MZ...", "no es de un tipo permitido"),
        ("lista.pdf", b"<html>no soy un pdf</html>", "dice ser PDF pero su contenido no lo es"),
        ("foto.png", b"\xff\xd8\xff\xe0 jpeg", "dice ser PNG pero su contenido no lo es"),
    ],
)
def test_evidencias_de_tipo_o_contenido_no_permitido(admin_client, nombre, contenido, mensaje):
    actividad = f.ActividadFactory()
    datos = formulario(
        folio=actividad.folio,
        **{
            "evidencias-TOTAL_FORMS": 1,
            "evidencias-0-tipo": "lista_asistencia",
            "evidencias-0-archivo": SimpleUploadedFile(nombre, contenido),
        },
    )
    respuesta = admin_client.post(f"{URL}{actividad.pk}/change/", datos)

    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert not Evidencia.objects.exists()


def test_evidencia_demasiado_grande(admin_client, settings):
    settings.TAMANO_MAXIMO_ARCHIVO_MB = 1
    actividad = f.ActividadFactory()
    pdf = SimpleUploadedFile("lista.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    datos = formulario(
        folio=actividad.folio,
        **{
            "evidencias-TOTAL_FORMS": 1,
            "evidencias-0-tipo": "lista_asistencia",
            "evidencias-0-archivo": pdf,
        },
    )
    contenido = admin_client.post(f"{URL}{actividad.pk}/change/", datos).content.decode()
    assert "pesa 1.0 MB; el máximo es 1 MB" in contenido
    assert not Evidencia.objects.exists()


def test_lista_de_asistencia_se_sube_y_solo_la_ve_el_personal(admin_client, client):
    pdf = archivos.pdf()
    actividad = f.ActividadFactory()
    datos = formulario(
        folio=actividad.folio,
        revision_leida=actividad.revision,
        **{
            "evidencias-TOTAL_FORMS": 1,
            "evidencias-0-tipo": "lista_asistencia",
            "evidencias-0-archivo": SimpleUploadedFile("lista.pdf", pdf),
        },
    )
    assert admin_client.post(f"{URL}{actividad.pk}/change/", datos).status_code == 302
    evidencia = Evidencia.objects.get()

    assert admin_client.get(evidencia.archivo.url).getvalue() == pdf
    anonimo = client.get(evidencia.archivo.url)
    assert anonimo.status_code == 302 and "/admin/login/" in anonimo["Location"]


def test_marcar_realizadas(admin_client, time_machine):
    time_machine.move_to(dt.datetime(2015, 6, 1, 12))
    pasada = f.ActividadFactory(estado="programada", fecha_inicio=dt.date(2015, 3, 18))
    futura = f.ActividadFactory(estado="programada", fecha_inicio=dt.date(2015, 9, 1))
    cancelada = f.ActividadFactory(estado="cancelada", motivo="Sin sede")

    respuesta = admin_client.post(
        URL,
        {"action": "marcar_realizadas", "_selected_action": [pasada.pk, futura.pk, cancelada.pk]},
        follow=True,
    )

    contenido = respuesta.content.decode()
    assert "1 actividad marcada como realizada." in contenido
    assert "1 no se marcó: su fecha aún no llega." in contenido
    assert "1 no se marcó porque está cancelada" in contenido
    estados = dict(Actividad.objects.values_list("pk", "estado"))
    assert estados == {pasada.pk: "realizada", futura.pk: "programada", cancelada.pk: "cancelada"}


def test_duplicar_para_registrar_la_misma_platica_en_otra_entidad(admin_client):
    original = f.ActividadFactory(entidades=["24"], titulo="Delitos Cibernéticos")
    tema = f.TemaFactory(nombre="Delitos cibernéticos")
    original.temas.add(tema)
    f.ParticipacionFactory(actividad=original, total=30)
    f.ActividadInstitucionFactory(actividad=original)
    f.EvidenciaFactory(actividad=original)

    respuesta = admin_client.post(URL, {"action": "duplicar", "_selected_action": [original.pk]})

    copia = Actividad.objects.exclude(pk=original.pk).get()
    assert respuesta["Location"] == f"{URL}{copia.pk}/change/"
    assert copia.titulo == "Delitos Cibernéticos" and copia.folio != original.folio
    assert list(copia.temas.all()) == [tema]
    assert copia.entidades.count() == 0 and copia.evidencias.count() == 0
    assert [p.total for p in copia.participaciones.all()] == [None]
    assert copia.actividadinstitucion_set.count() == 1
    assert original.entidades.count() == 1 and original.participaciones.get().total == 30


def test_filtros_por_anio_y_entidad(admin_client):
    f.ActividadFactory(titulo="Capacitación SLP", entidades=["24"])
    f.ActividadFactory(
        titulo="Capacitación Oaxaca",
        entidades=["20"],
        fecha_inicio=dt.date(2015, 7, 1),
        fecha_fin=dt.date(2015, 12, 31),
        precision="semestre",
    )
    f.ActividadFactory(
        titulo="Curso 2014",
        fecha_inicio=dt.date(2014, 4, 1),
        fecha_fin=dt.date(2014, 4, 30),
        precision="mes",
    )

    en_2015 = admin_client.get(URL + "?anio=2015").content.decode()
    en_oaxaca = admin_client.get(URL + "?entidad=20").content.decode()

    assert "Capacitación SLP" in en_2015 and "Capacitación Oaxaca" in en_2015
    assert "Curso 2014" not in en_2015
    assert "Capacitación Oaxaca" in en_oaxaca and "Capacitación SLP" not in en_oaxaca
    assert "2.º semestre de 2015" in en_oaxaca


def test_autocompletado_de_entidades_por_alias(admin_client):
    respuesta = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "cdmx",
            "app_label": "capacitaciones",
            "model_name": "actividad",
            "field_name": "entidades",
        },
    )
    assert [r["text"] for r in respuesta.json()["results"]] == ["Ciudad de México"]


def test_una_evidencia_pdf_se_descarga_y_una_foto_se_ve_sin_poder_ejecutar_nada(admin_client):
    actividad = f.ActividadFactory()
    lista = Evidencia(actividad=actividad, tipo="lista_asistencia")
    lista.archivo.save("lista 2031.pdf", ContentFile(archivos.pdf()))
    foto = Evidencia(actividad=actividad, tipo="fotografia")
    foto.archivo.save("foto.JPG", ContentFile(archivos.imagen("JPEG")))

    pdf, jpg = admin_client.get(lista.archivo.url), admin_client.get(foto.archivo.url)

    assert pdf["Content-Disposition"].startswith("attachment;")
    assert "lista" in pdf["Content-Disposition"]
    assert jpg["Content-Disposition"].startswith("inline;")
    assert pdf["Content-Security-Policy"] == jpg["Content-Security-Policy"] == "sandbox"


def test_mil_escrito_con_punto_no_se_guarda_como_una_persona(admin_client):
    actividad = f.ActividadFactory(entidades=["24"])
    f.ParticipacionFactory(actividad=actividad, total=20)
    url = f"{URL}{actividad.pk}/change/"
    datos = formulario_abierto(admin_client, url)

    respuesta = admin_client.post(url, datos | {"participaciones-0-total": "1.000"})

    # Antes: 302 y «1.000» guardado como 1 persona, sin aviso.
    assert respuesta.status_code == 200
    assert "Escriba solo cifras, sin puntos ni comas (por ejemplo 1000)." in (
        respuesta.content.decode()
    )
    assert Participacion.objects.get(actividad=actividad).total == 20


@pytest.mark.parametrize("escrito", ["1,000", "1.5", "1e3", "٣٠"])
def test_mujeres_de_toda_la_actividad_solo_con_cifras(admin_client, escrito):
    actividad = f.ActividadFactory(entidades=["24"])
    f.ParticipacionFactory(actividad=actividad, total=2000)
    url = f"{URL}{actividad.pk}/change/"

    respuesta = admin_client.post(url, formulario_abierto(admin_client, url) | {"mujeres": escrito})

    assert respuesta.status_code == 200
    assert respuesta.context["adminform"].form.errors["mujeres"] == [
        "Escriba solo cifras, sin puntos ni comas (por ejemplo 1000)."
    ]
    assert Actividad.objects.get(pk=actividad.pk).mujeres is None


def test_una_cifra_con_espacios_alrededor_se_acepta(admin_client):
    actividad = f.ActividadFactory(entidades=["24"])
    f.ParticipacionFactory(actividad=actividad, total=20)
    url = f"{URL}{actividad.pk}/change/"
    datos = formulario_abierto(admin_client, url) | {"participaciones-0-total": " 1000 "}

    assert admin_client.post(url, datos).status_code == 302
    assert Participacion.objects.get(actividad=actividad).total == 1000

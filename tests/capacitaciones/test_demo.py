"""Los datos de ejemplo son los hechos de la aportación de México a la OACNUDH (2015)."""

import datetime as dt

import pytest
from django.core.management import call_command

from capacitaciones.models import Actividad, Producto
from capacitaciones.servicios import demo_cargar
from convenios.models import Convenio
from programa.models import DocumentoOnu, Estrategia, Institucion, Recomendacion

pytestmark = pytest.mark.django_db


def entidades(actividades):
    return sorted(e.nombre_corto for a in actividades for e in a.entidades.all())


def test_convenio_con_la_policia_federal(demo):
    convenio = Convenio.objects.get(folio="SNDIF-PF-2014")
    assert convenio.fecha_firma == dt.date(2014, 10, 29)
    assert convenio.tipo == "colaboracion"
    assert convenio.objeto.startswith("realizar acciones coordinadas que permitan promover")
    assert "delitos informáticos cometidos contra niñas, niños y adolescentes" in convenio.objeto
    assert sorted(p.institucion.siglas for p in convenio.partes.all()) == ["PF", "SNDIF"]
    assert convenio.programa.nombre == (
        "Programa para la Protección y Desarrollo Integral de la Infancia"
    )
    assert convenio.programa.institucion_responsable.siglas == "SNDIF"


def test_las_dos_platicas_delitos_ciberneticos(demo):
    platicas = Actividad.objects.filter(tipo="platica").order_by("fecha_inicio")
    assert [(p.titulo, p.fecha_inicio, p.estado) for p in platicas] == [
        ("Delitos Cibernéticos", dt.date(2015, 3, 18), "realizada"),
        ("Delitos Cibernéticos", dt.date(2015, 4, 22), "realizada"),
    ]
    assert [a.audiencia.nombre for a in platicas[0].participaciones.all()] == [
        "Personal del programa"
    ]
    assert [a.audiencia.nombre for a in platicas[1].participaciones.all()] == ["Niñas y niños"]
    assert platicas[1].sede == "Centro de Desarrollo Infantil del DIF Nacional"
    assert all(p.convenio.folio == "SNDIF-PF-2014" for p in platicas)


def test_estrategia_nacional_contra_el_acoso_escolar(demo):
    estrategia = Estrategia.objects.get()
    assert estrategia.nombre.startswith("Estrategia Nacional para la prevención del acoso escolar")
    assert [i.siglas for i in estrategia.instituciones.all()] == ["PF"]
    assert "ciberbullying" in estrategia.participacion


def test_capacitaciones_realizadas_y_programadas(demo):
    capacitaciones = Actividad.objects.filter(tipo="capacitacion")
    realizadas = capacitaciones.filter(estado="realizada")
    programadas = capacitaciones.filter(estado="programada")

    assert entidades(realizadas) == ["Campeche", "Guanajuato", "Nayarit", "San Luis Potosí"]
    assert entidades(programadas) == ["Jalisco", "Morelos", "Oaxaca"]
    assert {(a.fecha_inicio, a.fecha_fin, a.precision) for a in programadas} == {
        (dt.date(2015, 7, 1), dt.date(2015, 12, 31), "semestre")
    }


def test_foro_de_2014_sobre_trata_y_sus_audiencias(demo):
    foro = Actividad.objects.get(tipo="foro")
    assert foro.titulo.startswith("Foro Análisis y Reflexión en torno a la Trata de Personas")
    assert (foro.fecha_inicio, foro.fecha_fin, foro.precision) == (
        dt.date(2014, 1, 1),
        dt.date(2014, 12, 31),
        "anio",
    )
    assert sorted(p.audiencia.nombre for p in foro.participaciones.all()) == [
        "Organizaciones de la sociedad civil",
        "Personal de los Sistemas Estatales DIF",
        "Personas servidoras públicas",
    ]


def test_curso_de_abril_de_2014_con_nueve_sistemas_estatales(demo):
    curso = Actividad.objects.get(tipo="curso")
    assert (curso.fecha_inicio, curso.fecha_fin, curso.precision) == (
        dt.date(2014, 4, 1),
        dt.date(2014, 4, 30),
        "mes",
    )
    assert [e.nombre_corto for e in curso.entidades_participantes.all()] == [
        "Chihuahua", "Durango", "Guerrero", "Hidalgo", "Jalisco",
        "Estado de México", "Puebla", "Tlaxcala", "Yucatán",
    ]  # fmt: skip
    assert len(curso.instituciones_con_rol("participa")) == 9


def test_productos_y_el_convenio_con_psicocartoon(demo):
    oda = Producto.objects.get(tipo="oda")
    herramienta = Producto.objects.get(tipo="herramienta_digital")
    assert oda.nombre == "Objetos Digitales de Aprendizaje (ODA) sobre la Trata de personas"
    assert herramienta.nombre == "La trata de personas y sus elementos"
    assert herramienta.convenio.tipo == "licencia"
    assert sorted(p.institucion.nombre for p in herramienta.convenio.partes.all()) == [
        "Psicocartoon México",
        "Sistema Nacional para el Desarrollo Integral de la Familia",
    ]


def test_la_policia_federal_tiene_por_sucesora_a_la_guardia_nacional(demo):
    assert Institucion.objects.get(siglas="PF").sucesora.nombre == "Guardia Nacional"


def sin_revision(filas) -> list[dict]:
    # La revisión cuenta los guardados (cada carga guarda), no los datos.
    return [{k: v for k, v in fila.items() if k != "revision"} for fila in filas]


def test_cargar_dos_veces_no_cambia_nada(demo):
    def foto():
        return {
            "actividades": sin_revision(Actividad.objects.order_by("folio").values()),
            "participacion": sorted(
                Actividad.objects.values_list("folio", "participaciones__audiencia__nombre")
            ),
            "entidades": sorted(Actividad.objects.values_list("folio", "entidades__clave")),
            "convenios": sin_revision(Convenio.objects.order_by("folio").values()),
            "productos": sin_revision(Producto.objects.order_by("nombre").values()),
            "instituciones": Institucion.objects.count(),
            "documentos_onu": list(DocumentoOnu.objects.order_by("simbolo").values()),
        }

    antes = foto()
    demo_cargar()
    assert foto() == antes


def test_comando_con_administrador_de_demostracion(db, client, capsys):
    call_command("cargar_demo", "--administrador")

    salida = capsys.readouterr().out
    assert "11 actividades" in salida and "«admin»" in salida
    entrada = client.post(
        "/admin/login/", {"username": "admin", "password": "demo-sndif-2015", "next": "/admin/"}
    )
    assert entrada.status_code == 302
    assert "SNDIF-PF-2014" in client.get("/admin/convenios/convenio/").content.decode()


def test_la_demo_trae_los_dos_documentos_de_la_onu_sin_recomendaciones_inventadas(demo):
    documentos = {d.simbolo: d for d in DocumentoOnu.objects.all()}
    assert sorted(documentos) == ["A/HRC/7/8/Add.2", "CRC/C/MEX/CO/4-5"]
    crc = documentos["CRC/C/MEX/CO/4-5"]
    assert crc.get_mecanismo_display() == "Comité de los Derechos del Niño"
    assert crc.fecha.isoformat() == "2015-06-05"
    relator = documentos["A/HRC/7/8/Add.2"]
    assert relator.get_mecanismo_display() == "Relatoría Especial"
    assert relator.nota == "Visita a México del 4 al 15 de mayo de 2007."
    # Los párrafos y sus textos salen de los documentos oficiales, no de la demo.
    assert not Recomendacion.objects.exists()

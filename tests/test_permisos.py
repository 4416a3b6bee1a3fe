"""La matriz de permisos: cada rol contra cada página, archivo y acción, celda por celda.

200: permitido · 403: sin permiso · 404: fuera de sus entidades (como si no existiera) ·
302: sin sesión, al inicio de sesión. "ro": la página abre pero sin botón de guardar.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from capacitaciones.models import Actividad, Producto
from programa.roles import POR_CLAVE, permisos_por_rol
from tests import factories as f
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def evidencia(actividad):
    return actividad.evidencias.get().archivo.url


A = "/admin/capacitaciones/actividad/"
MATRIZ = {
    # página: (administración, coordinación, capturista, enlace estatal, consulta)
    "lista de actividades": (lambda e: A, (200, 200, 200, 200, 200)),
    "alta de actividad": (lambda e: A + "add/", (200, 200, 200, 200, 403)),
    "actividad de SLP": (lambda e: f"{A}{e['slp'].pk}/change/", (200, 200, 200, 200, "ro")),
    "actividad de Oaxaca": (lambda e: f"{A}{e['oax'].pk}/change/", (200, 200, 200, 404, "ro")),
    "actividad de SLP y Oaxaca": (
        lambda e: f"{A}{e['ambas'].pk}/change/",
        (200, 200, 200, "ro", "ro"),
    ),
    "borrar actividad de SLP": (
        lambda e: f"{A}{e['slp'].pk}/delete/",
        (200, 200, 403, 403, 403),
    ),
    "historial de actividad de SLP": (
        lambda e: f"{A}{e['slp'].pk}/history/",
        (200, 200, 200, 200, 200),
    ),
    "historial de actividad de Oaxaca": (
        lambda e: f"{A}{e['oax'].pk}/history/",
        (200, 200, 200, 404, 200),
    ),
    "actividades eliminadas": (lambda e: A + "eliminadas/", (200, 200, 200, 403, 403)),
    "evidencia de SLP": (lambda e: evidencia(e["slp"]), (200, 200, 200, 200, 200)),
    "evidencia de Oaxaca": (lambda e: evidencia(e["oax"]), (200, 200, 200, 404, 200)),
    "lista de productos": (
        lambda e: "/admin/capacitaciones/producto/",
        (200, 200, 200, 200, 200),
    ),
    "alta de producto": (
        lambda e: "/admin/capacitaciones/producto/add/",
        (200, 200, 200, 200, 403),
    ),
    "lista de convenios": (lambda e: "/admin/convenios/convenio/", (200, 200, 200, 200, 200)),
    "alta de convenio": (lambda e: "/admin/convenios/convenio/add/", (200, 200, 200, 403, 403)),
    "alta de institución": (
        lambda e: "/admin/programa/institucion/add/",
        (200, 200, 200, 403, 403),
    ),
    "lista de temas": (lambda e: "/admin/programa/tema/", (200, 200, 200, 200, 200)),
    "alta de tema (catálogo)": (lambda e: "/admin/programa/tema/add/", (200, 403, 403, 403, 403)),
    "alta de audiencia (catálogo)": (
        lambda e: "/admin/programa/audiencia/add/",
        (200, 403, 403, 403, 403),
    ),
    "alta de estrategia": (
        lambda e: "/admin/programa/estrategia/add/",
        (200, 200, 403, 403, 403),
    ),
    "usuarios": (lambda e: "/admin/auth/user/", (200, 403, 403, 403, 403)),
    "roles (grupos)": (lambda e: "/admin/auth/group/", (200, 403, 403, 403, 403)),
    "bitácora de accesos": (lambda e: "/admin/programa/evento/", (200, 403, 403, 403, 403)),
    "intentos de acceso (desbloqueo)": (
        lambda e: "/admin/axes/accessattempt/",
        (200, 403, 403, 403, 403),
    ),
    # Hojas de cálculo de actividades
    "importar hoja": (lambda e: A + "importar/", (200, 200, 200, 200, 403)),
    "plantilla de la hoja": (lambda e: A + "plantilla/", (200, 200, 200, 200, 200)),
    "exportar actividades (CSV)": (lambda e: A + "exportar/csv/", (200, 200, 200, 200, 200)),
    "exportar actividades (XLSX)": (lambda e: A + "exportar/xlsx/", (200, 200, 200, 200, 200)),
    # Cobertura y tablero
    "cobertura": (lambda e: "/informes/cobertura/?anio=2015", (200, 200, 200, 200, 200)),
    "cobertura de SLP": (lambda e: "/informes/cobertura/24/", (200, 200, 200, 200, 200)),
    "cobertura de Oaxaca": (lambda e: "/informes/cobertura/20/", (200, 200, 200, 404, 200)),
    "cobertura en CSV": (lambda e: "/informes/cobertura.csv", (200, 200, 200, 200, 200)),
    "cobertura en XLSX": (lambda e: "/informes/cobertura.xlsx", (200, 200, 200, 200, 200)),
    "matriz de seguimiento": (lambda e: "/informes/seguimiento/", (200, 200, 200, 200, 200)),
    "matriz de seguimiento en DOCX": (
        lambda e: "/informes/seguimiento.docx",
        (200, 200, 200, 200, 200),
    ),
    "lista de recomendaciones": (
        lambda e: "/admin/programa/recomendacion/",
        (200, 200, 200, 200, 200),
    ),
    "alta de recomendación": (
        lambda e: "/admin/programa/recomendacion/add/",
        (200, 200, 403, 403, 403),
    ),
    "seguimiento anual": (
        lambda e: "/admin/programa/seguimientorecomendacion/",
        (200, 200, 200, 200, 200),
    ),
    "tablero": (lambda e: "/informes/", (200, 200, 200, 200, 200)),
    "cobertura de recomendaciones": (
        lambda e: "/informes/seguimiento/cobertura/?anio=2015",
        (200, 200, 200, 200, 200),
    ),
    "cobertura de recomendaciones en CSV": (
        lambda e: "/informes/seguimiento/cobertura/entidades.csv",
        (200, 200, 200, 200, 200),
    ),
    "cobertura de recomendaciones en XLSX": (
        lambda e: "/informes/seguimiento/cobertura/mecanismos.xlsx",
        (200, 200, 200, 200, 200),
    ),
    # Informe de contribución
    "informes de contribución": (
        lambda e: "/informes/contribucion/",
        (200, 200, 200, 403, 200),
    ),
    "nuevo informe": (lambda e: "/informes/contribucion/nuevo/", (200, 200, 403, 403, 403)),
    "borrador del informe": (
        lambda e: f"/informes/contribucion/{e['informe'].pk}/",
        (200, 200, 200, 403, 200),
    ),
    "descargar informe (Markdown)": (
        lambda e: f"/informes/contribucion/{e['informe'].pk}/descargar/md/",
        (200, 200, 200, 403, 200),
    ),
    "regenerar informe": (
        lambda e: f"/informes/contribucion/{e['informe'].pk}/regenerar/",
        (200, 200, 403, 403, 403),
    ),
    # Convocatorias
    "convocatorias (admin)": (
        lambda e: "/admin/informes/convocatoria/",
        (200, 200, 200, 403, 200),
    ),
    "alta de convocatoria": (
        lambda e: "/admin/informes/convocatoria/add/",
        (200, 200, 403, 403, 403),
    ),
    "convocatoria": (
        lambda e: f"/admin/informes/convocatoria/{e['convocatoria'].pk}/change/",
        (200, 200, "ro", 403, "ro"),
    ),
    "informe desde una convocatoria": (
        lambda e: f"/informes/contribucion/nuevo/?convocatoria={e['convocatoria'].pk}",
        (200, 200, 403, 403, 403),
    ),
    "finalizar informe": (
        lambda e: f"/informes/contribucion/{e['informe'].pk}/finalizar/",
        (200, 200, 403, 403, 403),
    ),
}


def celdas():
    for pagina, (_, esperados) in MATRIZ.items():
        for rol, esperado in zip(ROLES, esperados, strict=True):
            yield pytest.param(pagina, rol, esperado, id=f"{pagina}·{rol}")


@pytest.mark.parametrize(("pagina", "rol", "esperado"), list(celdas()))
def test_matriz_de_permisos(client, escenario, pagina, rol, esperado):
    client.force_login(escenario["usuarios"][rol])
    respuesta = client.get(MATRIZ[pagina][0](escenario))

    if esperado == "ro":
        assert respuesta.status_code == 200
        assert 'name="_save"' not in respuesta.content.decode()
    else:
        assert respuesta.status_code == esperado
        if esperado == 200 and "change/" in respuesta.request["PATH_INFO"]:
            assert 'name="_save"' in respuesta.content.decode()


@pytest.mark.parametrize("pagina", list(MATRIZ))
def test_sin_sesion_todo_lleva_al_inicio_de_sesion(client, escenario, pagina):
    respuesta = client.get(MATRIZ[pagina][0](escenario))
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta["Location"]


def test_el_enlace_solo_ve_sus_actividades_en_la_lista_y_en_la_busqueda(client, escenario):
    client.force_login(escenario["usuarios"]["enlace-estatal"])

    lista = client.get(A).content.decode()
    busqueda = client.get(A, {"q": "Oaxaca"}).content.decode()
    filtro = client.get(A, {"entidad": "20"}).content.decode()

    assert "Plática en San Luis Potosí" in lista and "Foro regional SLP y Oaxaca" in lista
    assert "Plática en Oaxaca" not in lista
    assert "Plática en Oaxaca" not in busqueda and "Plática en Oaxaca" not in filtro
    productos = client.get("/admin/capacitaciones/producto/").content.decode()
    assert "Cartel SLP" in productos and "Cartel Oaxaca" not in productos


def test_el_enlace_solo_puede_elegir_sus_entidades(client, escenario):
    client.force_login(escenario["usuarios"]["enlace-estatal"])
    autocompletado = client.get(
        "/admin/autocomplete/",
        {"term": "", "app_label": "capacitaciones", "model_name": "actividad",
         "field_name": "entidades"},
    ).json()  # fmt: skip
    assert [r["text"] for r in autocompletado["results"]] == ["San Luis Potosí"]

    programa = f.ProgramaFactory()
    datos = {
        "folio": "ENLACE-1", "tipo": "platica", "titulo": "Plática", "estado": "programada",
        "precision": "dia", "fecha_inicio": "01/12/2026", "modalidad": "presencial",
        "programa": programa.pk,
    }  # fmt: skip
    for prefijo in ("participaciones", "actividadinstitucion_set", "evidencias"):
        datos |= {f"{prefijo}-TOTAL_FORMS": 0, f"{prefijo}-INITIAL_FORMS": 0}

    en_oaxaca = client.post(A + "add/", datos | {"entidades": ["20"]}).content.decode()
    sin_entidad = client.post(A + "add/", datos).content.decode()

    assert "20 no es una de las opciones disponibles" in en_oaxaca
    assert "Elija al menos una de sus entidades" in sin_entidad
    assert not Actividad.objects.filter(folio="ENLACE-1").exists()
    assert client.post(A + "add/", datos | {"entidades": ["24"]}).status_code == 302


def test_el_enlace_no_puede_guardar_una_actividad_compartida(client, escenario):
    client.force_login(escenario["usuarios"]["enlace-estatal"])
    ambas = escenario["ambas"]
    respuesta = client.post(f"{A}{ambas.pk}/change/", {"titulo": "Cambiado"})
    assert respuesta.status_code == 403
    ambas.refresh_from_db()
    assert ambas.titulo == "Foro regional SLP y Oaxaca"


def test_roles_y_permisos_clave():
    permisos = permisos_por_rol(
        {
            "capacitaciones.add_actividad",
            "capacitaciones.delete_actividad",
            "programa.change_tema",
            "programa.view_tema",
            "programa.view_evento",
            "informes.view_informecontribucion",
            "informes.finalizar_informecontribucion",
        }
    )
    assert "programa.change_tema" not in permisos["Capturista nacional"]
    assert "capacitaciones.delete_actividad" not in permisos["Capturista nacional"]
    assert "informes.finalizar_informecontribucion" in permisos["Coordinación nacional"]
    assert "informes.finalizar_informecontribucion" not in permisos["Capturista nacional"]
    assert not any(p.startswith("informes.") for p in permisos["Enlace estatal"])
    assert "informes.view_informecontribucion" in permisos["Consulta"]
    assert "programa.view_evento" not in permisos["Consulta"]
    assert permisos["Consulta"] <= {p for p in permisos["Administración"]}
    assert all(".view_" in p for p in permisos["Consulta"])


def test_los_cinco_roles_existen_tras_migrar():
    assert set(Group.objects.values_list("name", flat=True)) >= set(POR_CLAVE.values())


def test_una_version_anterior_no_deja_ver_ni_reescribir_fuera_del_alcance(client, escenario):
    oax, slp = escenario["oax"], escenario["slp"]
    version_oax = oax.historial.latest("history_date").history_id
    version_slp = slp.historial.latest("history_date").history_id

    client.force_login(escenario["usuarios"]["enlace-estatal"])
    assert client.get(f"{A}{oax.pk}/history/{version_oax}/").status_code == 404
    assert client.post(f"{A}{oax.pk}/history/{version_oax}/", {}).status_code == 404

    client.force_login(escenario["usuarios"]["consulta"])
    assert client.get(f"{A}{slp.pk}/history/{version_slp}/").status_code == 200
    assert client.post(f"{A}{slp.pk}/history/{version_slp}/", {"titulo": "x"}).status_code == 403
    slp.refresh_from_db()
    assert slp.titulo == "Plática en San Luis Potosí"


def test_marcar_realizada_no_toca_actividades_compartidas_con_otra_entidad(client, escenario):
    ambas = escenario["ambas"]
    Actividad.objects.filter(pk=ambas.pk).update(estado="programada")
    client.force_login(escenario["usuarios"]["enlace-estatal"])

    respuesta = client.post(
        A, {"action": "marcar_realizadas", "_selected_action": [ambas.pk]}, follow=True
    )

    assert "también es de una entidad que no tiene asignada" in respuesta.content.decode()
    ambas.refresh_from_db()
    assert ambas.estado == "programada"


def test_el_enlace_duplica_y_la_copia_sigue_en_sus_entidades(client, escenario):
    client.force_login(escenario["usuarios"]["enlace-estatal"])
    respuesta = client.post(A, {"action": "duplicar", "_selected_action": [escenario["ambas"].pk]})
    copia = Actividad.objects.order_by("-pk").first()
    assert respuesta["Location"] == f"{A}{copia.pk}/change/"
    assert [e.clave for e in copia.entidades.all()] == ["24"]
    assert client.get(respuesta["Location"]).status_code == 200


def test_el_enlace_no_liga_un_producto_a_una_actividad_de_otra_entidad(client, escenario):
    client.force_login(escenario["usuarios"]["enlace-estatal"])
    respuesta = client.post(
        "/admin/capacitaciones/producto/add/",
        {"tipo": "oda", "nombre": "ODA de Oaxaca", "actividad": escenario["oax"].pk,
         "entidades_difusion": ["24"]},
    )  # fmt: skip
    assert "Seleccione una opción válida" in respuesta.content.decode()
    assert not Producto.objects.filter(nombre="ODA de Oaxaca").exists()


@pytest.mark.parametrize("consulta", ["anio=0", "anio=99999", "anio=²", "fecha_inicio__year=abc"])
def test_filtros_equivocados_en_la_direccion_no_rompen_la_lista(admin_client, escenario, consulta):
    lista = admin_client.get(f"{A}?{consulta}")
    exportar = admin_client.get(f"{A}exportar/csv/?{consulta}", follow=True)
    assert lista.status_code == 302 and lista["Location"].endswith("?e=1")
    assert exportar.status_code == 200
    assert "Los filtros de la dirección no son válidos." in exportar.content.decode()


def test_el_enlace_ve_en_la_cobertura_solo_sus_entidades(client, escenario):
    client.force_login(escenario["usuarios"]["enlace-estatal"])
    anio = escenario["slp"].fecha_inicio.year

    pagina = client.get("/informes/cobertura/", {"anio": anio}).content.decode()
    csv = client.get("/informes/cobertura.csv", {"anio": anio}).content.decode("utf-8-sig")
    tablero = client.get("/informes/", {"anio": anio}).content.decode()

    assert "1 de 1 entidad sin actividades realizadas" not in pagina
    assert "0 de 1 entidad sin actividades realizadas" in pagina
    assert "Total de sus entidades" in csv and "Total nacional" not in csv
    filas = [linea.split(",")[:3] for linea in csv.splitlines()[1:] if linea[:2].isdigit()]
    assert filas == [["24", "San Luis Potosí", "2"], ["00", "Total de sus entidades", "2"]]
    assert "Totales de sus entidades" in tablero
    assert client.get("/informes/cobertura/20/").status_code == 404
    assert client.get("/informes/contribucion/").status_code == 403


def test_paginas_de_error_y_fechas_en_espanol(client, escenario):
    f.ConvenioFactory(folio="PF-2014", fecha_firma=dt.date(2014, 10, 29))
    client.force_login(escenario["usuarios"]["consulta"])
    sin_permiso = client.get("/admin/programa/tema/add/")
    no_existe = client.get("/informes/cobertura/99/")
    convenios = client.get("/admin/convenios/convenio/").content.decode()

    assert "No tiene permiso para ver esta página" in sin_permiso.content.decode()
    assert no_existe.status_code == 404
    assert "29/10/2014" in convenios

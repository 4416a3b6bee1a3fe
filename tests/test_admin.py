"""Cada página del admin carga para un superusuario con un número fijo de consultas.

Se crean 20 filas de cada cosa (y 10 renglones en cada inline) para que un N+1 se note.
Consultas comunes a toda página del admin: sesión, usuario y, al final, guardar la sesión
(SAVEPOINT, UPDATE, RELEASE) porque SESSION_SAVE_EVERY_REQUEST renueva la expiración.
"""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

FILAS = 20


@pytest.fixture
def muchos_registros():
    convenio = f.ConvenioFactory()
    for _ in range(FILAS):
        actividad = f.ActividadFactory(entidades=["24", "09", "18"], convenio=convenio)
        f.ParticipacionFactory(actividad=actividad)
        f.ParticipacionFactory(actividad=actividad)
        f.ParteConvenioFactory()
        f.ProductoFactory(actividad=actividad)
        f.EstrategiaFactory()
        f.InstitucionFactory()
        tema = f.TemaFactory()
        f.AudienciaFactory()
        recomendacion = f.RecomendacionFactory(temas=[tema], ods=[f.MetaOdsFactory()])
        f.SeguimientoFactory(recomendacion=recomendacion, estado_propuesto="sin_avances")
        actividad.recomendaciones.add(recomendacion)


@pytest.fixture
def actividad_con_inlines():
    actividad = f.ActividadFactory(entidades=["24"])
    for _ in range(10):
        f.ParticipacionFactory(actividad=actividad)
        f.ActividadInstitucionFactory(actividad=actividad)
        f.EvidenciaFactory(actividad=actividad)
    return actividad


@pytest.fixture
def convenio_con_partes():
    convenio = f.ConvenioFactory()
    for _ in range(10):
        f.ParteConvenioFactory(convenio=convenio)
    return convenio


# Comunes (5): sesión, usuario, SAVEPOINT, UPDATE de la sesión, RELEASE SAVEPOINT.
# Changelist: + COUNT del total (show_full_result_count=False evita el segundo) + la página.
@pytest.mark.parametrize(
    ("url", "consultas"),
    [
        # + MIN/MAX de fechas y un EXISTS por año entre ellos, en una consulta (filtro de año:
        #   solo años con actividades), entidades, temas, convenios y programas de los filtros,
        #   la página con su convenio, entidades y participación precargadas. Sin
        #   date_hierarchy (issue 7: repetía el filtro de año con un DISTINCT de toda la tabla).
        #   En PostgreSQL el COUNT es el de PaginadorEstimado: también una consulta.
        ("/admin/capacitaciones/actividad/", 15),
        # + convenios del filtro, página con convenio y actividad, entidades del filtro.
        ("/admin/capacitaciones/producto/", 9),
        # + programas del filtro, página, partes con su institución, fechas de date_hierarchy.
        ("/admin/convenios/convenio/", 12),
        # + entidades del filtro, página con entidad y sucesora.
        ("/admin/programa/institucion/", 8),
        # Catálogos pequeños: COUNT filtrado y COUNT total (se muestran ambos) y la página.
        ("/admin/programa/entidadfederativa/", 8),
        ("/admin/programa/tema/", 8),
        ("/admin/programa/audiencia/", 8),
        # + temas del filtro, página con su programa.
        ("/admin/programa/estrategia/", 9),
        ("/admin/programa/programa/", 8),
        # + documentos, temas y metas ODS de los filtros, COUNT (uno: show_full_result_count
        #   = False), la página con su documento.
        ("/admin/programa/recomendacion/", 10),
        # + COUNT y la página (el filtro de mecanismo son opciones fijas).
        ("/admin/programa/documentoonu/", 7),
        # Catálogo pequeño: COUNT filtrado y total, y la página.
        ("/admin/programa/metaods/", 8),
        # + COUNT, la página con recomendación, documento y quien confirmó, años del filtro.
        ("/admin/programa/seguimientorecomendacion/", 8),
        # + las acciones recientes del usuario.
        ("/admin/", 6),
    ],
)
def test_changelists_con_consultas_fijas(
    admin_client, django_assert_num_queries, muchos_registros, url, consultas
):
    admin_client.get("/admin/")  # la sesión ya existe, como en el uso diario
    with django_assert_num_queries(consultas):
        respuesta = admin_client.get(url)
    assert respuesta.status_code == 200


@pytest.mark.parametrize(
    ("url", "consultas"),
    [
        ("/admin/capacitaciones/actividad/add/", 6),  # más ¿hay un solo programa?
        ("/admin/capacitaciones/producto/add/", 5),
        ("/admin/convenios/convenio/add/", 5),
        ("/admin/programa/institucion/add/", 5),
        ("/admin/programa/estrategia/add/", 5),
        ("/admin/programa/programa/add/", 5),
        ("/admin/programa/tema/add/", 5),
        ("/admin/programa/audiencia/add/", 5),
        ("/admin/programa/recomendacion/add/", 5),
        ("/admin/programa/seguimientorecomendacion/add/", 5),
    ],
)
# Solo las comunes: el formulario vacío no consulta nada más.
def test_paginas_para_agregar(admin_client, django_assert_num_queries, url, consultas):
    admin_client.get(url)  # sesión creada y caché de tipos de contenido llena, como en uso
    with django_assert_num_queries(consultas):
        respuesta = admin_client.get(url)
    assert respuesta.status_code == 200


def test_cambiar_actividad_con_diez_renglones_en_cada_inline(
    admin_client, django_assert_num_queries, actividad_con_inlines
):
    admin_client.get("/admin/")
    # Comunes (5) + la actividad; sus temas, entidades, entidades participantes y
    # recomendaciones elegidas; programa elegido; por inline (participación, instituciones,
    # evidencias) sus renglones con la relación ya unida y una consulta de etiquetas para el
    # autocompletado (no una por renglón); y las consultas de la copia vacía de cada inline.
    with django_assert_num_queries(22):
        respuesta = admin_client.get(
            f"/admin/capacitaciones/actividad/{actividad_con_inlines.pk}/change/"
        )
    assert respuesta.status_code == 200
    assert respuesta.content.decode().count('name="participaciones-') >= 10


def test_cambiar_convenio_con_diez_partes(
    admin_client, django_assert_num_queries, convenio_con_partes
):
    admin_client.get("/admin/")
    # Las de siempre (13) + las recomendaciones elegidas del convenio.
    with django_assert_num_queries(14):
        respuesta = admin_client.get(f"/admin/convenios/convenio/{convenio_con_partes.pk}/change/")
    assert respuesta.status_code == 200


def cambio(app_modelo: str) -> str:
    from django.apps import apps

    objeto = apps.get_model(app_modelo).objects.order_by("pk").last()
    app, modelo = app_modelo.lower().split(".")
    return f"/admin/{app}/{modelo}/{objeto.pk}/change/"


# Comunes (5) + el registro, y lo que cada formulario muestra ya elegido (sus M2M y FK con
# autocompletado); ninguna crece con las filas de la base.
@pytest.mark.parametrize(
    ("app_modelo", "consultas"),
    [
        # + producto; convenio, actividad, temas, entidades, audiencias y recomendaciones
        # elegidos.
        ("capacitaciones.Producto", 12),
        # + estrategia; programa, instituciones, temas y recomendaciones elegidos.
        ("programa.Estrategia", 10),
        # + institución; entidad y sucesora elegidas.
        ("programa.Institucion", 6),
        ("programa.Tema", 6),
        ("programa.Audiencia", 6),
        # + programa; institución responsable elegida.
        ("programa.Programa", 7),
        ("programa.EntidadFederativa", 6),
        # + recomendación con su documento; temas y metas ODS elegidos (2); el seguimiento
        # anual (inline) con su recomendación, documento y quien confirmó, en una consulta;
        # las etiquetas del autocompletado de documento, temas y metas (3).
        ("programa.Recomendacion", 12),
        # + seguimiento con su recomendación, documento y quien confirmó; la recomendación
        # elegida con su documento (autocompletado).
        ("programa.SeguimientoRecomendacion", 7),
        ("programa.DocumentoOnu", 6),
        # + usuario; sus grupos y permisos (y los disponibles), y sus entidades asignadas;
        # la huella de la cuenta (fila, grupos, permisos, entidades: 4).
        ("auth.User", 15),
    ],
)
def test_cambiar_cada_registro(
    admin_client, django_assert_num_queries, muchos_registros, app_modelo, consultas
):
    url = cambio(app_modelo)
    admin_client.get(url)
    with django_assert_num_queries(consultas):
        respuesta = admin_client.get(url)
    assert respuesta.status_code == 200


@pytest.mark.parametrize(
    ("url", "consultas"),
    [
        # + COUNT y página de la bitácora con su usuario, fechas de date_hierarchy.
        ("/admin/programa/evento/", 9),
        # + grupos del filtro, COUNT (2), página con sus grupos precargados.
        ("/admin/auth/user/", 10),
        ("/admin/auth/group/", 8),
        # + COUNT y la página de informes, sin sus archivos.
        ("/admin/informes/informecontribucion/", 7),
        # admin de django-axes: COUNT (2), página, fechas y rutas de sus filtros.
        ("/admin/axes/accessattempt/", 11),
        ("/admin/capacitaciones/actividad/eliminadas/", 6),
    ],
)
def test_otras_listas_del_admin(
    admin_client, django_assert_num_queries, muchos_registros, url, consultas
):
    for n in range(FILAS):
        admin_client.get(f"/admin/?visita={n}")  # eventos en la bitácora de accesos no
    admin_client.get(url)
    with django_assert_num_queries(consultas):
        respuesta = admin_client.get(url)
    assert respuesta.status_code == 200


def test_indice_del_admin_en_espanol_y_en_orden(admin_client):
    contenido = admin_client.get("/admin/").content.decode()

    assert "Programa para la Protección y Desarrollo Integral de la Infancia" in contenido
    posiciones = [
        contenido.index(nombre)
        for nombre in ("Actividades y productos", "Convenios", "Programa y catálogos")
    ]
    assert posiciones == sorted(posiciones)
    assert "Entidades federativas" in contenido

"""Cada página del admin carga para un superusuario con un número fijo de consultas.

Se crean 20 filas de cada cosa (y 10 renglones en cada inline) para que un N+1 se note.
Consultas comunes a toda página del admin: sesión y usuario. La sesión no se guarda en cada
página: programa/sesion.py corre su expiración a lo más una vez por minuto.
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
def convocatoria_con_preguntas():
    convocatoria = f.ConvocatoriaFactory()
    temas = [f.TemaFactory() for _ in range(3)]
    audiencias = [f.AudienciaFactory() for _ in range(3)]
    recomendaciones = [f.RecomendacionFactory() for _ in range(3)]
    for n in range(1, 11):
        f.PreguntaConvocatoriaFactory(
            convocatoria=convocatoria,
            numero=n,
            tipos=["foro", "curso"],
            temas=temas,
            audiencias=audiencias,
            recomendaciones=recomendaciones,
        )
    for _ in range(FILAS - 1):
        f.ConvocatoriaFactory()
    return convocatoria


@pytest.fixture
def convenio_con_partes():
    convenio = f.ConvenioFactory()
    for _ in range(10):
        f.ParteConvenioFactory(convenio=convenio)
    return convenio


# Comunes (2): sesión y usuario.
# Changelist: + COUNT del total (show_full_result_count=False evita el segundo) + la página.
@pytest.mark.parametrize(
    ("url", "consultas"),
    [
        # + MIN/MAX de fechas y las versiones de datos de esos años (una lectura): los años con
        #   actividades y los convenios de los filtros salen de la caché bajo esas versiones;
        #   entidades, temas y programas de los filtros, la página con su convenio, entidades y
        #   participación precargadas. Sin date_hierarchy (repetía el filtro de año con un
        #   DISTINCT de toda la tabla). En PostgreSQL el COUNT es el de PaginadorEstimado:
        #   también una consulta. La primera vez tras un cambio, además, un EXISTS por año en
        #   una consulta y los convenios (test_lista_de_actividades_en_frio).
        ("/admin/capacitaciones/actividad/", 11),
        # + convenios del filtro, página con convenio y actividad, entidades del filtro.
        ("/admin/capacitaciones/producto/", 6),
        # + programas del filtro, página, partes con su institución, fechas de date_hierarchy.
        ("/admin/convenios/convenio/", 9),
        # + entidades del filtro, página con entidad y sucesora.
        ("/admin/programa/institucion/", 5),
        # Catálogos pequeños: COUNT filtrado y COUNT total (se muestran ambos) y la página.
        ("/admin/programa/entidadfederativa/", 5),
        ("/admin/programa/tema/", 5),
        ("/admin/programa/audiencia/", 5),
        # + temas del filtro, página con su programa.
        ("/admin/programa/estrategia/", 6),
        ("/admin/programa/programa/", 5),
        # + documentos, temas y metas ODS de los filtros, COUNT (uno: show_full_result_count
        #   = False), la página con su documento.
        ("/admin/programa/recomendacion/", 7),
        # + COUNT y la página (el filtro de mecanismo son opciones fijas).
        ("/admin/programa/documentoonu/", 4),
        # Catálogo pequeño: COUNT filtrado y total, y la página.
        ("/admin/programa/metaods/", 5),
        # + COUNT, la página con recomendación, documento y quien confirmó, años del filtro.
        ("/admin/programa/seguimientorecomendacion/", 5),
        # + las acciones recientes del usuario.
        ("/admin/", 3),
    ],
)
def test_changelists_con_consultas_fijas(
    admin_client, django_assert_num_queries, muchos_registros, url, consultas
):
    admin_client.get("/admin/")  # la sesión ya existe, como en el uso diario
    admin_client.get(url)  # y alguien ya abrió la lista desde el último cambio
    with django_assert_num_queries(consultas):
        respuesta = admin_client.get(url)
    assert respuesta.status_code == 200


def test_lista_de_actividades_en_frio(admin_client, django_assert_num_queries, muchos_registros):
    admin_client.get("/admin/")
    # Las 11 de la lista en caliente, más: crear la versión de 2015 que aún no existe (la caché
    # en la base cuenta sus filas, y en un SAVEPOINT busca la clave, la inserta y se libera; luego
    # la vuelve a leer: 6) y las dos opciones que no estaban en la caché: EXISTS por año y
    # los convenios.
    with django_assert_num_queries(19):
        respuesta = admin_client.get("/admin/capacitaciones/actividad/")
    assert respuesta.status_code == 200


@pytest.mark.parametrize(
    ("url", "consultas"),
    [
        ("/admin/capacitaciones/actividad/add/", 3),  # más ¿hay un solo programa?
        ("/admin/capacitaciones/producto/add/", 2),
        ("/admin/convenios/convenio/add/", 2),
        ("/admin/programa/institucion/add/", 2),
        ("/admin/programa/estrategia/add/", 2),
        ("/admin/programa/programa/add/", 2),
        ("/admin/programa/tema/add/", 2),
        ("/admin/programa/audiencia/add/", 2),
        ("/admin/programa/recomendacion/add/", 2),
        ("/admin/programa/seguimientorecomendacion/add/", 2),
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
    # Comunes (2) + la actividad; sus temas, entidades, entidades participantes y
    # recomendaciones elegidas; programa elegido; por inline (participación, instituciones,
    # evidencias) sus renglones con la relación ya unida y una consulta de etiquetas para el
    # autocompletado (no una por renglón); y las consultas de la copia vacía de cada inline.
    with django_assert_num_queries(19):
        respuesta = admin_client.get(
            f"/admin/capacitaciones/actividad/{actividad_con_inlines.pk}/change/"
        )
    assert respuesta.status_code == 200
    assert respuesta.content.decode().count('name="participaciones-') >= 10


def test_cambiar_convenio_con_diez_partes(
    admin_client, django_assert_num_queries, convenio_con_partes
):
    admin_client.get("/admin/")
    # Las de siempre (10) + las recomendaciones elegidas del convenio.
    with django_assert_num_queries(11):
        respuesta = admin_client.get(f"/admin/convenios/convenio/{convenio_con_partes.pk}/change/")
    assert respuesta.status_code == 200


def test_convocatorias_y_una_con_diez_preguntas(
    admin_client, django_assert_num_queries, convocatoria_con_preguntas
):
    admin_client.get("/admin/")
    # Comunes (2) + COUNT, la página y date_hierarchy (MIN/MAX de fechas límite y sus fechas).
    with django_assert_num_queries(6):
        assert admin_client.get("/admin/informes/convocatoria/").status_code == 200
    url = f"/admin/informes/convocatoria/{convocatoria_con_preguntas.pk}/change/"
    admin_client.get(url)
    # Comunes (2) + la convocatoria; sus preguntas y, de todas a la vez, sus temas, audiencias
    # y recomendaciones elegidos (3); las opciones de temas, audiencias y recomendaciones, una
    # vez para todos los renglones (3).
    with django_assert_num_queries(10):
        respuesta = admin_client.get(url)
    assert respuesta.content.decode().count('name="preguntas-') >= 10


def cambio(app_modelo: str) -> str:
    from django.apps import apps

    objeto = apps.get_model(app_modelo).objects.order_by("pk").last()
    app, modelo = app_modelo.lower().split(".")
    return f"/admin/{app}/{modelo}/{objeto.pk}/change/"


# Comunes (2) + el registro, y lo que cada formulario muestra ya elegido (sus M2M y FK con
# autocompletado); ninguna crece con las filas de la base.
@pytest.mark.parametrize(
    ("app_modelo", "consultas"),
    [
        # + producto; convenio, actividad, temas, entidades, audiencias y recomendaciones
        # elegidos.
        ("capacitaciones.Producto", 9),
        # + estrategia; programa, instituciones, temas y recomendaciones elegidos.
        ("programa.Estrategia", 7),
        # + institución; entidad y sucesora elegidas.
        ("programa.Institucion", 3),
        ("programa.Tema", 3),
        ("programa.Audiencia", 3),
        # + programa; institución responsable elegida.
        ("programa.Programa", 4),
        ("programa.EntidadFederativa", 3),
        # + recomendación con su documento; temas y metas ODS elegidos (2); el seguimiento
        # anual (inline) con su recomendación, documento y quien confirmó, en una consulta;
        # las etiquetas del autocompletado de documento, temas y metas (3).
        ("programa.Recomendacion", 9),
        # + seguimiento con su recomendación, documento y quien confirmó; la recomendación
        # elegida con su documento (autocompletado).
        ("programa.SeguimientoRecomendacion", 4),
        ("programa.DocumentoOnu", 3),
        # + usuario; sus grupos y permisos (y los disponibles), y sus entidades asignadas;
        # la huella de la cuenta (fila, grupos, permisos, entidades: 4).
        ("auth.User", 12),
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
        ("/admin/programa/evento/", 6),
        # + grupos del filtro, COUNT (2), página con sus grupos precargados.
        ("/admin/auth/user/", 7),
        ("/admin/auth/group/", 5),
        # + COUNT y la página de informes, sin sus archivos.
        ("/admin/informes/informecontribucion/", 4),
        # admin de django-axes: COUNT (2), página, fechas y rutas de sus filtros.
        ("/admin/axes/accessattempt/", 8),
        ("/admin/capacitaciones/actividad/eliminadas/", 3),
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


def test_la_casilla_de_cada_fila_es_la_de_django():
    """programa.sitio la escribe sin plantilla (un tercio de la lista); debe ser la misma."""
    from django.contrib import admin

    from capacitaciones.models import Actividad

    actividad = f.ActividadFactory(titulo='Plática "Riesgos <en> línea" & más')
    modelo_admin = admin.site._registry[Actividad]

    propia = modelo_admin.action_checkbox(actividad)
    assert propia == admin.ModelAdmin.action_checkbox(modelo_admin, actividad)
    assert "Riesgos &lt;en&gt; línea" in propia

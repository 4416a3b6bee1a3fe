import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from capacitaciones.hojas.admin import CLAVE_SESION
from capacitaciones.hojas.columnas import TODAS
from capacitaciones.models import Actividad
from tests.capacitaciones.hojas import csv_bytes, fila, foto_bd, xlsx_bytes
from tests.factories import ActividadFactory, ParticipacionFactory, ProgramaFactory

pytestmark = pytest.mark.django_db

LISTA = "/admin/capacitaciones/actividad/"
IMPORTAR = LISTA + "importar/"
CONFIRMAR = LISTA + "importar/confirmar/"


def _subir(cliente, contenido, nombre="sistema-dif.csv"):
    # Subir encola la revisión y lleva a su página de avance, que al terminar lleva a la vista
    # previa (en las pruebas la tarea corre dentro de la petición: ImmediateBackend).
    return cliente.post(IMPORTAR, {"archivo": SimpleUploadedFile(nombre, contenido)}, follow=True)


def _temporales() -> list[Path]:
    carpeta = Path(settings.MEDIA_ROOT) / "tmp" / "importaciones"
    # Solo las hojas; junto a cada una esperan las revisiones vistas en su vista previa.
    return sorted(p for p in carpeta.iterdir() if p.suffix != ".json") if carpeta.exists() else []


def test_la_lista_ofrece_importar_plantilla_y_exportar(admin_client):
    html = admin_client.get(LISTA + "?estado__exact=programada").content.decode()
    assert f'href="{IMPORTAR}"' in html
    assert f'href="{LISTA}plantilla/"' in html
    assert f'href="{LISTA}exportar/xlsx/?estado__exact=programada"' in html


def test_vista_previa_sin_escribir_y_confirmar_guarda(demo, admin_client):
    foto = foto_bd()
    contenido = xlsx_bytes(
        [fila(folio="SLP-1"), fila(folio="SNDIF-2015-PLATICA-01", titulo="Delitos Cibernéticos")]
    )

    previa = _subir(admin_client, contenido, "slp.xlsx")

    html = previa.content.decode()
    assert previa.status_code == 200
    assert "2 filas: 1 nuevas, 1 actualizadas, 0 sin cambios, 0 con errores." in html
    assert "Confirmar e importar" in html
    assert foto_bd() == foto  # nada escrito antes de confirmar
    (temporal,) = _temporales()
    token = admin_client.session[CLAVE_SESION]["token"]
    assert temporal.name == token + ".xlsx"

    confirmado = admin_client.post(CONFIRMAR, {"token": token}, follow=True)

    assert "Se importó «slp.xlsx»: 1 nuevas, 1 actualizadas, 0 sin cambios." in (
        confirmado.content.decode()
    )
    assert Actividad.objects.get(folio="SLP-1").titulo == "Delitos cibernéticos"
    assert _temporales() == []
    assert CLAVE_SESION not in admin_client.session


def test_la_misma_hoja_por_la_orden_da_el_mismo_resultado(demo, admin_client, tmp_path):
    contenido = csv_bytes([fila(folio="SLP-1"), fila(folio="SLP-2", titulo="Otra")])
    _subir(admin_client, contenido)
    admin_client.post(CONFIRMAR, {"token": admin_client.session[CLAVE_SESION]["token"]})
    ruta = tmp_path / "sistema-dif.csv"
    ruta.write_bytes(contenido)
    salida = io.StringIO()
    call_command("importar_actividades", str(ruta), stdout=salida, verbosity=0)
    assert salida.getvalue() == (
        "Actividades importadas: 0 nuevas, 0 actualizadas, 2 sin cambios.\n"
    )


def test_vista_previa_con_errores_no_deja_confirmar(demo, admin_client):
    foto = foto_bd()
    respuesta = _subir(admin_client, csv_bytes([fila(), fila(entidades="Nayrit")]))
    html = respuesta.content.decode()
    assert "1 nuevas, 0 actualizadas, 0 sin cambios, 1 con errores." in html
    assert (
        "«entidades»: &#x27;Nayrit&#x27; no es una entidad federativa; ¿quiso decir Nayarit?"
        in (html)
    )
    assert "Confirmar e importar" not in html
    assert foto_bd() == foto


@pytest.mark.parametrize(
    ("contenido", "nombre", "mensaje"),
    [
        (b"hola", "actividades.txt", "no es una hoja de cálculo aceptada"),
        (b"", "actividades.csv", "El archivo enviado está vacío."),
        (b"no soy un zip", "actividades.xlsx", "dice ser XLSX pero su contenido no lo es"),
        (b"\xff\xfe\x00a", "actividades.csv", "no es un archivo de texto CSV"),
    ],
)
def test_archivos_malos_en_el_admin_dan_un_mensaje_sin_error_500(
    demo, admin_client, contenido, nombre, mensaje
):
    foto = foto_bd()
    respuesta = _subir(admin_client, contenido, nombre)
    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert foto_bd() == foto
    assert _temporales() == []


def test_confirmar_sin_vista_previa_o_con_otro_token_no_escribe(demo, admin_client):
    _subir(admin_client, csv_bytes([fila(folio="SLP-1")]))
    respuesta = admin_client.post(CONFIRMAR, {"token": "inventado"}, follow=True)
    assert "La vista previa ya no está disponible; suba el archivo otra vez." in (
        respuesta.content.decode()
    )
    assert not Actividad.objects.filter(folio="SLP-1").exists()
    assert admin_client.get(CONFIRMAR).status_code == 405


def test_si_algo_cambio_al_confirmar_se_muestran_los_errores(demo, admin_client):
    _subir(admin_client, csv_bytes([fila(convenio="SNDIF-PSICOCARTOON")]))
    antes = Actividad.objects.count()
    from convenios.models import Convenio

    Convenio.objects.filter(folio="SNDIF-PSICOCARTOON").update(folio="OTRO")
    respuesta = admin_client.post(
        CONFIRMAR, {"token": admin_client.session[CLAVE_SESION]["token"]}, follow=True
    )
    assert "No hay un convenio con folio &#x27;SNDIF-PSICOCARTOON&#x27;" in (
        respuesta.content.decode()
    )
    assert Actividad.objects.count() == antes


def test_sin_permiso_de_agregar_no_se_importa(demo, client):
    usuario = User.objects.create_user("consulta", password="x", is_staff=True)
    usuario.user_permissions.add(Permission.objects.get(codename="view_actividad"))
    client.force_login(usuario)
    assert client.get(IMPORTAR).status_code == 403
    assert "Importar hoja" not in client.get(LISTA).content.decode()
    assert client.get(LISTA + "plantilla/").status_code == 200


def test_vista_previa_cuesta_las_mismas_consultas(demo, admin_client, django_assert_num_queries):
    admin_client.get("/admin/")  # la sesión ya se renovó (programa/sesion.py), como en uso
    for n in (10, 40):
        contenido = csv_bytes([fila(folio=f"N{n}-{i}") for i in range(n)])
        archivo = SimpleUploadedFile("sistema-dif.csv", contenido)
        # Subir, con la tarea dentro (ImmediateBackend): sesión y usuario (2); archivos vencidos
        # de tareas viejas por borrar (1); crear la tarea (1); la tarea: leerla, «en curso», su
        # total (3); entidades, temas, audiencias, instituciones, convenios y programas (6);
        # SAVEPOINT, actividades con esos folios, RELEASE (3); «terminada» con su resultado (1);
        # guardar la sesión: SAVEPOINT, UPDATE, RELEASE (3). Menos de 500 filas: ningún UPDATE
        # de avance en medio.
        with django_assert_num_queries(20):
            avance = admin_client.post(IMPORTAR, {"archivo": archivo})
        # Avance y vista previa: sesión, usuario, la tarea.
        with django_assert_num_queries(3):
            previa = admin_client.get(avance.url)
        with django_assert_num_queries(3):
            html = admin_client.get(previa.url).content.decode()
        assert f"{n} filas: {n} nuevas" in html


def _lineas(respuesta) -> list[dict]:
    texto = b"".join(respuesta.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(texto)))


def test_exportar_la_lista_con_sus_filtros(demo, admin_client, django_assert_num_queries):
    programa = ProgramaFactory()
    for _ in range(30):
        ParticipacionFactory(
            actividad=ActividadFactory(estado="programada", entidades=["24"], programa=programa)
        )
    admin_client.get(LISTA)  # se exporta desde la lista: sus filtros ya están en la caché
    # Sesión y usuario (2); los filtros de la lista: MIN/MAX de fechas y las versiones de datos
    # (los años con datos y los convenios salen de la caché), entidades, temas y programas (5);
    # COUNT de la lista (1); el evento de la bitácora (1); la sesión ya se guardó al abrir la
    # lista. Al recorrer la respuesta: siglas repetidas (1), actividades (1) y sus 6 relaciones
    # (6; la sexta, las recomendaciones con su documento).
    with django_assert_num_queries(17):
        respuesta = admin_client.get(LISTA + "exportar/csv/?estado__exact=programada")
        filas = _lineas(respuesta)
    assert respuesta["Content-Disposition"].startswith('attachment; filename="actividades-')
    assert len(filas) == 33
    assert {f["estado"] for f in filas} == {"Programada"}
    assert list(filas[0]) == list(TODAS)


def test_exportar_elegidas_a_xlsx(demo, admin_client):
    elegidas = Actividad.objects.filter(folio__startswith="SNDIF-2015-PLATICA")
    respuesta = admin_client.post(
        LISTA,
        {"action": "exportar_xlsx", "_selected_action": [a.pk for a in elegidas]},
    )
    libro = openpyxl.load_workbook(io.BytesIO(b"".join(respuesta.streaming_content)))
    folios = sorted(c.value for c in libro["Actividades"]["A"][1:])
    assert folios == ["SNDIF-2015-PLATICA-01", "SNDIF-2015-PLATICA-02"]


def test_descargar_la_plantilla(demo, admin_client):
    respuesta = admin_client.get(LISTA + "plantilla/")
    libro = openpyxl.load_workbook(io.BytesIO(b"".join(respuesta.streaming_content)))
    assert [c.value for c in libro["Actividades"][1]] == list(TODAS)
    assert "Instrucciones" in libro.sheetnames

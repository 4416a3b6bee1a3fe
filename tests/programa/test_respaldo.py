"""Un respaldo se puede hacer siempre y, restaurado en una base vacía, deja cada fila igual."""

import datetime as dt
import hashlib
import importlib
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Max

from capacitaciones.models import Actividad, Evidencia
from informes.cobertura import selectores as cobertura
from informes.cobertura.periodos import Periodo
from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.redaccion import redactar
from informes.models import InformeContribucion
from programa.bitacora import evento_registrar
from programa.models import Evento, PerfilUsuario, Tema
from tests.factories import ActividadFactory, ConvenioFactory, EvidenciaFactory, entidad

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Se excluyen a propósito (ver programa/respaldo.py): las sesiones abiertas.
EXCLUIDAS = {"sessions.session"}


def todas_las_filas() -> dict[str, list[tuple]]:
    """Cada fila de cada tabla de cada aplicación, columna por columna, por llave primaria."""
    filas = {}
    for modelo in apps.get_models(include_auto_created=True):
        if modelo._meta.label_lower in EXCLUIDAS or modelo._meta.proxy:
            continue
        columnas = [f.attname for f in modelo._meta.concrete_fields]
        consulta = modelo._base_manager.order_by("pk").values_list(*columnas)
        filas[modelo._meta.label_lower] = [
            tuple(bytes(v) if isinstance(v, memoryview) else v for v in fila) for fila in consulta
        ]
    return filas


def base_recien_migrada():
    """Lo que deja ``migrate`` en una base nueva: tablas vacías salvo lo que siembra."""
    call_command("flush", "--no-input")  # también vuelve a crear tipos, permisos y roles
    sembrar = importlib.import_module("programa.migrations.0002_catalogos_iniciales").cargar
    sembrar(apps, None)


def datos_con_una_persona_que_se_fue(client):
    coordinadora = User.objects.create_user("coordinadora", password="x", is_staff=True)
    coordinadora.groups.add(Group.objects.first())
    enlace = User.objects.create_user("enlace.nayarit", password="x", is_staff=True)
    perfil = PerfilUsuario.objects.create(usuario=enlace)
    perfil.entidades.set([entidad("18")])
    actividad = ActividadFactory(entidades=["18", "24"], fecha_inicio=dt.date(2023, 11, 2))
    actividad._history_user = enlace  # la capturó quien después se va
    actividad.titulo = "Plática sobre ciberacoso en Tepic"
    actividad.save()
    ActividadFactory.create_batch(3, fecha_inicio=dt.date(2031, 1, 7), estado="programada")
    EvidenciaFactory(actividad=actividad)
    ConvenioFactory()
    evento_registrar(tipo=Evento.Tipo.EXPORTACION, usuario=enlace, descripcion="exportó 2023")
    InformeContribucion.objects.create(
        titulo="Borrador 2023",
        desde=dt.date(2023, 1, 1),
        hasta=dt.date(2023, 12, 31),
        corte=dt.date(2024, 1, 15),
        hechos={"nota": "ñandú", "cifras": [1, 2.5, None]},
        creado_por=coordinadora,
        docx=bytes(range(256)),  # binario con ceros y bytes altos
    )
    client.post("/admin/login/", {"username": "coordinadora", "password": "mal"})  # axes
    enlace.delete()


def test_hay_respaldo_despues_de_borrar_a_una_persona(tmp_path, client):
    datos_con_una_persona_que_se_fue(client)
    archivo = tmp_path / "respaldo.zip"

    call_command("respaldar", "--salida", str(archivo), verbosity=0)

    assert zipfile.is_zipfile(archivo)


def test_restaurar_en_una_base_vacia_deja_cada_fila_igual(tmp_path, settings, client):
    datos_con_una_persona_que_se_fue(client)
    archivo = tmp_path / "respaldo.zip"
    call_command("respaldar", "--salida", str(archivo), verbosity=0)
    antes = todas_las_filas()
    ultimo_historial = Actividad.historial.aggregate(m=Max("history_id"))["m"]
    archivos_antes = {e.archivo.name: e.archivo.read() for e in Evidencia.objects.order_by("pk")}
    # Hay microsegundos que el JSON de Django recortaría a milésimas.
    assert any(f.microsecond % 1000 for f in Evento.objects.values_list("fecha", flat=True))

    base_recien_migrada()
    settings.MEDIA_ROOT = tmp_path / "otra-media"
    call_command("restaurar", str(archivo), verbosity=0)

    despues = todas_las_filas()
    for tabla, filas in antes.items():
        assert despues[tabla] == filas, tabla
    for nombre, contenido in archivos_antes.items():
        assert (tmp_path / "otra-media" / nombre).read_bytes() == contenido
    # Un alta nueva después de restaurar no choca con los números restaurados.
    nueva = ActividadFactory(entidades=["09"])
    assert nueva.pk > max(f[0] for f in antes["capacitaciones.actividad"])
    assert min(nueva.historial.values_list("history_id", flat=True)) > ultimo_historial
    evento_registrar(tipo=Evento.Tipo.ACCESO, descripcion="después de restaurar")


def lo_que_ve_una_coordinadora():
    tabla = cobertura.cobertura(cobertura.Filtros(Periodo.anio(2015)))
    texto = redactar(
        contribucion_construir(
            desde=dt.date(2014, 1, 1), hasta=dt.date(2015, 6, 30), corte=dt.date(2015, 6, 30)
        ),
        "es",
    )
    return tabla.filas(), [(b.tipo, b.texto, b.elementos) for b in texto]


def test_respaldo_y_restauracion_dejan_todo_igual(tmp_path, settings):
    call_command("cargar_demo", "--administrador")
    actividad = Actividad.objects.get(folio="SNDIF-2015-PLATICA-01")
    evidencia = Evidencia(actividad=actividad, tipo="lista_asistencia")
    evidencia.archivo.save("lista.pdf", ContentFile(b"%PDF-1.4\nlista de asistencia\n"))
    Tema.objects.filter(nombre="Ciberacoso").update(nombre="Ciberacoso y sexting")
    antes = lo_que_ve_una_coordinadora()
    historial_antes = Actividad.historial.count()
    archivo = tmp_path / "respaldo.zip"

    call_command("respaldar", "--salida", str(archivo), verbosity=0)
    base_recien_migrada()
    settings.MEDIA_ROOT = tmp_path / "otra-media"
    call_command("restaurar", str(archivo), verbosity=0)

    assert lo_que_ve_una_coordinadora() == antes
    assert Actividad.historial.count() == historial_antes
    assert Tema.objects.filter(nombre="Ciberacoso y sexting").exists()
    restaurada = Evidencia.objects.get()
    assert restaurada.archivo.read() == b"%PDF-1.4\nlista de asistencia\n"


def test_no_restaura_encima_de_datos(tmp_path):
    call_command("cargar_demo")
    archivo = tmp_path / "respaldo.zip"
    call_command("respaldar", "--salida", str(archivo), verbosity=0)
    with pytest.raises(CommandError, match="La base de datos no está vacía \\(11 actividades"):
        call_command("restaurar", str(archivo), verbosity=0)


def test_respaldo_danado_o_ajeno(tmp_path):
    ajeno = tmp_path / "fotos.zip"
    with zipfile.ZipFile(ajeno, "w") as zip_:
        zip_.writestr("foto.jpg", b"...")
    with pytest.raises(CommandError, match="no es un respaldo de este sistema"):
        call_command("restaurar", str(ajeno), verbosity=0)
    with pytest.raises(CommandError, match="No existe el archivo"):
        call_command("restaurar", str(tmp_path / "no-existe.zip"), verbosity=0)


def _reescribir(archivo, destino, cambiar):
    """Copia el respaldo cambiando piezas: ``cambiar(nombre, bytes) -> bytes``."""
    with zipfile.ZipFile(archivo) as origen, zipfile.ZipFile(destino, "w") as salida:
        for nombre in origen.namelist():
            salida.writestr(nombre, cambiar(nombre, origen.read(nombre)))


def test_respaldo_alterado_no_escribe_nada(tmp_path):
    ActividadFactory(titulo="Plática en Tepic")
    archivo = tmp_path / "respaldo.zip"
    call_command("respaldar", "--salida", str(archivo), verbosity=0)
    base_recien_migrada()
    temas_antes = list(Tema.objects.values_list("pk", "nombre"))

    alterado = tmp_path / "alterado.zip"
    _reescribir(
        archivo,
        alterado,
        lambda nombre, datos: (
            datos.replace(b"Tepic", b"Tepik")
            if nombre == "tablas/capacitaciones.actividad.jsonl"
            else datos
        ),
    )
    with pytest.raises(
        CommandError, match="dañado: la tabla capacitaciones.actividad no coincide con su SHA-256"
    ):
        call_command("restaurar", str(alterado), verbosity=0)
    assert not Actividad.objects.exists()
    assert list(Tema.objects.values_list("pk", "nombre")) == temas_antes


def test_respaldo_de_otra_version_del_esquema_se_rechaza_claro(tmp_path):
    archivo = tmp_path / "respaldo.zip"
    call_command("respaldar", "--salida", str(archivo), verbosity=0)
    base_recien_migrada()

    def quitar_columna(nombre, datos):
        if nombre != "manifiesto.json":
            return datos
        manifiesto = json.loads(datos)
        manifiesto["tablas"]["capacitaciones.actividad"]["columnas"].append("sede_vieja")
        return json.dumps(manifiesto).encode()

    otra = tmp_path / "otra-version.zip"
    _reescribir(archivo, otra, quitar_columna)
    with pytest.raises(
        CommandError,
        match=r"La tabla capacitaciones.actividad del respaldo no tiene las columnas de esta "
        r"versión del sistema \(del respaldo: sede_vieja",
    ):
        call_command("restaurar", str(otra), verbosity=0)


def test_respaldo_con_una_ruta_fuera_de_los_archivos_no_escribe_nada(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archivo = tmp_path / "respaldo.zip"
    call_command("respaldar", "--salida", str(archivo), verbosity=0)
    base_recien_migrada()

    def con_ruta_hostil(nombre, datos):
        if nombre != "manifiesto.json":
            return datos
        manifiesto = json.loads(datos)
        manifiesto["archivos"] = {"../../fuera.txt": hashlib.sha256(b"x").hexdigest()}
        return json.dumps(manifiesto).encode()

    malicioso = tmp_path / "malicioso.zip"
    _reescribir(archivo, malicioso, con_ruta_hostil)
    with zipfile.ZipFile(malicioso, "a") as zip_:
        zip_.writestr("archivos/../../fuera.txt", b"x")
    with pytest.raises(CommandError, match="una ruta fuera de los archivos: ../../fuera.txt"):
        call_command("restaurar", str(malicioso), verbosity=0)
    assert not (tmp_path / "fuera.txt").exists()
    assert connection.vendor in {"sqlite", "postgresql"}

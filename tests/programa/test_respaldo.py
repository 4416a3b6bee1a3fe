"""Un respaldo restaurado en una base vacía da la misma cobertura y el mismo informe."""

import datetime as dt
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from capacitaciones.models import Actividad, Evidencia
from informes.cobertura import selectores as cobertura
from informes.cobertura.periodos import Periodo
from informes.contribucion.hechos import contribucion_construir
from informes.contribucion.redaccion import redactar
from programa.models import Tema

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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

    call_command("respaldar", "--salida", str(archivo))
    call_command("flush", "--no-input")  # una base vacía, como recién creada
    settings.MEDIA_ROOT = tmp_path / "otra-media"
    call_command("restaurar", str(archivo))

    assert lo_que_ve_una_coordinadora() == antes
    assert Actividad.historial.count() == historial_antes
    assert Tema.objects.filter(nombre="Ciberacoso y sexting").exists()
    restaurada = Evidencia.objects.get()
    assert restaurada.archivo.read() == b"%PDF-1.4\nlista de asistencia\n"


def test_no_restaura_encima_de_datos(tmp_path):
    call_command("cargar_demo")
    archivo = tmp_path / "respaldo.zip"
    call_command("respaldar", "--salida", str(archivo))
    with pytest.raises(CommandError, match="La base de datos no está vacía \\(11 actividades"):
        call_command("restaurar", str(archivo))


def test_respaldo_danado_o_ajeno(tmp_path):
    ajeno = tmp_path / "fotos.zip"
    with zipfile.ZipFile(ajeno, "w") as zip_:
        zip_.writestr("foto.jpg", b"...")
    with pytest.raises(CommandError, match="no es un respaldo de este sistema"):
        call_command("restaurar", str(ajeno))
    with pytest.raises(CommandError, match="No existe el archivo"):
        call_command("restaurar", str(tmp_path / "no-existe.zip"))


def test_respaldo_con_una_ruta_fuera_de_los_archivos_no_escribe_nada(tmp_path, settings):
    import hashlib
    import json

    settings.MEDIA_ROOT = tmp_path / "media"
    datos = b"[]"
    manifiesto = {
        "version": 1,
        "creado": "2026-11-28T12:00:00",
        "registros": {},
        "datos_sha256": hashlib.sha256(datos).hexdigest(),
        "archivos": {"../../fuera.txt": hashlib.sha256(b"x").hexdigest()},
    }
    archivo = tmp_path / "malicioso.zip"
    with zipfile.ZipFile(archivo, "w") as zip_:
        zip_.writestr("datos.json", datos)
        zip_.writestr("manifiesto.json", json.dumps(manifiesto))
        zip_.writestr("archivos/../../fuera.txt", b"x")
    with pytest.raises(CommandError, match="una ruta fuera de los archivos"):
        call_command("restaurar", str(archivo))
    assert not (tmp_path / "fuera.txt").exists()

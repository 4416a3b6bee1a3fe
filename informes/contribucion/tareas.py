"""El DOCX o PDF de un borrador con un periodo grande, en segundo plano."""

from django_tasks import task

from informes.contribucion.exportar.pdf import MotorPDFNoDisponible
from informes.contribucion.servicios import informe_archivo
from informes.models import InformeContribucion
from programa.tareas import FalloExplicado, archivo_guardar, archivo_temporal, con_avance


@task()
@con_avance
def informe_preparar(tarea, avance) -> dict:
    informe = InformeContribucion.objects.get(pk=tarea.datos["informe"])
    avance.al_abrir(1)
    try:
        archivo = informe_archivo(informe, tarea.datos["formato"])
    except MotorPDFNoDisponible as error:
        raise FalloExplicado(str(error)) from error
    avance.paso()
    with archivo_temporal(archivo.nombre) as ruta:
        ruta.write_bytes(archivo.contenido)
        return archivo_guardar(tarea, ruta, mensaje=f"«{informe.titulo}» listo para descargar.")

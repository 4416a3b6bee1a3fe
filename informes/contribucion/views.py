"""Páginas del informe de contribución. Delgadas: leen parámetros, llaman a un servicio y
entregan el resultado a una plantilla o a un exportador."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from capacitaciones.models import Actividad
from informes.contribucion.comparar import informes_comparar, versiones_hermanas
from informes.contribucion.documento import contar_palabras
from informes.contribucion.exportar.pdf import MotorPDFNoDisponible
from informes.contribucion.forms import (
    InformeNuevoForm,
    InformeTextoForm,
    RespuestasForm,
    inicial_de_convocatoria,
    periodo_elegido,
    periodos_rapidos,
)
from informes.contribucion.servicios import (
    FORMATOS,
    informe_archivo,
    informe_documento,
    informe_finalizar,
    informe_generar,
    informe_nueva_version,
)
from informes.contribucion.tareas import informe_preparar
from informes.models import Convocatoria, InformeContribucion
from informes.seguimiento.convocatorias import palabras_por_respuesta
from programa.bitacora import evento_registrar
from programa.models import Evento, Tarea
from programa.revision import RegistroCambiado, ultimo_cambio
from programa.tareas import tarea_encolar

VER = "informes.view_informecontribucion"
CAMBIAR = "informes.change_informecontribucion"
AGREGAR = "informes.add_informecontribucion"
FINALIZAR = "informes.finalizar_informecontribucion"


def _coordinacion(permiso):
    """Solo personal (is_staff) con el permiso del modelo; los roles llegarán en otro issue."""

    def decorador(vista):
        return staff_member_required(permission_required(permiso, raise_exception=True)(vista))

    return decorador


def _informe(pk) -> InformeContribucion:
    return get_object_or_404(
        InformeContribucion.objects.select_related("finalizado_por", "programa", "convocatoria"),
        pk=pk,
    )


def _convocatoria(valor: str) -> Convocatoria | None:
    if not (valor.isascii() and valor.isdigit()):
        return None
    return Convocatoria.objects.filter(pk=int(valor)).prefetch_related("preguntas").first()


@_coordinacion(VER)
def lista(request):
    informes = InformeContribucion.objects.select_related("finalizado_por").defer(
        "docx", "pdf", "hechos", "instantanea", "cuerpo"
    )
    return render(request, "informes/contribucion/lista.html", {"informes": informes})


@_coordinacion(AGREGAR)
def nuevo(request):
    hoy = timezone.localdate()
    inicial, aviso, clave = {}, None, request.GET.get("periodo", "")
    if clave:
        if periodo := periodo_elegido(clave):
            inicial = {"desde": periodo.desde, "hasta": periodo.hasta, "corte": periodo.hasta}
        else:
            aviso = (
                f"No se reconoce el periodo «{clave[:20]}»: elija uno de la lista o escriba "
                "las fechas."
            )
    convocatoria = None
    if valor := request.GET.get("convocatoria", "") or request.POST.get("convocatoria", ""):
        if convocatoria := _convocatoria(valor):
            inicial |= inicial_de_convocatoria(convocatoria)
        else:
            aviso = (
                f"No existe la convocatoria «{valor[:20]}»: elíjala en el tablero o cree el "
                "informe sin convocatoria."
            )
    form = InformeNuevoForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():  # el informe y su primer borrador, o nada
            informe = form.save(commit=False)
            informe.creado_por = request.user
            informe.save()
            form.save_m2m()
            informe_generar(informe=informe)
        messages.success(request, "Informe creado y redactado desde los registros.")
        return redirect("informes:contribucion_detalle", informe.pk)
    contexto = {
        "form": form,
        "periodos": periodos_rapidos(hoy, Actividad.objects.anios_con_datos()).items(),
        "periodo_actual": clave,
        "aviso_periodo": aviso,
        "convocatoria": convocatoria,
    }
    return render(request, "informes/contribucion/formulario.html", contexto)


@_coordinacion(VER)
def detalle(request, pk):
    informe = _informe(pk)
    puede_cambiar = request.user.has_perm(CAMBIAR)
    form = None
    if puede_cambiar and not informe.es_final:
        clase = RespuestasForm if informe.convocatoria_id else InformeTextoForm
        form = clase(request.POST or None, instance=informe)
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    informe.modificado_por = request.user
                    form.save()
            except RegistroCambiado:
                # Guardó otra persona entre la validación y el guardado: nada se escribió.
                informe.refresh_from_db()
                form.add_error(None, informe.aviso_cambio())
            else:
                messages.success(request, "Cambios guardados.")
                return redirect("informes:contribucion_detalle", informe.pk)
    elif request.method == "POST":
        if not puede_cambiar:
            raise PermissionDenied
        messages.error(request, "Este informe es final: no se puede editar.")
        return redirect("informes:contribucion_detalle", informe.pk)
    documento = informe_documento(informe)
    respuestas = palabras_por_respuesta(informe.respuestas or [])
    # Las preguntas (encabezados) cuentan en el total, aunque no se editen.
    palabras_preguntas = sum(contar_palabras(r["encabezado"]) for r in respuestas)
    if form is None:
        secciones, palabras = [], contar_palabras(documento.texto_plano())
    else:
        secciones = form.secciones()
        palabras = form.palabras_titulo() + palabras_preguntas + sum(s.palabras for s in secciones)
    fuente = informe.instantanea["hechos"] if informe.es_final else informe.hechos
    return render(
        request,
        "informes/contribucion/detalle.html",
        {
            "informe": informe,
            "documento": documento,
            "mapa_svg": documento.mapa_svg,
            "form": form,
            "secciones": secciones,
            "palabras": palabras,
            "excede": bool(informe.limite_palabras) and palabras > informe.limite_palabras,
            "avisos": (fuente or {}).get("avisos", []),
            "puede_cambiar": puede_cambiar,
            "puede_agregar": request.user.has_perm(AGREGAR),
            "hermanas": versiones_hermanas(informe),
            "respuestas": respuestas,
            "palabras_preguntas": palabras_preguntas,
        },
    )


@_coordinacion(VER)
def comparar(request, pk, otro_pk):
    textos = InformeContribucion.objects.only(
        "titulo", "version", "estado", "desde", "hasta", "introduccion", "cuerpo", "cierre"
    )
    informe = get_object_or_404(textos, pk=pk)
    hermanas = versiones_hermanas(informe)
    if otro_pk not in {h["pk"] for h in hermanas}:
        raise Http404("Ese informe no es otra versión de este.")
    otro = get_object_or_404(textos, pk=otro_pk)
    # Siempre de la versión anterior a la posterior, se abra desde cualquiera de las dos.
    antes, despues = sorted((informe, otro), key=lambda i: (i.version, i.pk))
    return render(
        request,
        "informes/contribucion/comparar.html",
        {
            "informe": informe,
            "antes": antes,
            "despues": despues,
            "secciones": informes_comparar(antes, despues),
            "hermanas": hermanas,
        },
    )


def _confirmar(request, informe, pregunta, advertencia, boton, detalles=()):
    contexto = {
        "informe": informe,
        "pregunta": pregunta,
        "advertencia": advertencia,
        "detalles": detalles,
    }
    return render(request, "informes/contribucion/confirmar.html", contexto | {"boton": boton})


def _revision_confirmada(request) -> int | None:
    """La revisión que mostró la página de confirmación (campo oculto ``revision_leida``)."""
    valor = request.POST.get("revision_leida", "")
    return int(valor) if valor.isascii() and valor.isdigit() else None


def _no_confirmado(request, informe, accion: str):
    """Otra persona cambió el texto después de abrir la confirmación: no se hace nada."""
    informe.refresh_from_db()
    messages.error(
        request,
        f"{ultimo_cambio(informe).frase(informe.registro_este)} después de que usted abrió la "
        f"confirmación. No se {accion}: revise el texto actual y vuelva a confirmar.",
    )
    return redirect("informes:contribucion_detalle", informe.pk)


def _sin_revision(request, informe):
    messages.error(
        request,
        "La confirmación no trae la revisión del texto que usted vio; ábrala de nuevo desde "
        "la página del informe.",
    )
    return redirect("informes:contribucion_detalle", informe.pk)


@_coordinacion(CAMBIAR)
def regenerar(request, pk):
    informe = _informe(pk)
    if informe.es_final:
        messages.error(
            request, "Un informe final no se vuelve a redactar; inicie una nueva versión."
        )
        return redirect("informes:contribucion_detalle", informe.pk)
    if request.method != "POST":
        return _confirmar(
            request,
            informe,
            "¿Volver a redactar desde los registros?",
            "Se reemplazará el texto del cuerpo, con todas las ediciones que le haya hecho, por "
            "uno nuevo redactado de los registros actuales. La introducción y el cierre se "
            "conservan.",
            "Sí, reemplazar el texto",
        )
    if (revision := _revision_confirmada(request)) is None:
        return _sin_revision(request, informe)
    informe.modificado_por = request.user
    try:
        informe_generar(informe=informe, revision=revision)
    except RegistroCambiado:
        return _no_confirmado(request, informe, "volvió a redactar")
    messages.success(request, "Texto redactado de nuevo desde los registros.")
    return redirect("informes:contribucion_detalle", informe.pk)


@_coordinacion(FINALIZAR)
def finalizar(request, pk):
    informe = _informe(pk)
    if informe.es_final:
        messages.error(request, "Este informe ya es final.")
        return redirect("informes:contribucion_detalle", informe.pk)
    if request.method != "POST":
        return _confirmar(
            request,
            informe,
            "¿Marcar el informe como final?",
            f"Se congelará la versión {informe.version} tal como está ahora. Ya no podrá "
            "editarse ni volver a redactarse; para cambiarla habrá que iniciar una nueva "
            "versión, y esta seguirá guardada igual. Quedará guardado:",
            "Sí, marcar como final",
            detalles=[
                "El texto: título, introducción, cuerpo y cierre, como se ve en esta página.",
                "El archivo Word (DOCX) y el PDF, con sus bytes exactos: cada descarga "
                "posterior entregará esos mismos archivos.",
                "Una instantánea de los hechos con que se redactó (de donde salen las cifras, "
                "las tablas y el mapa del anexo), con el periodo, la fecha de corte y el límite "
                "de palabras; si después se corrigen los registros, este informe no cambia.",
                "La suma SHA-256 de esa instantánea (que incluye las sumas del DOCX y del PDF), "
                "para comprobar después que nada se alteró.",
                f"Quién lo marcó ({request.user.get_username()}) y la fecha y hora exactas.",
            ],
        )
    if (revision := _revision_confirmada(request)) is None:
        return _sin_revision(request, informe)
    try:
        informe_finalizar(informe=informe, usuario=request.user, revision=revision)
    except RegistroCambiado:
        return _no_confirmado(request, informe, "marcó como final")
    except MotorPDFNoDisponible as error:
        return render(
            request,
            "informes/contribucion/sin_pdf.html",
            {"informe": informe, "mensaje": str(error)},
            status=503,
        )
    messages.success(request, "El informe es final; sus archivos quedaron guardados.")
    return redirect("informes:contribucion_detalle", informe.pk)


@require_POST
@_coordinacion(AGREGAR)
def nueva_version(request, pk):
    nueva = informe_nueva_version(informe=_informe(pk), usuario=request.user)
    messages.success(request, f"Se inició la versión {nueva.version} como borrador.")
    return redirect("informes:contribucion_detalle", nueva.pk)


def _en_segundo_plano(informe, formato) -> bool:
    """DOCX o PDF de un borrador cuyo periodo tiene muchas actividades (en todo el país).

    Un final entrega los bytes guardados al finalizarlo: siempre en la misma petición.
    """
    umbral = settings.INFORME_EN_SEGUNDO_PLANO_DESDE
    if not umbral or informe.es_final or formato not in ("docx", "pdf"):
        return False
    actividades = Actividad.objects.en_periodo(informe.desde, informe.hasta)
    return actividades.count() >= umbral


@_coordinacion(VER)
def descargar(request, pk, formato):
    if formato not in FORMATOS:
        raise Http404("Formato desconocido.")
    informe = _informe(pk)
    if _en_segundo_plano(informe, formato):
        evento_registrar(
            tipo=Evento.Tipo.EXPORTACION,
            request=request,
            descripcion=f"Informe de contribución {informe.pk} en {formato.upper()}",
        )
        tarea = tarea_encolar(
            informe_preparar,
            tipo=Tarea.Tipo.INFORME,
            usuario=request.user,
            descripcion=f"{informe.titulo} (versión {informe.version}), {formato.upper()}",
            datos={"informe": informe.pk, "formato": formato, "permiso": VER, "unidad": "pasos"},
        )
        return redirect("tarea", pk=tarea.pk)
    try:
        archivo = informe_archivo(informe, formato)
    except MotorPDFNoDisponible as error:
        return render(
            request,
            "informes/contribucion/sin_pdf.html",
            {"informe": informe, "mensaje": str(error)},
            status=503,
        )
    evento_registrar(
        tipo=Evento.Tipo.EXPORTACION,
        request=request,
        descripcion=f"Informe de contribución {informe.pk} en {formato.upper()}",
    )
    respuesta = HttpResponse(archivo.contenido, content_type=archivo.tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{archivo.nombre}"'
    return respuesta

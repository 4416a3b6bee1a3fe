"""Importar y exportar hojas desde la lista de actividades del admin.

``HojasActividadesAdminMixin`` agrega a un ModelAdmin de Actividad: subir una hoja, verla fila
por fila (nueva, actualiza, sin cambios o error) y confirmarla; descargar la plantilla; y
exportar la lista con sus filtros o las actividades elegidas. Entre la vista previa y la
confirmación, el archivo espera en MEDIA_ROOT/tmp con un nombre al azar guardado en la sesión;
al confirmar se vuelve a validar todo y se guarda en una transacción. Revisar y confirmar
corren en segundo plano (capacitaciones/hojas/tareas.py): la persona ve la página de avance.
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capacitaciones.hojas.exportar import actividades_filas, escribir_xlsx, lineas_csv
from capacitaciones.hojas.importar import Accion
from capacitaciones.hojas.lectura import EXTENSIONES
from capacitaciones.hojas.plantilla import plantilla_escribir
from capacitaciones.hojas.tareas import (
    actividades_exportar,
    carpeta,
    hoja_importar,
    hoja_revisar,
    resultado_leer,
)
from programa.bitacora import evento_registrar
from programa.models import Evento, Tarea
from programa.tareas import tarea_encolar

CLAVE_SESION = "hojas_actividades_importacion"
# Sin filas de más: una vista previa de 50,000 filas no cabe en una página; si hay errores,
# se muestran esos.
FILAS_A_MOSTRAR = 1000
VIDA_ARCHIVO_SEGUNDOS = 24 * 60 * 60
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FormularioImportar(forms.Form):
    archivo = forms.FileField(
        label=_("Hoja de cálculo"),
        help_text=_("Un archivo .xlsx o .csv (UTF-8) con las columnas de la plantilla."),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        if Path(archivo.name).suffix.lower() not in EXTENSIONES:
            raise forms.ValidationError(
                _("«%(nombre)s» no es una hoja de cálculo aceptada: súbala como .xlsx o .csv."),
                params={"nombre": archivo.name},
            )
        limite = settings.TAMANO_MAXIMO_ARCHIVO_MB
        if archivo.size > limite * 1024 * 1024:
            raise forms.ValidationError(
                _("«%(nombre)s» pesa %(mb).1f MB; el máximo es %(limite)s MB."),
                params={"nombre": archivo.name, "mb": archivo.size / 1024 / 1024, "limite": limite},
            )
        return archivo


def _guardar_temporal(subido) -> tuple[str, Path]:
    """Guarda lo subido con un nombre al azar (nunca el del usuario) y borra los viejos."""
    temporales = carpeta()
    limite = time.time() - VIDA_ARCHIVO_SEGUNDOS
    for viejo in temporales.iterdir():
        if viejo.stat().st_mtime < limite:
            viejo.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    ruta = temporales / (token + Path(subido.name).suffix.lower())
    with ruta.open("wb") as destino:
        for pedazo in subido.chunks():
            destino.write(pedazo)
    return token, ruta


class HojasActividadesAdminMixin:
    change_list_template = "admin/capacitaciones/actividad/change_list.html"

    def get_urls(self):
        nombre = f"{self.opts.app_label}_{self.opts.model_name}"
        vista = self.admin_site.admin_view
        propias = [
            path("importar/", vista(self.importar_hoja), name=f"{nombre}_importar"),
            path(
                "importar/vista-previa/<uuid:pk>/",
                vista(self.vista_previa_importacion),
                name=f"{nombre}_importar_vista_previa",
            ),
            path(
                "importar/confirmar/",
                vista(self.confirmar_importacion),
                name=f"{nombre}_importar_confirmar",
            ),
            path("plantilla/", vista(self.descargar_plantilla), name=f"{nombre}_plantilla"),
            path("exportar/<str:formato>/", vista(self.exportar_lista), name=f"{nombre}_exportar"),
        ]
        return propias + super().get_urls()

    def get_actions(self, request):
        acciones = super().get_actions(request)
        if self.has_view_permission(request):
            for nombre in ("exportar_csv", "exportar_xlsx"):
                acciones[nombre] = self.get_action(nombre)
        return acciones

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "puede_importar": self._tiene_permiso_importar(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    # -- importar --------------------------------------------------------------------------

    def _tiene_permiso_importar(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def _puede_importar(self, request) -> None:
        if not self._tiene_permiso_importar(request):
            raise PermissionDenied

    def _contexto(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "title": _("Importar actividades desde una hoja de cálculo"),
            "limite_mb": settings.TAMANO_MAXIMO_ARCHIVO_MB,
            **extra,
        }

    def importar_hoja(self, request):
        self._puede_importar(request)
        formulario = FormularioImportar(request.POST or None, request.FILES or None)
        if request.method == "POST" and formulario.is_valid():
            subido = formulario.cleaned_data["archivo"]
            token, ruta = _guardar_temporal(subido)
            pendiente = {"token": token, "archivo": ruta.name, "nombre": subido.name}
            request.session[CLAVE_SESION] = pendiente
            tarea = tarea_encolar(
                hoja_revisar,
                tipo=Tarea.Tipo.VISTA_PREVIA,
                usuario=request.user,
                descripcion=subido.name,
                datos=pendiente,
            )
            return redirect("tarea", pk=tarea.pk)
        return TemplateResponse(
            request,
            "admin/capacitaciones/actividad/importar.html",
            self._contexto(request, formulario=formulario),
        )

    def vista_previa_importacion(self, request, pk):
        """Las filas que dejó la tarea de revisar (o la de confirmar, si algo cambió)."""
        self._puede_importar(request)
        tarea = get_object_or_404(Tarea, pk=pk, usuario=request.user, estado=Tarea.Estado.TERMINADA)
        if tarea.tipo not in (Tarea.Tipo.VISTA_PREVIA, Tarea.Tipo.IMPORTACION):
            raise Http404
        resultado = resultado_leer(carpeta() / tarea.datos["archivo"], tarea.datos["nombre"])
        if resultado is None:
            self.message_user(
                request,
                _("La vista previa ya no está disponible; suba el archivo otra vez."),
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_importar")
        return self._vista_previa(request, resultado, tarea.datos["token"])

    def _vista_previa(self, request, resultado, token):
        con_error = [f for f in resultado.filas if f.accion == Accion.ERROR]
        filas = resultado.filas
        if len(filas) > FILAS_A_MOSTRAR:
            filas = (con_error or filas)[:FILAS_A_MOSTRAR]
        return TemplateResponse(
            request,
            "admin/capacitaciones/actividad/importar_vista_previa.html",
            self._contexto(
                request,
                title=_("Vista previa de «%(nombre)s»") % {"nombre": resultado.nombre},
                resultado=resultado,
                token=token,
                conteo=resultado.conteo,
                con_error=con_error,
                filas=filas,
            ),
        )

    def confirmar_importacion(self, request):
        self._puede_importar(request)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        pendiente = request.session.get(CLAVE_SESION) or {}
        token = request.POST.get("token", "")
        ruta = carpeta() / str(pendiente.get("archivo", "-"))
        if not token or not secrets.compare_digest(token, pendiente.get("token", "")):
            ruta = None
        if ruta is None or not ruta.is_file():
            self.message_user(
                request,
                _("La vista previa ya no está disponible; suba el archivo otra vez."),
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_importar")
        # Una sola confirmación por vista previa (dos clics no encolan dos importaciones).
        del request.session[CLAVE_SESION]
        tarea = tarea_encolar(
            hoja_importar,
            tipo=Tarea.Tipo.IMPORTACION,
            usuario=request.user,
            descripcion=pendiente["nombre"],
            datos=pendiente,
        )
        return redirect("tarea", pk=tarea.pk)

    def descargar_plantilla(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        archivo = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse lo cierra)
        plantilla_escribir(archivo)
        archivo.seek(0)
        return FileResponse(
            archivo,
            as_attachment=True,
            filename="plantilla-actividades.xlsx",
            content_type=TIPO_XLSX,
        )

    # -- exportar --------------------------------------------------------------------------

    def exportar_lista(self, request, formato):
        """La lista con los filtros con que se está viendo (los de la URL)."""
        if not self.has_view_permission(request) or formato not in ("csv", "xlsx"):
            raise PermissionDenied
        # La ChangeList aplica filtros, búsqueda y orden igual que la página.
        try:
            lista = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            self.message_user(
                request, _("Los filtros de la dirección no son válidos."), messages.ERROR
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        # La lista ya se contó al armarla (estimado si es enorme: basta para elegir el camino).
        return self._exportar(request, lista.queryset, formato, total=lista.result_count)

    def _exportar(self, request, actividades, formato: str, total: int | None = None):
        """Pocas actividades: el archivo en esta misma respuesta. Muchas: una tarea con avance."""
        nombre = f"actividades-{timezone.localdate():%Y-%m-%d}.{formato}"
        evento_registrar(
            tipo=Evento.Tipo.EXPORTACION,
            request=request,
            descripcion=f"Actividades en {formato.upper()}: "
            f"{request.GET.urlencode() or 'lista sin filtros o elegidas'}",
        )
        umbral = settings.EXPORTAR_EN_SEGUNDO_PLANO_DESDE
        if umbral and (actividades.count() if total is None else total) >= umbral:
            return self._exportar_en_segundo_plano(request, nombre, formato)
        filas = actividades_filas(actividades)
        if formato == "csv":
            respuesta = StreamingHttpResponse(lineas_csv(filas), content_type="text/csv")
        else:
            # openpyxl escribe en modo de solo escritura a un archivo temporal, que se envía
            # por partes: nunca está entero en memoria.
            archivo = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse lo cierra)
            escribir_xlsx(filas, archivo)
            archivo.seek(0)
            respuesta = FileResponse(archivo, content_type=TIPO_XLSX)
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
        return respuesta

    def _exportar_en_segundo_plano(self, request, nombre, formato):
        # La tarea vuelve a armar la consulta con los filtros de la dirección y el alcance de
        # quien la pide; de una acción, con las elegidas (o todas las filtradas).
        elegidas = None
        if request.method == "POST" and request.POST.get("select_across") != "1":
            elegidas = request.POST.getlist(ACTION_CHECKBOX_NAME)
        tarea = tarea_encolar(
            actividades_exportar,
            tipo=Tarea.Tipo.EXPORTACION,
            usuario=request.user,
            descripcion=nombre,
            datos={
                "consulta": request.GET.urlencode(),
                "elegidas": elegidas,
                "formato": formato,
                "nombre": nombre,
                "unidad": "actividades",
                "permiso": f"{self.opts.app_label}.view_{self.opts.model_name}",
            },
        )
        return redirect("tarea", pk=tarea.pk)

    def exportar_csv(self, request, queryset):
        return self._exportar(request, queryset, "csv")

    exportar_csv.short_description = _("Exportar las elegidas a CSV")
    exportar_csv.allowed_permissions = ("view",)

    def exportar_xlsx(self, request, queryset):
        return self._exportar(request, queryset, "xlsx")

    exportar_xlsx.short_description = _("Exportar las elegidas a Excel (.xlsx)")
    exportar_xlsx.allowed_permissions = ("view",)

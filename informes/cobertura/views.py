"""Cobertura y tablero: leen filtros, llaman a un selector y entregan a un renderizador."""

from dataclasses import replace

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from capacitaciones.models import Actividad
from informes.cobertura import cache, tabla
from informes.cobertura import orden as ordenar
from informes.cobertura import selectores as selector
from informes.cobertura.filtros import AnioForm, FiltrosCoberturaForm
from informes.cobertura.tareas import entidad_exportar
from informes.graficos import graficas
from informes.graficos.mapa import mapa_svg
from informes.seguimiento.convocatorias import convocatorias_tablero
from programa.alcance import entidades_asignadas
from programa.bitacora import evento_registrar
from programa.models import EntidadFederativa, Evento, Tarea
from programa.tareas import tarea_encolar

# Qué quiere decir el 0 (rayado) del mapa en cada métrica.
SIN_DATO = {
    "realizadas": "sin actividades realizadas",
    "programadas": "sin actividades programadas",
    "participantes": "sin participantes registrados",
}
UNIDADES = {
    "realizadas": ("actividad realizada", "actividades realizadas"),
    "programadas": ("actividad programada", "actividades programadas"),
    "participantes": ("participante", "participantes"),
}
ACTIVIDADES_POR_PAGINA = 50


def puede_consultar(vista):
    """Con sesión (si no, al inicio de sesión) y con permiso de ver actividades (si no, 403)."""
    return login_required(
        permission_required("capacitaciones.view_actividad", raise_exception=True)(vista)
    )


def _filtros(request) -> FiltrosCoberturaForm:
    return FiltrosCoberturaForm(
        request.GET,
        anio_predeterminado=lambda: selector.anio_predeterminado(timezone.localdate()),
    )


def _con_alcance(request, form: FiltrosCoberturaForm) -> selector.Filtros:
    """Los filtros de la URL más el alcance de quien consulta (un enlace: sus entidades)."""
    return replace(form.filtros(), entidades=entidades_asignadas(request.user))


def _con_consulta(url: str, request, **cambios) -> str:
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    for nombre, valor in cambios.items():
        consulta[nombre] = valor
    return f"{url}?{consulta.urlencode()}" if consulta else url


def _seleccion(datos: selector.Cobertura, form: FiltrosCoberturaForm):
    """Las filas por mostrar y exportar, y lo que los archivos dicen de ellas.

    Se ordena y filtra después del selector: sirve igual con un resultado guardado en caché.
    """
    orden = form.cleaned_data["orden"]
    solo_sin = form.cleaned_data["sin_cobertura"]
    filas = ordenar.seleccionar(datos.entidades, orden=orden, solo_sin_cobertura=solo_sin)
    notas = []
    if orden != ordenar.PREDETERMINADO:
        notas.append(f"Orden: {ordenar.describir(orden)}.")
    if solo_sin:
        cuales = (
            "Solo la entidad sin actividades realizadas"
            if len(filas) == 1
            else f"Solo las {len(filas)} entidades sin actividades realizadas"
        )
        notas.append(
            f"{cuales}; el total es el de "
            + ("todo el país." if datos.filtros.entidades is None else "todas sus entidades.")
        )
    return filas, notas


def _encabezados(request, orden: str) -> list[dict]:
    """Cada columna fija con su enlace para ordenar (conserva los demás filtros) y aria-sort."""
    encabezados = []
    for columna in ordenar.COLUMNAS:
        ascendente = orden == columna.nombre
        descendente = orden == f"-{columna.nombre}"
        siguiente = f"-{columna.nombre}" if ascendente else columna.nombre
        encabezados.append(
            {
                "etiqueta": columna.etiqueta,
                "url": _con_consulta("", request, orden=siguiente),
                "aria_sort": "ascending" if ascendente else "descending" if descendente else "",
            }
        )
    return encabezados


def _error(request, form):
    cuerpo = render_to_string("informes/cobertura_cuerpo.html", {"form": form})
    return render(request, "informes/cobertura.html", {"cuerpo": cuerpo}, status=400)


@require_GET
@puede_consultar
def cobertura(request):
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    filtros = _con_alcance(request, form)
    # Sin la petición: el cuerpo guardado no puede llevar nada de quien lo pidió primero.
    cuerpo = cache.cuerpo_cobertura(
        request,
        filtros,
        lambda datos: render_to_string(
            "informes/cobertura_cuerpo.html", _contexto_cobertura(request, form, datos)
        ),
    )
    return render(
        request, "informes/cobertura.html", {"cuerpo": cuerpo, "periodo": filtros.periodo}
    )


def _contexto_cobertura(request, form, datos: selector.Cobertura) -> dict:
    filas, notas = _seleccion(datos, form)
    metrica = form.metrica_elegida
    periodo = datos.filtros.periodo
    enlaces = {
        f.clave: _con_consulta(reverse("informes:cobertura_entidad", args=[f.clave]), request)
        for f in datos.entidades
    }
    singular, plural = UNIDADES[metrica]
    mapa = mapa_svg(
        datos.valores(metrica),
        f"{selector.METRICAS[metrica]} por entidad federativa, {periodo.nombre}",
        unidad=(singular, plural),
        enlaces=enlaces,
        descripcion=f"Mapa de México; cada entidad enlaza a su detalle. {datos.resumen()}.",
        sin_dato=SIN_DATO[metrica],
    )
    # Lo que reemplaza al mapa en un teléfono: cada entidad con su valor, en el orden de la tabla.
    lista = [
        (f, enlaces[f.clave], v := f.metrica(metrica), singular if v == 1 else plural)
        for f in filas
    ]
    return {
        "form": form,
        "cobertura": datos,
        "tabla": datos.desglose(filas),
        "encabezados": _encabezados(request, form.cleaned_data["orden"]),
        "seleccion": notas,
        "solo_sin_cobertura": form.cleaned_data["sin_cobertura"],
        "lista_mapa": lista,
        "metrica_nombre": selector.METRICAS[metrica],
        "enlaces": enlaces,
        "mapa": mark_safe(mapa),  # mapa_svg escapa todo texto
        "reglas": selector.REGLAS,
        "csv": _con_consulta(reverse("informes:cobertura_exportar", args=["csv"]), request),
        "xlsx": _con_consulta(reverse("informes:cobertura_exportar", args=["xlsx"]), request),
    }


@require_GET
@puede_consultar
def cobertura_exportar(request, formato):
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    filtros = _con_alcance(request, form)
    periodo = filtros.periodo

    def generar(datos: selector.Cobertura) -> bytes:
        filas, notas = _seleccion(datos, form)
        return _contenido(
            formato,
            datos.columnas(),
            datos.filas(filas),
            hoja="Cobertura",
            notas=datos.notas(notas),
        )

    return _descarga(
        request,
        formato,
        cache.archivo_cobertura(request, filtros, generar),
        nombre=f"cobertura-{periodo.desde:%Y%m%d}-{periodo.hasta:%Y%m%d}",
        descripcion="Cobertura",
    )


def _contenido(formato, columnas, filas, *, hoja, notas) -> bytes:
    return tabla.archivo(formato, columnas, filas, hoja=hoja, notas=notas)[0]


def _descarga(request, formato, contenido: bytes, *, nombre, descripcion):
    """El archivo, y la exportación anotada en la bitácora."""
    tipo = tabla.TIPO_CSV if formato == "csv" else tabla.TIPO_XLSX
    evento_registrar(
        tipo=Evento.Tipo.EXPORTACION,
        request=request,
        descripcion=f"{descripcion} {formato.upper()}: {request.GET.urlencode() or 'sin filtros'}",
    )
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.{formato}"'
    return respuesta


def _entidad_en_alcance(request, clave) -> EntidadFederativa:
    entidad = get_object_or_404(EntidadFederativa, clave=clave)
    alcance = entidades_asignadas(request.user)
    if alcance is not None and clave not in alcance:
        raise Http404("Esa entidad no está entre las suyas.")
    return entidad


def _enlaces_al_admin(usuario, actividades: list[Actividad]) -> None:
    """Marca con ``enlace_admin`` las actividades que la persona puede abrir en el admin.

    La misma regla que el admin (``visibles_para``) en una sola consulta para toda la página.
    """
    if not (usuario.is_staff and usuario.has_perm("capacitaciones.view_actividad")):
        return
    visibles = set(
        Actividad.objects.visibles_para(usuario)
        .filter(pk__in=[a.pk for a in actividades])
        .values_list("pk", flat=True)
    )
    for actividad in actividades:
        if actividad.pk in visibles:
            actividad.enlace_admin = reverse(
                "admin:capacitaciones_actividad_change", args=[actividad.pk]
            )


@require_GET
@puede_consultar
def cobertura_entidad(request, clave):
    entidad = _entidad_en_alcance(request, clave)
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    filtros = _con_alcance(request, form)
    # Dentro de su alcance, quien puede abrir el admin abre todas las actividades de la entidad
    # (visibles_para): los enlaces al admin dependen solo de eso, y va en la llave.
    abre_admin = request.user.is_staff and request.user.has_perm("capacitaciones.view_actividad")

    def dibujar(detalle: selector.DetalleEntidad) -> str:
        pagina = Paginator(detalle.actividades, ACTIVIDADES_POR_PAGINA).get_page(
            request.GET.get("pagina")
        )
        if pagina.paginator.count:
            _enlaces_al_admin(request.user, pagina.object_list)
        descarga = reverse("informes:cobertura_entidad_exportar", args=[clave, "csv"])
        contexto = {
            "form": form,
            "detalle": detalle,
            "pagina": pagina,
            "consulta": _con_consulta("", request),
            "volver": _con_consulta(reverse("informes:cobertura"), request),
            "csv": _con_consulta(descarga, request),
            "xlsx": _con_consulta(descarga.removesuffix(".csv") + ".xlsx", request),
        }
        return render_to_string("informes/cobertura_entidad_cuerpo.html", contexto)

    cuerpo = cache.cuerpo_entidad(request, filtros, entidad, abre_admin, dibujar)
    return render(
        request,
        "informes/cobertura_entidad.html",
        {"cuerpo": cuerpo, "entidad": entidad, "periodo": filtros.periodo},
    )


@require_GET
@puede_consultar
def cobertura_entidad_exportar(request, clave, formato):
    entidad = _entidad_en_alcance(request, clave)
    form = _filtros(request)
    if not form.is_valid():
        return _error(request, form)
    filtros = _con_alcance(request, form)
    umbral = settings.EXPORTAR_EN_SEGUNDO_PLANO_DESDE
    if umbral and selector.actividades_de_entidad(filtros, entidad).count() >= umbral:
        return _entidad_en_segundo_plano(request, entidad, filtros, formato)
    detalle = cache.cobertura_entidad(filtros, entidad)
    periodo = detalle.cobertura.filtros.periodo
    contenido = _contenido(
        formato,
        list(detalle.COLUMNAS_ACTIVIDADES),
        detalle.filas_actividades(),
        hoja=f"Actividades {entidad.clave}",
        notas=detalle.notas(),
    )
    return _descarga(
        request,
        formato,
        contenido,
        nombre=f"actividades-{clave}-{periodo.desde:%Y%m%d}-{periodo.hasta:%Y%m%d}",
        descripcion=f"Actividades de {entidad.nombre_corto}",
    )


def _entidad_en_segundo_plano(request, entidad, filtros, formato):
    """Muchas actividades: la tarea vuelve a leer los filtros y el alcance de quien la pide."""
    periodo = filtros.periodo
    nombre = f"actividades-{entidad.clave}-{periodo.desde:%Y%m%d}-{periodo.hasta:%Y%m%d}.{formato}"
    evento_registrar(
        tipo=Evento.Tipo.EXPORTACION,
        request=request,
        descripcion=f"Actividades de {entidad.nombre_corto} {formato.upper()}: "
        f"{request.GET.urlencode() or 'sin filtros'}",
    )
    tarea = tarea_encolar(
        entidad_exportar,
        tipo=Tarea.Tipo.EXPORTACION,
        usuario=request.user,
        descripcion=nombre,
        datos={
            "consulta": request.GET.urlencode(),
            "clave": entidad.clave,
            "formato": formato,
            "nombre": nombre,
            "unidad": "actividades",
            "permiso": "capacitaciones.view_actividad",
        },
    )
    return redirect("tarea", pk=tarea.pk)


@require_GET
@puede_consultar
def tablero(request):
    form = AnioForm(request.GET)
    hoy = timezone.localdate()
    if not form.is_valid():
        cuerpo = render_to_string("informes/tablero_cuerpo.html", {"form": form})
        return render(request, "informes/tablero.html", {"cuerpo": cuerpo}, status=400)
    anio = form.cleaned_data.get("anio") or selector.anio_predeterminado(hoy)
    entidades = entidades_asignadas(request.user)

    def dibujar(datos: selector.Tablero) -> str:
        contexto = {"form": form, "tablero": datos, **_graficas_tablero(datos)}
        return render_to_string("informes/tablero_cuerpo.html", contexto)

    cuerpo = cache.cuerpo_tablero(request, anio=anio, hoy=hoy, entidades=entidades, dibujar=dibujar)
    # Las convocatorias, solo para quien ve los informes; no pasan por la caché del tablero
    # (que se invalida con las actividades, no con las convocatorias).
    convocatorias = None
    if request.user.has_perm("informes.view_informecontribucion"):
        convocatorias = convocatorias_tablero(hoy=hoy)
    contexto = {"cuerpo": cuerpo, "anio": anio, "convocatorias": convocatorias, "hoy": hoy}
    return render(request, "informes/tablero.html", contexto)


def _graficas_tablero(datos: selector.Tablero) -> dict:
    actual = datos.actual
    trimestres = datos.trimestres
    tipos = [(e, actual.nacional.realizadas_por_tipo(v)) for v, e in actual.tipos]
    anterior = datos.anterior.nacional.por_audiencia
    # (nombre, personas del año, del anterior, mujeres y hombres del año)
    audiencias = [
        (
            a.nombre,
            actual.nacional.por_audiencia.get(a.pk, 0),
            anterior.get(a.pk, 0),
            actual.nacional.mujeres_por_audiencia.get(a.pk, 0),
            actual.nacional.hombres_por_audiencia.get(a.pk, 0),
        )
        for a in actual.audiencias
    ]
    return {
        "grafica_trimestres": mark_safe(  # graficas escapa todo texto
            graficas.barras_agrupadas(
                [t.nombre for t in trimestres],
                [
                    ("Programadas", [t.programadas for t in trimestres]),
                    ("Realizadas", [t.realizadas for t in trimestres]),
                ],
                f"Actividades por trimestre, {datos.anio - 1} y {datos.anio}",
                id_svg="grafica-trimestres",
            )
        ),
        "grafica_tipos": mark_safe(
            graficas.barras_horizontales(
                [e for e, _n in tipos],
                [n for _e, n in tipos],
                f"Actividades realizadas por tipo, {datos.anio}",
                id_svg="grafica-tipos",
            )
        ),
        "grafica_audiencias": mark_safe(
            graficas.barras_horizontales(
                [fila[0] for fila in audiencias],
                [fila[1] for fila in audiencias],
                f"Participantes por audiencia, {datos.anio}",
                id_svg="grafica-audiencias",
            )
        ),
        "tipos": tipos,
        "audiencias": audiencias,
    }

"""Prueba de carga: gunicorn (2 workers, DEBUG=False) en 127.0.0.1 y wrk con sesiones iniciadas.

    make carga                  # 20 s por página: cobertura, tablero y lista de actividades
    make carga DURACION=10      # segundos por página

Usa los datos del benchmark que haya en la base (si no hay ninguno, genera N). Cada página se
pide durante DURACION segundos con 4 conexiones que alternan sesiones de un superusuario y de
coordinación nacional (wrk --latency), en caliente: antes, cada sesión la pide tres veces a la
vez sin contar (cada worker de gunicorn tiene su propia caché en memoria y dibuja la página una
vez; el frío lo mide make bench). Termina con la meta de cada página y un renglón por página:

    carga <página>: <N> pet/s, p50 <ms> ms, p95 <ms> ms, errores <n>

(errores: respuestas que no son 2xx/3xx más errores de socket; una redirección, que sería
una sesión perdida, también hace fallar la corrida) y los deja en bench/resultados/carga.json.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command

from bench import entorno
from bench.correr import ANIO, RESULTADOS, crear_base, usuarios
from bench.generar import bench_contar, generar
from bench.limites import meta_carga
from bench.wrk import leer_wrk, linea

PAGINAS = {
    "cobertura": f"/informes/cobertura/?anio={ANIO}",
    "tablero": f"/informes/?anio={ANIO}",
    "actividades": "/admin/capacitaciones/actividad/",
}
SESIONES_POR_ROL = 2

LUA = """
local peticiones = {%(peticiones)s}
local hilos = {}
local i = 0
redirecciones = 0
setup = function(hilo) table.insert(hilos, hilo) end
request = function()
  i = i %% #peticiones + 1
  return wrk.format("GET", peticiones[i][1], {["Cookie"] = peticiones[i][2]})
end
response = function(estado, encabezados, cuerpo)
  if estado >= 300 and estado < 400 then redirecciones = redirecciones + 1 end
end
done = function(resumen, latencia, peticiones_)
  local n = 0
  for _, hilo in ipairs(hilos) do n = n + (hilo:get("redirecciones") or 0) end
  io.write(string.format("p95_us %%.3f\\nredirecciones %%d\\n", latencia:percentile(95), n))
end
"""


def sesiones() -> list[str]:
    """Cookies de sesión ya iniciadas (como tras el login), sin pasar por el formulario."""
    cookies = []
    for usuario in usuarios().values():
        for _ in range(SESIONES_POR_ROL):
            sesion = SessionStore()
            sesion["_auth_user_id"] = str(usuario.pk)
            sesion["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
            sesion["_auth_user_hash"] = usuario.get_session_auth_hash()
            sesion.create()
            cookies.append(f"sessionid={sesion.session_key}")
    return cookies


def _esperar(url: str, proceso: subprocess.Popen, segundos: float = 60) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if proceso.poll() is not None:
            raise SystemExit("gunicorn terminó antes de arrancar; vea su salida arriba.")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (127.0.0.1)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn no respondió en {url}")


def calentar(direccion: str, ruta: str, cookies: list[str], veces: int = 3) -> None:
    """Cada cookie pide la página ``veces`` a la vez que las demás: los dos workers la reciben
    (y la dibujan) antes de medir."""

    def pedir(cookie):
        for _ in range(veces):
            peticion = urllib.request.Request(
                f"http://{direccion}{ruta}", headers={"Cookie": cookie}
            )
            with urllib.request.urlopen(peticion, timeout=120) as respuesta:  # noqa: S310
                respuesta.read()

    with ThreadPoolExecutor(len(cookies)) as hilos:
        list(hilos.map(pedir, cookies))


def wrk(direccion: str, ruta: str, cookies: list[str], duracion: int) -> dict:
    peticiones = ", ".join(f'{{"{ruta}", "{c}"}}' for c in cookies)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as guion:
        guion.write(LUA % {"peticiones": peticiones})
    orden = [
        "wrk", "-t1", "-c4", f"-d{duracion}s", "--timeout", "30s", "--latency", "-s", guion.name,
        f"http://{direccion}{ruta}",
    ]  # fmt: skip
    salida = subprocess.run(orden, capture_output=True, text=True, check=True)
    Path(guion.name).unlink()
    return leer_wrk(salida.stdout)


def main():
    parser = argparse.ArgumentParser(description="Prueba de carga con gunicorn y wrk.")
    parser.add_argument("--duracion", type=int, default=20, help="segundos por página (20)")
    parser.add_argument(
        "--direccion", default="127.0.0.1:8010", help="dónde escucha gunicorn (127.0.0.1:8010)"
    )
    parser.add_argument("-n", type=int, default=1_000_000, help="si no hay datos, cuántos")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("Falta wrk: apt-get install -y wrk (make carga lo instala si es root).")
    crear_base()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    n = bench_contar()
    if not n:
        print(f"== No hay datos del benchmark: generando {args.n:,} actividades")
        n = generar(args.n)["actividades"]
    cookies = sesiones()
    entorno_gunicorn = {**os.environ, "DEBUG": "False", "LOG_LEVEL": "WARNING"}
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "programa.wsgi",
            "--workers",
            "2",
            "--bind",
            args.direccion,
            "--timeout",
            "60",
        ],  # fmt: skip
        cwd=entorno.RAIZ,
        env=entorno_gunicorn,
    )
    resultados = {"actividades": n, "duracion_por_pagina_s": args.duracion, "paginas": {}}
    try:
        _esperar(f"http://{args.direccion}/admin/login/", gunicorn)
        for nombre, ruta in PAGINAS.items():
            calentar(args.direccion, ruta, cookies)
            print(f"== {nombre}: {ruta} durante {args.duracion} s")
            resultados["paginas"][nombre] = wrk(args.direccion, ruta, cookies, args.duracion)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        SessionStore.get_model_class().objects.filter(
            session_key__in=[c.split("=", 1)[1] for c in cookies]
        ).delete()
    RESULTADOS.mkdir(parents=True, exist_ok=True)
    (RESULTADOS / "carga.json").write_text(json.dumps(resultados, indent=2))
    print()
    for nombre, r in resultados["paginas"].items():
        print(meta_carga(nombre, r))
    print(f"Carga con {n:,} actividades, gunicorn 2 workers, wrk 4 conexiones, {args.duracion} s")
    for nombre, r in resultados["paginas"].items():
        print(linea(nombre, r))
    fallas = sum(r["errores"] for r in resultados["paginas"].values())
    redirecciones = sum(r.get("redirecciones", 0) for r in resultados["paginas"].values())
    if fallas or redirecciones:
        raise SystemExit(
            f"{fallas} peticiones con error y {redirecciones} redirecciones (¿sesión perdida?)."
        )


if __name__ == "__main__":
    main()

# Uso: make demo | make test | make e2e | make lint | make respaldo | make restaurar | make bench | make carga | make concurrencia | make produccion-local  (ver README.md)
#      | make produccion-local  (ver README.md)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado

.PHONY: demo test e2e lint respaldo restaurar bench carga concurrencia produccion-local

$(INSTALADO): pyproject.toml
	bash .ci/instalar-paquetes
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(INSTALADO)

demo: $(INSTALADO)  ## instala, migra, carga los datos de 2015, crea el administrador y sirve el sitio con su trabajador de tareas
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py cargar_demo --administrador
	@# El trabajador de tareas (importar hojas…) corre junto al sitio y se detiene con él.
	$(BIN)/python manage.py db_worker --no-reload & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(INSTALADO)  ## toda la suite de pruebas (SQLite, o la base de DATABASE_URL)
	$(BIN)/pytest

# Dirección del servidor vivo de las pruebas de punta a punta (cámbiela si el puerto está ocupado).
E2E_DIRECCION ?= 127.0.0.1:8004

e2e: $(INSTALADO)  ## recorridos en Chromium (/usr/bin/chromium) con capturas y axe en artefactos/e2e/
	bash .ci/instalar-paquetes navegador
	$(BIN)/pytest -m e2e tests/e2e --liveserver $(E2E_DIRECCION)

lint: $(INSTALADO)  ## formato, estilo y migraciones que falten
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

respaldo: $(INSTALADO)  ## respaldo completo (registros, historial, archivos) en respaldos/*.zip
	$(BIN)/python manage.py respaldar

restaurar: $(INSTALADO)  ## restaura ARCHIVO=respaldos/….zip en una base vacía (la migra antes)
	@test -n "$(ARCHIVO)" || { echo "Indique el respaldo: make restaurar ARCHIVO=respaldos/….zip"; exit 2; }
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py restaurar "$(ARCHIVO)"

# Benchmark y carga (issue 7): siempre en PostgreSQL, en una base propia que se crea si falta.
N ?= 1000000
DURACION ?= 20
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/programa_bench_datos
CARGA_DIRECCION ?= 127.0.0.1:8010

bench: $(INSTALADO)  ## genera N actividades (1,000,000; N=10000 rápido) y mide páginas contra pisos y presupuestos
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m bench.correr -n $(N)

carga: $(INSTALADO)  ## gunicorn (2 workers, DEBUG=False) en CARGA_DIRECCION (127.0.0.1:8010) y wrk DURACION s por página
	@command -v wrk >/dev/null || { test "$$(id -u)" = 0 && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "Falta wrk (Debian): apt-get install -y wrk"; exit 2; }
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m bench.carga -n $(N) --duracion $(DURACION) \
		--direccion $(CARGA_DIRECCION)

concurrencia: $(INSTALADO)  ## 5 personas guardan actividades en el admin (gunicorn, SQLite nueva) DURACION s
	$(BIN)/python -m bench.concurrencia --duracion $(DURACION)

# Varias máquinas en una (issue 14): PostgreSQL y Redis de 127.0.0.1, la base se crea si falta.
PRODUCCION_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/programa_produccion
PRODUCCION_REDIS_URL ?= redis://127.0.0.1:6379/1
produccion-local: export DATABASE_URL = $(PRODUCCION_DATABASE_URL)
produccion-local: export CACHE_URL = $(PRODUCCION_REDIS_URL)
produccion-local: export VERSIONES_CACHE_URL = $(PRODUCCION_REDIS_URL)
produccion-local: export DEBUG = False
produccion-local: export SECRET_KEY ?= solo-para-produccion-local-no-usar-en-un-servidor-de-verdad-0123456789
produccion-local: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
produccion-local: export SECURE_SSL_REDIRECT = False
produccion-local: export SECURE_HSTS_SECONDS = 0
produccion-local: export COOKIES_SEGURAS = False
# TAREAS=rq: la cola en Redis (otra base que la caché) con `rqworker`; si no, la tabla y db_worker.
TAREAS ?= database
PRODUCCION_COLA_URL ?= redis://127.0.0.1:6379/2
produccion-local: export TAREAS_BACKEND = $(TAREAS)
produccion-local: export REDIS_URL = $(PRODUCCION_COLA_URL)
produccion-local: export TRABAJADOR_TAREAS = $(if $(filter rq,$(TAREAS)),rqworker --job-class django_tasks_rq.Job default,db_worker --no-reload)
produccion-local: $(INSTALADO)  ## dos gunicorn (127.0.0.1:8011 y :8012) y el trabajador (TAREAS=rq: en Redis), con PostgreSQL y Redis (honcho)
	@redis-cli -u $(PRODUCCION_REDIS_URL) ping >/dev/null 2>&1 \
		|| { echo "Redis no responde en $(PRODUCCION_REDIS_URL): arránquelo (redis-server)"; exit 2; }
	@psql "$${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$${DATABASE_URL##*/}'" \
		| grep -q 1 || psql "$${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$${DATABASE_URL##*/}\""
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/honcho start -f Procfile

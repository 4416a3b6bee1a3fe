# Uso: make demo | make test | make e2e | make lint  (ver README.md)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado

.PHONY: demo test e2e lint respaldo restaurar

$(INSTALADO): pyproject.toml
	bash .ci/instalar-paquetes
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(INSTALADO)

demo: $(INSTALADO)  ## instala, migra, carga los datos de 2015, crea el administrador y sirve el sitio
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py cargar_demo --administrador
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

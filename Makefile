# The two commands a new user needs:
#   make demo   install everything and serve the Northshire demo on http://127.0.0.1:8000
#               (make demo PORT=8080 HOST=0.0.0.0 for another port, or every interface)
#   make test   install everything and run the whole test suite
# Both install uv (pinned) into .tools/ and the locked dependencies into .venv/.

UV_VERSION := 0.13.8
PYTHON ?= python3
# The Python in .venv: the distribution's own (/usr/bin/python3) when it is 3.11 or newer,
# else the first python3 on PATH. Debian and Ubuntu build theirs with profile-guided
# optimisation and a static libpython; a Python compiled from source without them (pyenv's
# default) makes a review's PDF and the statistics a sixth slower here (bench/README.md).
VENV_PYTHON ?= $(shell for p in /usr/bin/python3 python3; do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && command -v $$p && break; done)
UV := .tools/bin/uv
PYTEST_WORKERS ?= 2
# Plain `=`, not `?=`: a HOST or PORT already in the environment (zsh sets HOST) must not
# move the demo; `make demo PORT=8080` on the command line still does.
PORT = 8000
HOST = 127.0.0.1

.PHONY: demo test install lint audit bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --compile-bytecode: every module compiled once, at install. A shell with
# PYTHONDONTWRITEBYTECODE=1 set (some machines set it) would otherwise make each new process
# compile everything it imports from source: `joinedup review --format text` took 2.1 s
# instead of 1.2 s, the PDF 11.6 s instead of 7.0 s (bench/README.md, cold starts).
install: $(UV)
	$(UV) sync --frozen --quiet --compile-bytecode $(if $(VENV_PYTHON),--python "$(VENV_PYTHON)")

demo: install
	$(UV) run --frozen joinedup demo --host $(HOST) --port $(PORT)

test: install lint
	$(UV) run --frozen pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: install
	$(UV) run --frozen ruff check src tests $(wildcard bench)
	$(UV) run --frozen joinedup makemigrations --check --dry-run

# Known vulnerabilities in every locked package (PyPI's advisory data, through
# pip-audit). --strict fails on any package it could not check, so that no
# network never passes for "no known vulnerabilities". Needs https://pypi.org.
# --all-extras: the optional `semantic` extra's packages are audited too.
audit: install
	$(UV) export --frozen --all-extras --no-hashes --no-emit-project --quiet --output-file .tools/requirements-audit.txt
	$(UV) run --frozen pip-audit --strict --disable-pip --no-deps --progress-spinner off -r .tools/requirements-audit.txt

# The benchmark suite (bench/run.py): a fresh database on BENCH_POSTGRES, data at BENCH_SCALE
# (0.1 of the national set by default, about ten minutes; BENCH_SCALE=national for all of it),
# every benchmark, one table of figures, targets and floors. bench/README.md has the figures.
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432
BENCH_SCALE ?= 0.1

bench: install
	BENCH_POSTGRES=$(BENCH_POSTGRES) BENCH_SCALE=$(BENCH_SCALE) $(UV) run --frozen python bench/run.py

clean:
	rm -rf .venv .tools

# Assignment 7 bundle.  `make` = set up, run both notebooks in full, export the submission files.
# `make test` = set up, run the test suite.  Everything lands in build/ (git-ignored).
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# pip on these machines warns about every missing local mirror folder; keep real errors only.
QUIET_PIP := 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
NETID ?= your-netid
# Run notebooks with our IPython config (keeps TensorFlow's C++ log lines out of the notebooks).
export IPYTHONDIR := $(CURDIR)/etc/ipython
export TF_CPP_MIN_LOG_LEVEL := 2

DEB_DATA := dataset-fashion-mnist
DEB_EXPORT := lmodern pandoc texlive-xetex texlive-fonts-recommended texlive-plain-generic libjs-mathjax libjs-requirejs poppler-utils
HELPERS := $(wildcard helpers/*.py helpers/*/*.py)
PAPERMILL := $(VENV)/bin/papermill --log-level WARNING --no-progress-bar -k python3 --cwd .

.PHONY: all notebooks test data system-packages results readme bench clean
.DELETE_ON_ERROR:

all: notebooks pdf

# --- set-up -----------------------------------------------------------------------------------
$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.version_info[:2] == (3, 11) or print("warning: requirements.txt is pinned for Python 3.11; this is", sys.version.split()[0])'
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || scripts/ensure-debian-packages.sh python3-venv
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(PY) -m pip install -q --upgrade pip $(QUIET_PIP)
	$(PY) -m pip install -q -r requirements.txt $(QUIET_PIP)
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (assignment 7)" >/dev/null
	touch $@

# With FASHION_MNIST_DIR set, the data come from that folder and Debian's data package is not needed.
system-packages:
	@scripts/ensure-debian-packages.sh $(if $(FASHION_MNIST_DIR),,$(DEB_DATA)) $(DEB_EXPORT)

# Fashion-MNIST: Debian's files linked into Keras's cache, then verified by checksum.
data: $(VENV)/.installed system-packages
	@$(PY) -m helpers.autoencoder.data

# --- main job -----------------------------------------------------------------------------------
notebooks: $(BUILD)/minimal_neural_network.ipynb $(BUILD)/autoencoder.ipynb

$(BUILD)/minimal_neural_network.ipynb: minimal_neural_network.ipynb $(HELPERS) $(BUILD)/netid.txt | $(VENV)/.installed
	@mkdir -p $(BUILD)
	$(PAPERMILL) -p NETID "$(NETID)" $< $@

$(BUILD)/autoencoder.ipynb: autoencoder.ipynb $(HELPERS) $(BUILD)/netid.txt | data
	@mkdir -p $(BUILD)
	$(PAPERMILL) -p NETID "$(NETID)" $< $@

# Copy the full run's numbers into results/ (the committed record the prose cites).
results: notebooks
	cp $(BUILD)/minimal_neural_network.json $(BUILD)/autoencoder.json results/
	$(MAKE) readme

# Re-render README.md's tables from results/*.json.
readme: $(VENV)/.installed
	$(PY) scripts/readme_tables.py

# --- tests and benchmarks -----------------------------------------------------------------------
test: $(VENV)/.installed data
	$(PY) -m pytest -q tests

bench: $(VENV)/.installed data
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(BUILD) .pytest_cache

# Submission exports (HTML, PDF, gradients.pdf): `make pdf NETID=ab123`.
include mk/export.mk

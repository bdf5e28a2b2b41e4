# Assignment 7 bundle.  Read top to bottom: set-up, data, notebooks, exports, submission, tests.
#
#   make                           set up, run both notebooks in full, export HTML and PDF into
#                                  build/, with the placeholder NetID unless NETID=... is given
#   make submission NETID=ab123    the five files to hand in, one build, one NetID, in build/submission/
#                                  (make pdf NETID=ab123 is the same)
#   make test                      set up, run the whole test suite (the slow notebook/export runs too)
#   make notebooks | html | data | check-platforms | results | readme | bench | clean
#
# Only Python 3.11-3.13 and pip are required.  A Chromium-family browser (it prints the PDFs), poppler
# (the export tests) and Debian's Fashion-MNIST package are installed where apt-get and root (or
# password-less sudo) exist; elsewhere the steps that need them say what is missing, and the rest runs.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
NOTEBOOKS := minimal_neural_network autoencoder
# What each notebook imports: a change elsewhere does not re-run it.
HELPERS_minimal_neural_network := $(wildcard helpers/*.py helpers/minimal_nn/*.py helpers/explore/*.py)
HELPERS_autoencoder := $(wildcard helpers/*.py helpers/autoencoder/*.py helpers/explore/*.py)
# TensorFlow's Python-side log lines (its C++ start-up lines are kept out of the notebooks by the
# kernel configuration the set-up installs into the venv: etc/ipython/profile_default/).
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: all submission pdf html pdfs notebooks data system-packages test check-platforms results readme bench clean FORCE

all: system-packages notebooks html
	@if scripts/system-packages.sh have-pdf; then $(MAKE) pdfs; \
	 else echo "==> PDFs not made: they are printed by a Chromium-family browser (Chrome, Chromium or Edge), and none was found."; \
	  scripts/system-packages.sh advice; fi
	@scripts/netid.sh note $(NETID_STAMP) $(PLACEHOLDER_NETID)

# --- 1. set-up: .venv from a supported Python ------------------------------------------------------
# PYTHON=/path/to/python3.12 chooses the interpreter; otherwise the newest 3.13/3.12/3.11 on PATH.
$(VENV)/.installed: requirements.txt etc/ipython/profile_default/ipython_kernel_config.py scripts/setup-venv.sh
	@scripts/setup-venv.sh $(VENV)
	@touch $@

# Optional programs (see scripts/system-packages.sh): installed on Debian with root, else advice.
system-packages:
	@scripts/system-packages.sh install

# --- 2. data: Fashion-MNIST from FASHION_MNIST_DIR, Keras's cache, Debian's copy or Keras's download ---
data: $(VENV)/.installed system-packages
	@$(PY) -m helpers.autoencoder.data

# --- 3. the notebooks, executed into build/ ----------------------------------------------------------
# The NetID shown on every page.  It reaches the commands only through this file (never through a
# shell); the file is rewritten only when NETID changes, so that exactly what shows the NetID -- the
# executed notebooks, their exports, gradients.pdf -- is rebuilt then.  Letters, digits, . _ - only.
PLACEHOLDER_NETID := your-netid
NETID_STAMP := $(BUILD)/netid.txt
$(NETID_STAMP): FORCE
	+@scripts/netid.sh stamp '$(subst ','\'',$(or $(value NETID),$(PLACEHOLDER_NETID)))' $@
FORCE:

notebooks: helpers/minimal_nn/answer.py $(foreach n,$(NOTEBOOKS),$(BUILD)/$(n).ipynb)

# Problem 1's answer lives in the notebook; its #@save cells are also the module the tests, the benchmark
# and the explorer import (d2l's pattern), rewritten whenever the notebook changes.
helpers/minimal_nn/answer.py: minimal_neural_network.ipynb helpers/minimal_nn/export.py | $(VENV)/.installed
	@$(PY) helpers/minimal_nn/export.py

# A notebook reaches build/ only when every cell ran (scripts/run_notebook.py); NB_PARAMS adds
# papermill parameters (-p NAME VALUE ...), e.g. the tests' quick settings.
.SECONDEXPANSION:
$(BUILD)/%.ipynb: %.ipynb $$(HELPERS_$$*) $(NETID_STAMP) scripts/run_notebook.py | $(VENV)/.installed
	@$(PY) scripts/run_notebook.py $< $@ --netid-file $(NETID_STAMP) -p OUTPUT_DIR $(BUILD) $(NB_PARAMS)
$(BUILD)/autoencoder.ipynb: | data

# --- 4. exports: HTML (math as MathML, no scripts), PDF (that HTML printed by a browser) ------------
# The commands are in scripts/export.sh, which tests/test_export.py runs too.
EXPORT := scripts/export.sh
EXPORT_NB_DEPS := $(EXPORT) etc/nbconvert/export_config.py etc/nbconvert/mathml_html.py \
                  etc/nbconvert/html_submission.html.j2
EXPORT_MD_DEPS := $(EXPORT_NB_DEPS)

html: $(foreach n,$(NOTEBOOKS),$(BUILD)/$(n).html)
pdfs: $(foreach n,$(NOTEBOOKS),$(BUILD)/$(n).pdf) $(BUILD)/gradients.pdf

$(BUILD)/%.html: $(BUILD)/%.ipynb $(EXPORT_NB_DEPS) | $(VENV)/.installed
	@echo "==> $@"
	@PYTHON=$(PY) $(EXPORT) html $< $@

$(BUILD)/%.pdf: $(BUILD)/%.ipynb $(EXPORT_NB_DEPS) | $(VENV)/.installed pdf-tools
	@echo "==> $@"
	@PYTHON=$(PY) $(EXPORT) pdf $< $@

$(BUILD)/gradients.pdf: gradients.md $(NETID_STAMP) $(EXPORT_MD_DEPS) | $(VENV)/.installed pdf-tools
	@echo "==> $@"
	@PYTHON=$(PY) $(EXPORT) markdown $< $@ "$$(cat $(NETID_STAMP))"

.PHONY: pdf-tools
pdf-tools: system-packages
	@scripts/system-packages.sh have-pdf || { echo "error: the PDFs are printed by a Chromium-family browser (Chrome, Chromium or Edge), and none was found." >&2; \
	  scripts/system-packages.sh advice >&2; exit 1; }

# --- 5. the submission: one NetID, five files, one folder ---------------------------------------------
# Checks every notebook ran completely with this NetID, then fills build/submission/ (emptied first)
# and build/submission-NETID.zip (the five files plus helpers/).
submission pdf: require-netid $(NETID_STAMP) notebooks html pdfs
	@$(PY) scripts/collect_submission.py $(BUILD)

.PHONY: require-netid
require-netid:
	@[ -n '$(subst ','\'',$(value NETID))' ] || { echo "error: make $(MAKECMDGOALS) needs your NetID: make submission NETID=ab123" >&2; exit 1; }

# --- 6. tests ------------------------------------------------------------------------------------
# Everything, slow runs included; -rs lists every skipped test with its reason (.ci/run refuses skips).
test: $(VENV)/.installed system-packages data
	$(PY) -m pytest -q -rs tests

# Resolve requirements.txt for every supported platform and Python (needs PyPI; about 2 minutes).
check-platforms: $(VENV)/.installed
	$(PY) scripts/check_platforms.py

# --- 7. the committed record, README tables, benchmarks --------------------------------------------
# Copy the full run's numbers into results/ (the committed record the README cites).
results: notebooks
	cp $(BUILD)/minimal_neural_network.json $(BUILD)/autoencoder.json results/
	$(MAKE) readme

# Re-render README.md's tables from results/*.json.
readme: $(VENV)/.installed
	$(PY) scripts/readme_tables.py

bench: $(VENV)/.installed data
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(BUILD) .pytest_cache

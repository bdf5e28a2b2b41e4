# Export rules (included at the end of the Makefile): the submission files in $(BUILD)/.
#   make pdf NETID=ab123  ->  minimal_neural_network.{ipynb,html,pdf}, autoencoder.{ipynb,html,pdf},
#                             gradients.pdf
# The commands themselves live in scripts/export.sh (the tests call the same script).

EXPORT := scripts/export.sh
EXPORT_NB_DEPS := $(EXPORT) etc/nbconvert/export_config.py etc/nbconvert/latex_submission.tex.j2
EXPORT_MD_DEPS := $(EXPORT) etc/nbconvert/gradients-title.lua etc/nbconvert/gradients-header.tex
EXPORT_NOTEBOOKS := minimal_neural_network autoencoder
# $(BUILD)/netid.txt holds the NetID of the last build.  It is rewritten (when this file is read,
# so that `make -n` and `make -q` tell the truth) only when NETID differs, so that exactly what
# shows the NetID -- the executed notebooks, hence their exports, and gradients.pdf -- is rebuilt
# then.  The Makefile's notebook rules name it literally: this file is included after them.
NETID_STAMP := $(BUILD)/netid.txt
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(NETID_STAMP) 2>/dev/null)" = '$(NETID)' ] || printf '%s\n' '$(NETID)' > $(NETID_STAMP); })

.PHONY: pdf html

pdf: $(foreach n,$(EXPORT_NOTEBOOKS),$(BUILD)/$(n).ipynb $(BUILD)/$(n).html $(BUILD)/$(n).pdf) \
     $(BUILD)/gradients.pdf

html: $(foreach n,$(EXPORT_NOTEBOOKS),$(BUILD)/$(n).html)

# Only when the file went missing after it was read (`make clean pdf`).
$(NETID_STAMP):
	@mkdir -p $(@D)
	@printf '%s\n' '$(NETID)' > $@

$(BUILD)/%.html: $(BUILD)/%.ipynb $(EXPORT_NB_DEPS) | $(VENV)/.installed system-packages
	PYTHON=$(PY) $(EXPORT) html $< $@

$(BUILD)/%.pdf: $(BUILD)/%.ipynb $(EXPORT_NB_DEPS) | $(VENV)/.installed system-packages
	PYTHON=$(PY) $(EXPORT) pdf $< $@

$(BUILD)/gradients.pdf: gradients.md $(NETID_STAMP) $(EXPORT_MD_DEPS) | system-packages
	$(EXPORT) markdown $< $@ '$(NETID)'

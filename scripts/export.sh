#!/usr/bin/env bash
# Export one submission file.  The single place for the export commands: the Makefile and
# tests/test_export.py both call this script.
#
#   scripts/export.sh html     build/NAME.ipynb  build/NAME.html
#   scripts/export.sh pdf      build/NAME.ipynb  build/NAME.pdf
#   scripts/export.sh markdown gradients.md      build/gradients.pdf  NETID
#
# html: nbconvert's lab look, math converted to MathML, no scripts (etc/nbconvert/mathml_html.py):
#       renders the same on any computer, offline.
# pdf:  nbconvert --to pdf (LaTeX through xelatex, offline; math typeset by TeX; long code and
#       output lines wrap).  Both notebook routes use etc/nbconvert/export_config.py, which drops
#       stderr outputs and puts the NetID papermill ran the notebook with into the title block.
# markdown: pandoc + xelatex, 1-inch margins, the NetID as the author line of the title block.
#
# PYTHON (default: the bundle's .venv) is the interpreter with nbconvert.
set -euo pipefail

usage() { echo "usage: $0 html|pdf IN.ipynb OUT  |  $0 markdown IN.md OUT.pdf NETID" >&2; exit 2; }
[ $# -ge 3 ] || usage
kind=$1 in=$2 out=$3 netid=${4:-}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-$root/.venv/bin/python}
[ -f "$in" ] || { echo "error: $in does not exist" >&2; exit 1; }

outdir=$(dirname "$out")
mkdir -p "$outdir"

nbconvert() {  # nbconvert TO EXTRA-ARGS...
  local to=$1; shift
  local base
  base=$(basename "$out"); base=${base%.*}
  "$PYTHON" -m nbconvert --log-level ERROR --config "$root/etc/nbconvert/export_config.py" \
    --to "$to" --no-prompt "$@" --output-dir "$outdir" --output "$base" "$in"
}

case $kind in
  html)
    PYTHONPATH="$root/etc/nbconvert${PYTHONPATH:+:$PYTHONPATH}" nbconvert mathml_html.MathMLHTMLExporter
    ;;
  pdf)
    nbconvert pdf
    ;;
  markdown)
    [ -n "$netid" ] || usage
    # Title: the YAML title, else the leading level-1 heading (filter); -M author always wins.
    pandoc "$in" --from markdown --standalone --pdf-engine=xelatex \
      --lua-filter "$root/etc/nbconvert/gradients-title.lua" \
      --include-in-header "$root/etc/nbconvert/gradients-header.tex" \
      --include-in-header "$root/etc/nbconvert/unicode-glyphs.tex" \
      -M author="NetID: $netid" \
      -V geometry:margin=1in -V fontsize=11pt -V colorlinks=true \
      -o "$out"
    ;;
  *)
    usage
    ;;
esac

#!/usr/bin/env bash
# Export one submission file.  The single place for the export commands: the Makefile and
# tests/test_export.py both call this script.
#
#   scripts/export.sh html     build/NAME.ipynb  build/NAME.html
#   scripts/export.sh pdf      build/NAME.ipynb  build/NAME.pdf
#   scripts/export.sh markdown gradients.md      build/gradients.pdf  NETID
#
# html: nbconvert's lab look, math converted to MathML, no scripts (etc/nbconvert/mathml_html.py):
#       renders the same on any computer, offline; print CSS for the PDF.
# pdf:  that HTML, printed by a headless Chromium-family browser (Chromium, Chrome or Edge: see
#       scripts/find-browser.sh), as the assignment says: "save the notebook as html, then export as pdf".
# markdown: the Markdown file as a one-cell notebook, the NetID on top, then html and pdf as above.
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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

to_html() {  # to_html IN.ipynb OUT.html
  local base
  base=$(basename "$2"); base=${base%.*}
  PYTHONPATH="$root/etc/nbconvert${PYTHONPATH:+:$PYTHONPATH}" \
    "$PYTHON" -m nbconvert --log-level ERROR --config "$root/etc/nbconvert/export_config.py" \
    --to mathml_html.MathMLHTMLExporter --no-prompt --output-dir "$(dirname "$2")" --output "$base" "$1"
}

to_pdf() {  # to_pdf IN.html OUT.pdf
  local browser
  browser=$("$root/scripts/find-browser.sh") || exit 1
  local flags=(--headless --disable-gpu --no-first-run --disable-background-networking
               --disable-component-update --disable-sync --user-data-dir="$tmp/profile"
               --no-pdf-header-footer --print-to-pdf="$2")
  [ "$(id -u)" -ne 0 ] || flags+=(--no-sandbox)  # Chromium refuses to run as root with its sandbox
  "$browser" "${flags[@]}" "file://$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" >"$tmp/browser.log" 2>&1 ||
    { echo "error: $browser could not print $1:" >&2; tail -5 "$tmp/browser.log" >&2; exit 1; }
  [ -s "$2" ] || { echo "error: $browser wrote no PDF for $1" >&2; tail -5 "$tmp/browser.log" >&2; exit 1; }
}

case $kind in
  html)
    to_html "$in" "$out" ;;
  pdf)
    to_html "$in" "$tmp/page.html"
    to_pdf "$tmp/page.html" "$out" ;;
  markdown)
    [ -n "$netid" ] || usage
    base=$(basename "$out"); base=${base%.*}
    "$PYTHON" - "$in" "$netid" "$tmp/$base.ipynb" <<'PY'
import sys
import nbformat
md, netid, out = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], sys.argv[3]
title, _, rest = md.partition("\n")
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_markdown_cell(f"{title}\n\n**NetID: {netid}**\n{rest}")]
nb.metadata["title"] = title.lstrip("# ").strip()
nbformat.write(nb, out)
PY
    to_html "$tmp/$base.ipynb" "$tmp/$base.html"
    to_pdf "$tmp/$base.html" "$out" ;;
  *)
    usage ;;
esac

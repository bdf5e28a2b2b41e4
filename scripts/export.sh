#!/usr/bin/env bash
# The export commands of the Makefile and tests/test_export.py.  HTML: nbconvert, math as MathML, no scripts
# (etc/nbconvert/); PDF: that HTML printed by a headless Chromium-family browser, as the assignment says.
set -euo pipefail

usage() { echo "usage: $0 html|pdf IN.ipynb OUT  |  $0 markdown IN.md OUT.pdf NETID" >&2; exit 2; }
[ $# -ge 3 ] || usage
kind=$1 in=$2 out=$3 netid=${4:-}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-$root/.venv/bin/python}
[ -f "$in" ] || { echo "error: $in does not exist" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
tmp=$(cd "$(mktemp -d)" && pwd)
trap 'rm -rf "$tmp"' EXIT

html=$tmp/page.html
case $kind in
  html|pdf) ;;
  markdown)  # a one-cell notebook, the NetID under the title
    [ -n "$netid" ] || usage
    base=${out##*/}
    base=${base%.*}
    "$PYTHON" - "$in" "$netid" "$tmp/$base.ipynb" <<'PY'
import sys
import nbformat
title, _, rest = open(sys.argv[1], encoding="utf-8").read().partition("\n")
cell = nbformat.v4.new_markdown_cell(f"{title}\n\n**NetID: {sys.argv[2]}**\n{rest}")
nbformat.write(nbformat.v4.new_notebook(cells=[cell], metadata={"title": title.lstrip("# ").strip()}), sys.argv[3])
PY
    in=$tmp/$base.ipynb html=$tmp/$base.html ;;
  *) usage ;;
esac

[ "$kind" != html ] || html=$out
name=${html##*/}
PYTHONPATH="$root/etc/nbconvert${PYTHONPATH:+:$PYTHONPATH}" \
  "$PYTHON" -m nbconvert --log-level ERROR --config "$root/etc/nbconvert/export_config.py" \
  --to mathml_html.MathMLHTMLExporter --no-prompt --output-dir "$(dirname "$html")" --output "${name%.*}" "$in"
[ "$kind" != html ] || exit 0

browser=$("$root/scripts/find-browser.sh") || exit 1
flags=(--headless --disable-gpu --no-first-run --disable-background-networking --disable-component-update
       --disable-sync --user-data-dir="$tmp/profile" --no-pdf-header-footer --print-to-pdf="$out")
[ "$(id -u)" -ne 0 ] || flags+=(--no-sandbox)  # Chromium refuses to run as root with its sandbox
"$browser" "${flags[@]}" "file://$html" >"$tmp/browser.log" 2>&1 ||
  { echo "error: $browser could not print $html:" >&2; tail -5 "$tmp/browser.log" >&2; exit 1; }
[ -s "$out" ] || { echo "error: $browser wrote no PDF for $html" >&2; tail -5 "$tmp/browser.log" >&2; exit 1; }

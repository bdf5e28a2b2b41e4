#!/usr/bin/env bash
# The NetID printed on every page.  The Makefile hands the value over single-quoted, so no shell or
# make ever interprets it; this script accepts letters, digits and . _ - only (a Yale NetID is
# letters and digits), which every page (HTML, LaTeX, Markdown) shows literally.
#
#   scripts/netid.sh stamp NETID FILE   check NETID; write it to FILE only if FILE holds another one
#                                       (so that what shows the NetID is rebuilt exactly then)
#   scripts/netid.sh note FILE PLACEHOLDER   after `make`: say so if FILE holds the placeholder
set -euo pipefail

check() {
  if [ -z "$1" ]; then
    echo "error: empty NETID; pass yours: make submission NETID=ab123" >&2; exit 1
  fi
  if [ ${#1} -gt 40 ] || ! [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
    printf 'error: NETID "%s" is not a NetID: use letters, digits and . _ - only (e.g. make submission NETID=ab123)\n' "$1" >&2
    exit 1
  fi
}

case "${1:-}" in
  stamp)
    [ $# -eq 3 ] || { echo "usage: $0 stamp NETID FILE" >&2; exit 2; }
    check "$2"
    mkdir -p "$(dirname "$3")"
    [ "$(cat "$3" 2>/dev/null)" = "$2" ] || printf '%s\n' "$2" > "$3"
    ;;
  note)
    [ $# -eq 3 ] || { echo "usage: $0 note FILE PLACEHOLDER" >&2; exit 2; }
    if [ "$(cat "$2" 2>/dev/null)" = "$3" ]; then
      echo "Note: built with the placeholder NetID '$3'.  For the files you hand in, run:"
      echo "      make submission NETID=<your NetID>"
    fi
    ;;
  *) echo "usage: $0 stamp NETID FILE | note FILE PLACEHOLDER" >&2; exit 2 ;;
esac

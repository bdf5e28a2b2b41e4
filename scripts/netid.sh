#!/usr/bin/env bash
# stamp NETID FILE (single-quoted by the Makefile): only letters, digits, . _ - (every page shows them literally);
# FILE rewritten only on change.  note FILE PLACEHOLDER: after `make`, say so if FILE holds the placeholder.
set -euo pipefail

case "${1:-}" in
  stamp)
    [ $# -eq 3 ] || { echo "usage: $0 stamp NETID FILE" >&2; exit 2; }
    [ -n "$2" ] || { echo "error: empty NETID; pass yours: make submission NETID=ab123" >&2; exit 1; }
    if [ ${#2} -gt 40 ] || ! [[ "$2" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
      printf 'error: NETID "%s" is not a NetID: %s\n' "$2" \
        "use letters, digits and . _ - only (e.g. make submission NETID=ab123)" >&2
      exit 1
    fi
    mkdir -p "$(dirname "$3")"
    [ "$(cat "$3" 2>/dev/null)" = "$2" ] || printf '%s\n' "$2" > "$3" ;;
  note)
    [ $# -eq 3 ] || { echo "usage: $0 note FILE PLACEHOLDER" >&2; exit 2; }
    if [ "$(cat "$2" 2>/dev/null)" = "$3" ]; then
      echo "Note: built with the placeholder NetID '$3'.  For the files you hand in, run:"
      echo "      make submission NETID=<your NetID>"
    fi ;;
  *) echo "usage: $0 stamp NETID FILE | note FILE PLACEHOLDER" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# The NetID printed on every page.  The Makefile hands it over single-quoted, so no shell or make interprets
# it; only letters, digits and . _ - are accepted, which every page shows literally.
#   scripts/netid.sh stamp NETID FILE        check NETID; write FILE only if it holds another one (rebuilds then)
#   scripts/netid.sh note FILE PLACEHOLDER   after `make`: say so if FILE holds the placeholder
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

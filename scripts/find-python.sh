#!/usr/bin/env bash
# Print $PYTHON, else the newest python3.X on PATH, if 3.11-3.13 (TensorFlow 2.21's wheels); else say so, exit 1.
set -uo pipefail
version_of() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }
supported() { [[ " 3.11 3.12 3.13 " == *" $1 "* ]]; }

if [ -n "${PYTHON:-}" ]; then
  v=$(version_of "$PYTHON")
  if [ -z "$v" ]; then
    echo "error: PYTHON=$PYTHON does not run; set PYTHON to a Python 3.11, 3.12 or 3.13 interpreter" >&2; exit 1
  fi
  supported "$v" && { command -v "$PYTHON"; exit 0; }
  echo "error: PYTHON=$PYTHON is Python $v; this bundle needs Python 3.11, 3.12 or 3.13 (TensorFlow 2.21 has no wheels for $v): install one and run e.g. make PYTHON=python3.12" >&2
  exit 1
fi

seen=()
for cand in python3.13 python3.12 python3.11 python3 python; do
  path=$(command -v "$cand" 2>/dev/null) || continue
  v=$(version_of "$path")
  [ -n "$v" ] || continue
  supported "$v" && { echo "$path"; exit 0; }
  seen+=("$cand is $v")
done
found=${seen[*]+"found: ${seen[*]}; "}
echo "error: no Python 3.11, 3.12 or 3.13 on PATH (${found:-found none; }TensorFlow 2.21 supports only these): install one (python.org, 'brew install python@3.12', 'sudo apt-get install python3.11', 'conda create -n a7 python=3.12') and run make again, or name it: make PYTHON=/path/to/python3.12" >&2
exit 1

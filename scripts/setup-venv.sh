#!/usr/bin/env bash
# scripts/setup-venv.sh .venv: requirements.txt, the kernel "python3", its config in <venv>/etc/ipython (always read).
set -euo pipefail
venv=${1:-.venv} root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ "$(uname -s)" = Darwin ] && [ "$(uname -m)" = x86_64 ] && ! sysctl -n sysctl.proc_translated 2>/dev/null | grep -q 1; then
  echo "error: Intel Macs have no TensorFlow newer than 2.16 (which needs numpy < 2); this bundle needs 2.21." >&2
  echo "       Use Google Colab or your JupyterHub (docs/setup.md), or a Linux container: docker run -it --platform linux/amd64 python:3.12" >&2
  exit 1
fi

py="$venv/bin/python"
if ! { [ -x "$py" ] && PYTHON="$py" "$root/scripts/find-python.sh" >/dev/null 2>&1; }; then
  base=$("$root/scripts/find-python.sh")
  if ! "$base" -c 'import ensurepip, venv' 2>/dev/null; then
    # Debian/Ubuntu split venv off Python: install it where we may, else say how.
    v=$("$base" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    if command -v apt-get >/dev/null && { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }; then
      echo "==> Installing Debian package python$v-venv"
      $([ "$(id -u)" -eq 0 ] || echo sudo -n) apt-get install -y -q --no-install-recommends "python$v-venv" >/dev/null
    else
      echo "error: $base cannot create a venv (no ensurepip): sudo apt-get install python$v-venv, or use another Python: make PYTHON=..." >&2
      exit 1
    fi
  fi
  echo "==> Creating $venv with $("$base" -c 'import sys; print("Python", sys.version.split()[0])') ($base)"
  rm -rf "$venv"
  "$base" -m venv "$venv"
fi

echo "==> Installing requirements.txt into $venv (a few minutes the first time)"
# pip on some machines warns about every missing local mirror folder: keep real messages only.
quiet() { { grep -v "is ignored: it is neither a file nor a directory" || true; } >&2; }
"$py" -m pip install -q --upgrade pip 2> >(quiet)
"$py" -m pip install -q -r "$root/requirements.txt" 2> >(quiet)
"$py" -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (assignment 7)" >/dev/null
mkdir -p "$venv/etc/ipython"
cp "$root/etc/ipython/profile_default/ipython_kernel_config.py" "$venv/etc/ipython/ipython_kernel_config.py"

#!/usr/bin/env bash
# Optional programs: a Chromium-family browser prints the PDFs, poppler reads them back in the export tests.
# install: apt-get them (+ Debian's Fashion-MNIST) as root/sudo, else name what is missing; have-pdf: a browser?; advice
set -uo pipefail

DEB_EXPORT=(poppler-utils chromium)
here=${BASH_SOURCE[0]%/*}

missing_tools() {  # poppler's commands not on PATH, and "a Chromium-family browser" if none is found
  local t out=()
  for t in pdftotext pdfinfo pdfimages pdftoppm; do command -v "$t" >/dev/null 2>&1 || out+=("$t"); done
  "$here/find-browser.sh" >/dev/null 2>&1 || out+=("a Chromium-family browser (Chrome, Chromium or Edge)")
  echo "${out[*]-}"
}

can_apt() {  # apt-get and dpkg here, and root or sudo without a password
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 || return 1
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}

advice() {
  local miss=$(missing_tools)
  [ -n "$miss" ] || return 0
  echo "Not found: $miss.  Everything else works without them; they are needed for:"
  echo "  the PDFs (make pdf):   a Chromium-family browser, which prints the HTML pages (set CHROME=/path/to/it if it is not found)"
  echo "  the export tests:      also pdftotext/pdfinfo/pdfimages/pdftoppm (poppler) (they skip without)"
  echo "How to get them:"
  case "$(uname -s)" in
    Darwin)
      echo "  macOS:  Google Chrome from google.com/chrome (found in /Applications), or: brew install --cask chromium;"
      echo "          brew install poppler" ;;
    MINGW*|MSYS*|CYGWIN*)
      echo "  Windows:  Microsoft Edge is already there; winget install oschwartz10612.Poppler" ;;
    *)
      echo "  Debian/Ubuntu:  sudo apt-get install --no-install-recommends ${DEB_EXPORT[*]}"
      echo "  Fedora:         sudo dnf install chromium poppler-utils"
      echo "  no root:        any Chrome/Chromium you can run (CHROME=/path/to/chrome make ...); poppler from conda-forge" ;;
  esac
}

install() {
  if ! can_apt; then
    local miss=$(missing_tools)
    [ -z "$miss" ] || echo "==> Optional programs not found: $miss (the PDFs and the export tests need them;" \
      "how to get them: scripts/system-packages.sh advice)"
    return 0
  fi
  local p want=("${DEB_EXPORT[@]}") missing=() sudo=""
  [ -n "${FASHION_MNIST_DIR:-}" ] || want+=(dataset-fashion-mnist)  # the data, unless it is elsewhere
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  echo "==> Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null &&
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
    { echo "error: apt-get install ${missing[*]} failed" >&2; return 1; }
}

case "${1:-}" in
  install) install ;;
  have-pdf) "$here/find-browser.sh" >/dev/null 2>&1 ;;
  advice) advice ;;
  *) echo "usage: $0 install|have-pdf|advice" >&2; exit 2 ;;
esac

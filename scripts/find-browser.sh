#!/usr/bin/env bash
# Print the path of a Chromium-family browser (it prints the PDFs; CHROME=/path chooses), or say so and exit 1.
set -uo pipefail
if [ -n "${CHROME:-}" ]; then
  command -v "$CHROME" 2>/dev/null && exit 0
  echo "error: CHROME=$CHROME is not an executable browser" >&2; exit 1
fi
# `command -v` prints a name found on PATH, or a path only if it is an executable file.
for b in chromium chromium-browser google-chrome google-chrome-stable microsoft-edge microsoft-edge-stable msedge \
         chrome "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" \
         "/Applications/Chromium.app/Contents/MacOS/Chromium" \
         "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge" \
         "/c/Program Files (x86)/Microsoft/Edge/Application/msedge.exe" \
         "/c/Program Files/Google/Chrome/Application/chrome.exe"; do
  command -v "$b" 2>/dev/null && exit 0
done
echo "error: the PDFs are printed by a Chromium-family browser and none was found: install Google Chrome, Chromium or Microsoft Edge, or set CHROME=/path/to/it" >&2
exit 1

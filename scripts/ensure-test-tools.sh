#!/usr/bin/env bash
# Make sure the tools the tests drive are here: Chromium (Debian's, else Playwright's) and poppler's
# pdftotext/pdftoppm/pdfinfo for the handout checks, and libxml2's xmllint, which checks the QTI export against
# the IMS DTD. `ensure-test-tools.sh chromium` sees to Chromium alone: all `make handouts` needs.
set -euo pipefail
only="${1:-}"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ "$only" = chromium ] || command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ "$only" = chromium ] || command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "ensure-test-tools: installing ${missing[*]} from Debian" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
if [[ " ${missing[*]} " == *" chromium "* ]]; then
  echo "ensure-test-tools: no Debian chromium; falling back to Playwright's own build" >&2
  .venv/bin/python -m playwright install chromium
fi
if [ "$only" != chromium ] && ! command -v pdftotext >/dev/null 2>&1; then
  echo "ensure-test-tools: pdftotext (poppler-utils) is missing; install it to run the handout tests" >&2
  exit 1
fi
if [ "$only" != chromium ] && ! command -v xmllint >/dev/null 2>&1; then
  echo "ensure-test-tools: xmllint (libxml2-utils) is missing; install it to run the QTI schema tests" >&2
  exit 1
fi

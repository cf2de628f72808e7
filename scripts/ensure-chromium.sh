#!/usr/bin/env bash
# Make sure a Chromium the browser tests can drive is present: Debian's package, or Playwright's.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "ensure-chromium: no Debian chromium; falling back to Playwright's own build" >&2
.venv/bin/python -m playwright install chromium

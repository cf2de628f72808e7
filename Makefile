# Mingle: every target sets itself up on a fresh clone (venv, pinned packages, npm shim, Chromium).
PY      := .venv/bin/python
VENV    := .venv/.installed
SHIM    := docs/assets/vendor/iframe-worker-shim.js
PORT    ?= 8000

.PHONY: serve build offline test handouts bench check clean browser chromium room

$(VENV): requirements.txt pyproject.toml
	python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip==25.3
	.venv/bin/pip install --quiet -r requirements.txt
	.venv/bin/pip install --quiet --no-deps -e .
	touch $@

node_modules/iframe-worker/shim/index.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(SHIM): node_modules/iframe-worker/shim/index.js
	mkdir -p $(dir $@)
	cp $< $@

serve: $(VENV) $(SHIM)
	MINGLE_SERVE=true .venv/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

build: $(VENV) $(SHIM)
	.venv/bin/mkdocs build --strict --clean --site-dir site

offline: $(VENV) $(SHIM)
	MINGLE_OFFLINE=true .venv/bin/mkdocs build --strict --clean --site-dir site-offline

# The live room: the strict site build, then `mingle room` on it (ROOM="--host 0.0.0.0" lets phones join).
ROOM    ?=
room: $(VENV) $(SHIM)
	.venv/bin/mkdocs build --strict --clean --site-dir site
	.venv/bin/mingle room --site site $(ROOM)

check: $(VENV)
	.venv/bin/mingle check

browser:
	@bash scripts/ensure-test-tools.sh

# The handouts need only Chromium; poppler's tools are for the handout tests.
chromium:
	@bash scripts/ensure-test-tools.sh chromium

test: $(VENV) $(SHIM) browser
	.venv/bin/python -m pytest

# `make handouts DATE="12 March" VENUE="The Corn Exchange" PRESENTER="Sam Patel"` (also TITLE, PLAN, START):
# each one given overrides event.yml; the shell passes the values on exactly, spaces and quotes included.
export TITLE DATE VENUE PRESENTER PLAN START

handouts: $(VENV) $(SHIM) chromium
	.venv/bin/mingle handouts --out handouts $${TITLE:+--title "$$TITLE"} $${DATE:+--date "$$DATE"} \
	  $${VENUE:+--venue "$$VENUE"} $${PRESENTER:+--presenter "$$PRESENTER"} $${PLAN:+--plan "$$PLAN"} \
	  $${START:+--start "$$START"}

LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE):
	npm install --prefix .cache/lighthouse --no-audit --no-fund --loglevel=error lighthouse@13.5.0

bench: $(VENV) $(SHIM) browser $(LIGHTHOUSE)
	.venv/bin/python -m bench

clean:
	rm -rf site site-offline handouts .pytest_cache

# Mingle: every target sets itself up on a fresh clone (venv, pinned packages, npm shim, Chromium).
# Each target installs only its own group of pins (requirements/<group>.txt, see CONTRIBUTING.md) into
# .venv, once, and again whenever that file changes.
PY       := .venv/bin/python
BASE     := .venv/.base
CORE     := .venv/.installed-core
CHECKSET := .venv/.installed-check
SITE     := .venv/.installed-site
HANDOUTS := .venv/.installed-handouts
ROOMSET  := .venv/.installed-room
VENV     := .venv/.installed
ZENSICAL := .venv-zensical/.installed
SHIM     := docs/assets/vendor/iframe-worker-shim.js
REVEAL   := docs/assets/vendor/reveal/reveal.js
PORT     ?= 8000

.PHONY: serve build offline zensical test lint handouts bench check lock clean browser chromium room release

# The venv and the kit itself (editable, without its dependencies: each group brings its own).
$(BASE): pyproject.toml
	python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip==25.3
	.venv/bin/pip install --quiet --no-deps -e .
	touch $@

.venv/.installed-%: requirements/%.txt | $(BASE)
	.venv/bin/pip install --quiet -r $<
	touch $@

# The full set (every group: what the tests and the benchmark need); the name predates the groups.
$(VENV): requirements/test.txt | $(BASE)
	.venv/bin/pip install --quiet -r $<
	touch $@

# Zensical has a venv of its own, so its pins never meet MkDocs'.
$(ZENSICAL): requirements/zensical.txt pyproject.toml
	python3 -m venv .venv-zensical
	.venv-zensical/bin/pip install --quiet --upgrade pip==25.3
	.venv-zensical/bin/pip install --quiet -r requirements/zensical.txt
	.venv-zensical/bin/pip install --quiet --no-deps -e .
	touch $@

node_modules/iframe-worker/shim/index.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(SHIM): node_modules/iframe-worker/shim/index.js
	mkdir -p $(dir $@)
	cp $< $@

# reveal.js shows the decks (the Slides page loads it, from here, only when a deck opens); the same `npm ci` installs it.
$(REVEAL): node_modules/iframe-worker/shim/index.js
	test -f node_modules/reveal.js/dist/reveal.js || npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@)
	cp node_modules/reveal.js/dist/reveal.css $(dir $@)
	cp node_modules/reveal.js/dist/reveal.js $@

# scorm-again is the SCORM 1.2 runtime the SCORM tests use as the LMS; the same `npm ci` installs it.
SCORM_RUNTIME := node_modules/scorm-again/dist/scorm12.min.js
$(SCORM_RUNTIME): node_modules/iframe-worker/shim/index.js
	test -f $@ || npm ci --no-audit --no-fund --loglevel=error
	touch $@

# ESLint (a devDependency) comes with the same `npm ci`.
ESLINT := node_modules/.bin/eslint
$(ESLINT): node_modules/iframe-worker/shim/index.js
	test -f $@ || npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(SITE) $(SHIM) $(REVEAL)
	MINGLE_SERVE=true .venv/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

build: $(SITE) $(SHIM) $(REVEAL)
	.venv/bin/mkdocs build --strict --clean --site-dir site

offline: $(SITE) $(SHIM) $(REVEAL)
	MINGLE_OFFLINE=true .venv/bin/mkdocs build --strict --clean --site-dir site-offline

# The same site built by Zensical into site-zensical/, from its own venv (README: "Two builders").
zensical: $(ZENSICAL) $(SHIM) $(REVEAL)
	MINGLE_SITE_DIR=site-zensical .venv-zensical/bin/zensical build --strict

# The live room: the strict site build, then `mingle room` on it (ROOM="--host 0.0.0.0" lets phones join).
ROOM    ?=
room: $(ROOMSET) $(SHIM) $(REVEAL)
	.venv/bin/mkdocs build --strict --clean --site-dir site
	.venv/bin/mingle room --site site $(ROOM)

# The site's packages too: the slide budget reads the module pages as the site makes them.
check: $(CHECKSET) $(SITE)
	.venv/bin/mingle check

browser:
	@bash scripts/ensure-test-tools.sh

# The handouts need only Chromium; poppler's tools are for the handout tests.
chromium:
	@bash scripts/ensure-test-tools.sh chromium

# Ruff (pyproject.toml) and ESLint (eslint.config.mjs): each problem named by file and line.
lint: $(VENV) $(ESLINT)
	.venv/bin/ruff check --output-format concise .
	$(ESLINT) .

# The linters first, then the suite, timed; pytest's own exit code (5: no test ran) is make's.
test: $(VENV) $(ZENSICAL) $(SHIM) $(REVEAL) $(SCORM_RUNTIME) browser lint
	@start=$$(date +%s); .venv/bin/python -m pytest; status=$$?; \
	  echo "make test: pytest took $$(( $$(date +%s) - start )) s (exit $$status)"; exit $$status

# `make handouts DATE="12 March" VENUE="The Corn Exchange" PRESENTER="Sam Patel"` (also TITLE, PLAN, START):
# each one given overrides event.yml; the shell passes the values on exactly, spaces and quotes included.
export TITLE DATE VENUE PRESENTER PLAN START

handouts: $(HANDOUTS) $(SHIM) $(REVEAL) chromium
	.venv/bin/mingle handouts --out handouts $${TITLE:+--title "$$TITLE"} $${DATE:+--date "$$DATE"} \
	  $${VENUE:+--venue "$$VENUE"} $${PRESENTER:+--presenter "$$PRESENTER"} $${PLAN:+--plan "$$PLAN"} \
	  $${START:+--start "$$START"}

# Every ready-made file of this version into dist/ (README: "Use the kit without installing anything"): the site's
# zip, the offline copy's, the handouts, the SCORM package, the question banks and the room's wheel, with SHA256SUMS.
release: $(HANDOUTS) $(ROOMSET) $(SHIM) $(REVEAL) chromium
	.venv/bin/mingle release --out dist

LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE):
	npm install --prefix .cache/lighthouse --no-audit --no-fund --loglevel=error lighthouse@13.5.0

bench: $(VENV) $(SHIM) $(REVEAL) browser $(LIGHTHOUSE)
	.venv/bin/python -m bench

# Re-resolve every requirements/<group>.txt from its .in file with pip-tools (reaches PyPI; keeps the versions in
# the .txt that need not move): the union (test) first, then each group held to the union's versions, then Zensical
# (its own venv) on its own. Exact pins only: no extras, no index or find-links lines, pip and setuptools included.
COMPILE := CUSTOM_COMPILE_COMMAND="make lock" .venv/bin/pip-compile --quiet --allow-unsafe --strip-extras \
  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock: $(VENV)
	$(COMPILE) --output-file requirements/test.txt requirements/test.in
	for group in core serve check site handouts room xlsx; do \
	  $(COMPILE) --constraint requirements/test.txt --output-file requirements/$$group.txt requirements/$$group.in \
	    || exit 1; done
	$(COMPILE) --output-file requirements/zensical.txt requirements/zensical.in

clean:
	rm -rf site site-offline site-zensical handouts dist .pytest_cache

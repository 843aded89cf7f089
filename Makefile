# Every target sets up what it needs first, so a fresh clone only ever needs `make run` or `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
# What running needs, then what testing adds, then what benchmarking adds: `make run` installs
# no test or benchmark tool (tests/test_pins.py checks it).
RUN_STAMP   := $(VENV)/.run-stamp
STAMP       := $(VENV)/.test-stamp
BENCH_STAMP := $(VENV)/.bench-stamp
RUN_SYSDEP  := $(VENV)/.system-deps-run-stamp
SYSDEP      := $(VENV)/.system-deps-test-stamp
PKG_SYSDEP  := $(VENV)/.system-deps-package-stamp
# pytest-xdist: one worker per core and one more, each with its own X server, settings and
# PostgreSQL. The tests wait a third of their time (X, a window manager, subprocesses, the
# replayer's settling): with one worker per core 2 cores were 35% idle and the suite took 383 s,
# with 3 workers 269 s and 97% busy, with 4 workers 299 s (2026-12-06, same checkout).
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))

.PHONY: run test lint bench bench-quick bench-check pictures-check package deb package-test clean record-real fuzz git-setup translations coverage mutation
PKG_STAMP := $(VENV)/.package-stamp

$(RUN_SYSDEP): scripts/system-deps
	bash scripts/system-deps run
	mkdir -p $(VENV) && touch $@

$(SYSDEP): scripts/system-deps $(RUN_SYSDEP)
	bash scripts/system-deps test
	touch $@

$(PKG_SYSDEP): scripts/system-deps $(SYSDEP)
	bash scripts/system-deps package
	touch $@

# constraints.txt: the exact versions tested, so a fresh machine gets what CI got.
$(RUN_STAMP): pyproject.toml constraints.txt $(RUN_SYSDEP)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e .
	touch $@

$(STAMP): $(RUN_STAMP) $(SYSDEP)
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

# The app's translations, compiled from the translators' .ts files (not committed: built here).
QM := $(patsubst %.ts,%.qm,$(wildcard app/translations/*.ts))
app/translations/%.qm: app/translations/%.ts $(RUN_STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# The domain's messages and the actions they name are marked there (no Qt) and shown translated;
# so is the replay viewer (recorder/ cannot import app/, it uses Qt's tr() in its own context).
I18N_SOURCES := $(shell find app domain -name '*.py') recorder/replay/viewer.py
# After changing user-visible strings: brings the .ts files up to date for the translators.
# English is the source language: its file holds only the counts' forms ("1 product").
translations: $(RUN_STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete $(I18N_SOURCES) -ts app/translations/replayshop_de.ts
	$(VENV)/bin/pyside6-lupdate -no-obsolete -pluralonly $(I18N_SOURCES) -ts app/translations/replayshop_en.ts

run: $(RUN_STAMP) $(QM)
	$(VENV)/bin/replayshop $(ARGS)

lint: $(STAMP) $(QM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The tests start their own X server (Xvfb + openbox, tests/display.py): widgets, recordings
# and the real-input suite run on a real display. QT_QPA_PLATFORM=offscreen skips X.
# -n: the tests are spread over all cores (WORKERS=0 runs them in this process, one at a time).
test: lint
	$(VENV)/bin/pytest -q -n $(WORKERS) -m "not slow and not bench and not pictures"

$(PKG_STAMP): $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -e '.[package]'
	touch $@

package: $(PKG_STAMP) $(QM)
	bash packaging/build.sh

# The .deb: the bundle under /usr/lib/replayshop (stripped), a launcher in /usr/bin, the desktop
# files, a manual page, the changelog and copyright, lintian's overrides.
deb: package $(PKG_SYSDEP)
	bash packaging/build-deb.sh

# lintian must find no error in the .deb (its overrides say why what remains is inherent to a
# bundle); then the bundle is smoke-tested, and the .deb installed with apt-get (as root, as CI
# runs), started, a recording opened from the command line and by xdg-open, and removed again.
package-test: deb
	lintian --fail-on error dist/replayshop_*.deb
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -m slow tests/packaging

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -e '.[test,bench]'
	touch $@

# `make bench ONLY=throughput,latency` measures only those sections of results.json (each
# keeps the conditions it was measured under; `python -m benchmarks --list` names them).
bench: $(BENCH_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks $(if $(ONLY),--only $(ONLY))
	$(PY) -m benchmarks.readme

# What the recordings exercise of the app, and the reason for each gap (recordings/
# coverage-gaps.toml); fails on a gap without one. CI prints it after make test.
coverage: $(STAMP)
	$(VENV)/bin/replayshop coverage recordings --html benchmarks/out/coverage.html

# 10,000 mutated recordings through the loader, `recording show` and a replay (the suite runs
# 300), then 10,000 hostile command lines (the suite runs 300); figures in benchmarks/fuzz.json.
fuzz: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.fuzzing --cases 10000 --out benchmarks/fuzz.json
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.fuzzing.cli --cases 10000 --out benchmarks/fuzz.json

# Planted bugs (tests/mutation/*.patch), each applied to a copy of HEAD whose recordings are
# then checked: the catch rate goes to benchmarks/results.json and the README. The README is
# written even when the rate is under 90%, and make still fails then.
mutation: $(STAMP)
	$(PY) -m benchmarks.mutation; status=$$?; $(PY) -m benchmarks.readme && exit $$status

# The benchmarks end to end in quick mode: every figure is produced (CI runs it after make test).
bench-check: $(BENCH_STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -m bench

# Every committed recording's report page, its pictures drawn by a replay, stepped through in
# Chromium: a picture at every step (CI runs it after make test; about a minute of replays
# with pictures, kept out of make test's six minutes).
pictures-check: lint
	$(VENV)/bin/pytest -q -n $(WORKERS) -m pictures

bench-quick: $(BENCH_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks --quick

# Re-records the real-input sessions (xdotool on Xvfb) into recordings/, kept only when each
# replayed identically; review the diff (git diff shows recordings as text) before committing.
record-real: $(STAMP)
	REPLAYSHOP_KEEP_RECORDINGS=recordings $(VENV)/bin/pytest -q tests/realinput/test_sessions.py \
	    tests/realinput/test_determinism.py

# `git diff` shows recordings as their timeline: the textconv driver by an absolute path that
# works outside an activated venv, and its output cached per blob (a replay file is read once).
git-setup: $(RUN_STAMP)
	git config diff.shoprec.textconv "$(abspath $(VENV))/bin/replayshop recording show"
	git config diff.shoprec.cachetextconv true

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist

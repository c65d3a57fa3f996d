# Two commands on a fresh machine with python3 >= 3.11 and make:
#   make play   set up and play the default story
#   make test   set up and run every check (ruff, mypy --strict, pytest)
#   make fuzz   feed the loader and the runtime 10,000 generated stories, and the readers of
#               saves, settings and records 10,000 files each (several minutes)
#   make dist   build the standalone app and its .zip in dist/ (a minute or two)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make test` runs the tests on every core (pytest-xdist); each bundled story's conformance and
# deep lint are worked out once and shared between the workers (tests/storycache.py).
TEST_JOBS ?= auto
# The serial tests run from the files that mark them, not by collecting all of tests/ again
# (seconds of imports); were none found, the empty list would mean every file.
SERIAL_FILES = $(shell grep -rlE --include='*.py' 'mark\.serial' tests)
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DIST_STAMP := $(VENV)/.installed-dist
MUTATE_STAMP := $(VENV)/.installed-mutate
# Documents `make fuzz` feeds the loader (and files to each of the save, settings and record
# readers); the run fails if fewer were really tried.
FUZZ_DOCUMENTS ?= 10000

.PHONY: play play-text test test-static test-parallel test-wheel lint typecheck pytest bench fuzz dist mutate clean

# The pip that comes with Python >= 3.11 installs this project as it is: upgrading it first
# cost every fresh `make test` seconds and a download.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

play: $(STAMP)
	$(BIN)/confide play

# The same game in the terminal: for a machine with no screen (a server, SSH).
play-text: $(STAMP)
	$(BIN)/confide play --text

# The static checks and the wheel smoke each keep one core busy at most (and often wait on the
# disk or pip), so they run beside the parallel tests rather than before and after them (a
# fresh `make test` on 2 cores: 3 min 8.8 s against 3 min 22.6 s, docs/benchmarks.md). The serial
# tests still run alone, after everything else. A failure anywhere fails `make test`.
test: $(TEST_STAMP)
	$(MAKE) --no-print-directory -j3 test-static test-parallel test-wheel
	$(BIN)/python -m pytest -m serial $(SERIAL_FILES)

test-static: $(TEST_STAMP)
	$(BIN)/ruff check game tests benchmarks packaging
	$(BIN)/mypy --strict game
	$(BIN)/lint-imports

test-parallel: $(TEST_STAMP)
	$(BIN)/python -m pytest -n $(TEST_JOBS) -m "not serial"

test-wheel: $(TEST_STAMP)
	$(BIN)/python packaging/wheel_smoke.py

fuzz: $(TEST_STAMP)
	CONFIDE_FUZZ_EXAMPLES=$(FUZZ_DOCUMENTS) CONFIDE_FUZZ_MIN_DOCUMENTS=$(FUZZ_DOCUMENTS) \
	CONFIDE_FUZZ_REPORT=.pytest_cache/fuzz-report.json $(BIN)/python -m pytest tests/fuzz

# `make bench BENCH_ARGS=--xvfb` also measures the window under Xvfb (real X11 presentation).
BENCH_ARGS ?=
bench: $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet bink || echo "bench: bink could not be installed; the peer figures will say so"
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The standalone app (PyInstaller, one folder) and its .zip in dist/, smoke-tested from a
# clean environment. Not part of `make test`: it takes a minute or two.
$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@

dist: $(DIST_STAMP)
	$(BIN)/python packaging/dist.py

# Mutation testing of game/model and game/runtime ([tool.mutmut] in pyproject.toml): one
# worker at low priority, since the machine is shared; results and survivors in docs/testing.md.
# Not part of `make test`: a full pass takes tens of minutes.
$(MUTATE_STAMP): pyproject.toml | $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutate]'
	touch $@

mutate: $(MUTATE_STAMP)
	nice -n 10 $(BIN)/mutmut run --max-children 1
	$(BIN)/mutmut results
	$(BIN)/python tests/mutation/hand_mutants.py

clean:
	rm -rf $(VENV) mutants .mypy_cache .pytest_cache .ruff_cache

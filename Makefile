# Two commands do everything on a fresh machine: `make demo` and `make test`. `make run` starts the
# Telegram bot (token in TELEGRAM_BOT_TOKEN or config.yaml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
QUESTION ?= Kế hoạch 98-KH/TU tuyên truyền những nội dung gì?

.PHONY: demo test run venv clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m bot ask "$(QUESTION)"

test: $(STAMP)
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/ruff format --check bot tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

run: $(STAMP)
	$(BIN)/python -m bot run

clean:
	rm -rf $(VENV) .cache .pytest_cache

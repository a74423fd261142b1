"""Settings the bot adds, the documented example config, and the token never reaching the logs."""

from __future__ import annotations

import dataclasses
import io
import logging

import yaml

from bot.config import Settings, load_settings
from bot.telegram.app import RedactToken, configure_logging
from tests.conftest import ROOT

TOKEN = "123456789:SECRET-part_of-the-token"


def _keys(cls, prefix="") -> set[str]:
    keys = set()
    for f in dataclasses.fields(cls):
        default = getattr(cls(), f.name)
        if dataclasses.is_dataclass(default):
            keys |= _keys(type(default), f"{prefix}{f.name}.")
        else:
            keys.add(prefix + f.name)
    return keys


def _flatten(data: dict, prefix="") -> set[str]:
    keys = set()
    for name, value in data.items():
        if isinstance(value, dict):
            keys |= _flatten(value, f"{prefix}{name}.")
        else:
            keys.add(prefix + name)
    return keys


def test_example_config_documents_every_setting_with_its_default():
    example = ROOT / "config.example.yaml"
    assert _flatten(yaml.safe_load(example.read_text(encoding="utf-8"))) == _keys(Settings)
    assert load_settings(example, env={}) == Settings()


def test_environment_overrides_secrets_and_urls(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(
        "telegram:\n  token: from-file\n  admins: [1, 2]\nsearch:\n  max_question_chars: 300\n", encoding="utf-8"
    )
    env = {
        "TELEGRAM_BOT_TOKEN": " from-env ",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081",
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook",
        "TELEGRAM_WEBHOOK_SECRET": "abc_DEF-123",
    }
    settings = load_settings(config, env=env)
    tg = settings.telegram
    assert (tg.token, tg.api_base_url, tg.webhook_url, tg.webhook_secret) == (
        "from-env",
        "http://127.0.0.1:8081",
        "https://bot.example.org/hook",
        "abc_DEF-123",
    )
    assert tg.admins == (1, 2) and settings.search.max_question_chars == 300
    assert "from-env" not in repr(settings) and "abc_DEF" not in repr(settings)


def test_token_is_redacted_from_messages_and_tracebacks():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactToken(TOKEN))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("Set Bot API URL: %s", f"https://api.telegram.org/bot{TOKEN}")
        try:
            raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
        except ConnectionError:
            logger.exception("network error")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert TOKEN not in output and "SECRET-part" not in output
    assert output.count("bot<TOKEN>") == 2


def test_configure_logging_silences_request_urls():
    root = logging.getLogger()
    saved = root.handlers[:], root.level, logging.getLogger("httpx").level
    try:
        configure_logging(TOKEN)
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
        assert root.handlers and all(any(isinstance(f, RedactToken) for f in h.filters) for h in root.handlers)
    finally:  # give pytest its logging back
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        logging.getLogger("httpx").setLevel(saved[2])

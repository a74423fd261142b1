"""`python -m bot run` as admins run it (a real process), its startup errors, token hygiene, and webhook mode."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.bot_harness import PROBATION, PROBATION_QUESTION, TOKEN, Harness, make_knowledge, user, write_config
from tests.conftest import ROOT, TEST_CACHE
from tests.fake_telegram import check_html


@pytest.fixture
def config(tmp_path):
    knowledge = make_knowledge(tmp_path / "knowledge")
    return write_config(tmp_path / "config.yaml", knowledge, TEST_CACHE, tmp_path / "stats.sqlite3")


def run_bot(config, env: dict, *args: str) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config), *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_run_answers_and_never_logs_the_token(api, config):
    process = run_bot(
        config, {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.base_url}, "--log-level", "DEBUG"
    )
    try:
        api.wait_for("getUpdates", timeout=60)
        member = user(50_001, "Sơn")
        mark = api.mark()
        api.push_update(
            {
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": member["id"], "type": "private"},
                    "from": member,
                    "text": PROBATION_QUESTION,
                }
            }
        )
        reply = api.wait_for("sendMessage", lambda c: c["chat_id"] == member["id"], since=mark)
        assert PROBATION in check_html(reply["text"])[1]
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err[-2000:]
    output = out + err
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    assert "bot<TOKEN>" in output  # PTB logs the API URL at DEBUG: it is there, with the token masked
    assert "ready: 3 documents" in output


def test_rejected_token_is_a_clear_startup_error(api, config):
    wrong = "987654321:WRONG-token_zyxwvutsrqponmlkjihgfedcba"
    process = run_bot(config, {"TELEGRAM_BOT_TOKEN": wrong, "TELEGRAM_API_BASE_URL": api.base_url})
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "từ chối token" in err and "TELEGRAM_BOT_TOKEN" in err
    assert wrong not in out + err and wrong.split(":")[1] not in out + err
    assert [c.status for c in api.calls_of("getMe")] == [401]


def test_missing_token_is_a_clear_startup_error(config):
    process = run_bot(config, {"TELEGRAM_BOT_TOKEN": "", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9"})
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "chưa có token" in err and "@BotFather" in err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_webhook_mode_with_secret_token(api, tmp_path):
    knowledge = make_knowledge(tmp_path / "knowledge")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    config = write_config(
        tmp_path / "config.yaml",
        knowledge,
        TEST_CACHE,
        tmp_path / "stats.sqlite3",
        telegram={
            "webhook_url": url,
            "webhook_listen": "127.0.0.1",
            "webhook_port": port,
            "webhook_secret": "s3cret-Token_1",
        },
    )
    bot = Harness(api, config).start()
    try:
        registered = api.wait_for("setWebhook")
        assert registered["url"] == url and registered["secret_token"] == "s3cret-Token_1"
        member = user(50_002, "Tâm")
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": member["id"], "type": "private"},
                "from": member,
                "text": PROBATION_QUESTION,
            },
        }

        def post(secret: str | None) -> int:
            headers = {"Content-Type": "application/json"}
            if secret:
                headers["X-Telegram-Bot-Api-Secret-Token"] = secret
            request = urllib.request.Request(url, json.dumps(update).encode(), headers)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as e:
                return e.code

        assert post(None) == 403  # not from Telegram: refused
        assert post("wrong") == 403
        mark = api.mark()
        assert post("s3cret-Token_1") == 200
        reply = api.wait_for("sendMessage", lambda c: c["chat_id"] == member["id"], since=mark)
        assert PROBATION in check_html(reply["text"])[1]
        assert not api.calls_of("getUpdates")
    finally:
        bot.stop()

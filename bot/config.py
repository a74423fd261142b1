"""Settings: one YAML file (every key has a default), with secrets and URLs from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from bot import safe_yaml

DEFAULT_CONFIG = Path("config.yaml")


class ConfigError(Exception):
    """A config file that cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class TelegramSettings:
    token: str = field(default="", repr=False)  # never printed: TELEGRAM_BOT_TOKEN overrides
    api_base_url: str = ""  # root of the Bot API server; TELEGRAM_API_BASE_URL overrides
    admins: tuple[int, ...] = ()
    webhook_url: str = ""  # empty: long polling
    webhook_secret: str = field(default="", repr=False)
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    group_rate_per_minute: int = 20  # answers per group chat per minute
    session_hours: float = 24.0  # how long the buttons under an answer keep working
    # Files admins send: larger ones are refused before downloading. The cloud Bot API serves at
    # most 20 MB; a self-hosted telegram-bot-api more.
    max_upload_mb: float = 20.0
    upload_hours: float = 2.0  # how long ✅/✖ under an upload's preview keep working
    send_retry_seconds: float = 60.0  # how long a send is retried through 5xx, dropped connections, 429


@dataclass(frozen=True)
class SearchConfig:
    results: int = 3  # passages in one answer
    reload_interval: float = 5.0  # seconds between checks of the knowledge folder; 0 = never
    max_question_chars: int = 1000  # longer messages get a polite request to shorten them


@dataclass(frozen=True)
class KnowledgeSettings:
    max_file_mb: float = 50.0  # larger files are skipped with a reason, unread

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)


@dataclass(frozen=True)
class StatsSettings:
    database: str = "data/nghiquyet.sqlite3"
    retention_days: int = 30  # raw question text of private chats is deleted after this


@dataclass(frozen=True)
class Settings:
    knowledge_dir: str = "knowledge"
    cache_dir: str = ".cache/nghiquyet-bot"
    knowledge: KnowledgeSettings = KnowledgeSettings()
    search: SearchConfig = SearchConfig()
    telegram: TelegramSettings = TelegramSettings()
    stats: StatsSettings = StatsSettings()


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from `path` (or ./config.yaml when present), then the environment."""
    environ: Mapping[str, str] = os.environ if env is None else env
    data: Any = {}
    if path is None and DEFAULT_CONFIG.exists():
        path = DEFAULT_CONFIG
    if path is not None:
        try:
            data = safe_yaml.load(Path(path).read_text(encoding="utf-8"), 1_000_000, "tệp cấu hình") or {}
        except OSError as e:
            raise ConfigError(f"không đọc được tệp cấu hình {path}: {e.strerror or e}") from e
        except yaml.YAMLError as e:
            raise ConfigError(f"tệp cấu hình {path} sai, {safe_yaml.describe(e)}") from e
    settings = _build(Settings, data, "")
    telegram = settings.telegram
    if environ.get("TELEGRAM_BOT_TOKEN"):
        telegram = replace(telegram, token=environ["TELEGRAM_BOT_TOKEN"].strip())
    if environ.get("TELEGRAM_API_BASE_URL"):
        telegram = replace(telegram, api_base_url=environ["TELEGRAM_API_BASE_URL"].strip())
    if environ.get("TELEGRAM_WEBHOOK_URL"):
        telegram = replace(telegram, webhook_url=environ["TELEGRAM_WEBHOOK_URL"].strip())
    if environ.get("TELEGRAM_WEBHOOK_SECRET"):
        telegram = replace(telegram, webhook_secret=environ["TELEGRAM_WEBHOOK_SECRET"].strip())
    return replace(settings, telegram=telegram)


def _build(cls, data, where: str):
    if not isinstance(data, dict):
        raise ConfigError(f"mục {where or '(gốc)'} trong cấu hình phải là các cặp khóa: giá trị")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(f"khóa cấu hình không biết: {', '.join(where + k for k in unknown)}")
    values = {}
    for name, value in data.items():
        default = getattr(cls(), name)
        if is_dataclass(default):
            values[name] = _build(type(default), value or {}, f"{where}{name}.")
        elif isinstance(default, tuple):
            items = value if isinstance(value, list) else [value] if value is not None else []
            try:
                values[name] = tuple(int(v) for v in items)
            except (TypeError, ValueError) as e:
                raise ConfigError(f"{where}{name} phải là danh sách số (ID người dùng Telegram)") from e
        elif value is None:
            continue
        else:
            try:
                values[name] = type(default)(value)
            except (TypeError, ValueError) as e:
                raise ConfigError(f"{where}{name} phải là {type(default).__name__}, không phải {value!r}") from e
    return cls(**values)

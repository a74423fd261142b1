"""A fake Telegram Bot API server for end-to-end tests (stdlib only).

It serves `/bot<token>/<method>` on 127.0.0.1 like api.telegram.org or a self-hosted telegram-bot-api:
requests arrive as form fields (non-string values JSON-encoded) or JSON; getUpdates long-polls
updates the tests inject; every call is recorded so tests can assert on what the bot sent. It checks
what Telegram checks and answers 400 the way Telegram does: HTML that Telegram could not parse,
texts over 4,096 characters, callback data over 64 bytes, callback answers over 200 characters,
an edit that changes nothing ("message is not modified"). Tests can make the next call of a method
fail, e.g. with HTTP 429 and `parameters.retry_after`, or start an outage (`outage`): 5xx answers,
dropped connections or a 429 storm for a number of calls or seconds.

Files members send: a test registers a file's bytes (`add_file`) and gets the `document` object
to put in a message; getFile answers with its `file_path` (refusing unknown ids and, as the cloud
Bot API does, files over 20 MB) and `/file/bot<token>/<file_path>` serves the bytes.

For the throughput benchmark (benchmarks/throughput.py) it also queues many updates at once, keeps
when each update was offered and first handed to the bot, and waits for many calls without
rescanning the whole call log at every wake-up.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote

# Parameters whose values are strings even when they look like JSON ("123", "true").
STRING_PARAMS = {
    "text",
    "parse_mode",
    "callback_query_id",
    "inline_query_id",
    "action",
    "url",
    "secret_token",
    "next_offset",
    "inline_message_id",
    "language_code",
    "switch_pm_text",
    "switch_pm_parameter",
    "caption",
    "query",
    "description",
    "short_description",
    "file_id",
    "question",
    "explanation",
    "explanation_parse_mode",
    "question_parse_mode",
    "poll_id",
}

ALLOWED_TAGS = {
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "u": set(),
    "ins": set(),
    "s": set(),
    "strike": set(),
    "del": set(),
    "tg-spoiler": set(),
    "span": {"class"},
    "a": {"href"},
    "tg-emoji": {"emoji-id"},
    "code": {"class"},
    "pre": set(),
    "blockquote": {"expandable"},
}
MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses bigger files on the cloud Bot API
_TAG_AT = re.compile(r"</?([a-z][a-z-]*)(\s[^<>]*)?>")
_BAD_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.quotes: list[dict] = []  # blockquote entities, as Telegram returns them with the message
        self._open_quote: tuple[bool, int] | None = None

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"unsupported start tag <{tag}>")
            return
        for name, _ in attrs:
            if name not in ALLOWED_TAGS[tag]:
                self.errors.append(f"unsupported attribute {name} of <{tag}>")
        # tdlib reads <blockquote expandable> by the attribute's name, whatever its value; the Bot
        # API documents that blockquotes cannot be nested
        if tag == "blockquote" and "blockquote" in self.stack:
            self.errors.append("blockquote entities can't be nested")
        if tag == "blockquote":
            self._open_quote = ("expandable" in dict(attrs), utf16_len("".join(self.text)))
        self.stack.append(tag)
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.errors.append(f"self-closing tag <{tag}/>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected end tag </{tag}> (open: {self.stack})")
        else:
            self.stack.pop()
            if tag == "blockquote" and self._open_quote:
                expandable, offset = self._open_quote
                length = utf16_len("".join(self.text)) - offset
                kind = "expandable_blockquote" if expandable else "blockquote"
                self.quotes.append({"type": kind, "offset": offset, "length": length})
                self._open_quote = None

    def handle_data(self, data):
        self.text.append(data)


def check_html(text: str) -> tuple[str | None, str]:
    """(what Telegram would refuse in this HTML or None, the text members would see)."""
    for m in re.finditer("<", text):
        if not _TAG_AT.match(text, m.start()):
            return f"can't parse entities: unescaped '<' at {m.start()}", ""
    bad = _BAD_AMP.search(text)
    if bad:
        return f"can't parse entities: unescaped '&' at {bad.start()}", ""
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.errors:
        return "can't parse entities: " + "; ".join(parser.errors), ""
    if parser.stack:
        return f"can't parse entities: unclosed tags {parser.stack}", ""
    return None, "".join(parser.text)


def quote_entities(text: str, parse_mode: str | None) -> list[dict]:
    """The blockquote entities of a message that check_text accepted."""
    if not (parse_mode and parse_mode.upper() == "HTML"):
        return []
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    return parser.quotes


def check_text(text: str | None, parse_mode: str | None) -> str | None:
    if text is None or not str(text).strip():
        return "message text is empty"
    visible = text
    if parse_mode and parse_mode.upper() == "HTML":
        error, visible = check_html(text)
        if error:
            return error
    if utf16_len(visible) > 4096:
        return "message is too long"
    return None


def check_markup(markup) -> str | None:
    if not markup:
        return None
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not (1 <= len(data.encode()) <= 64):
                return "BUTTON_DATA_INVALID"
            if not button.get("text"):
                return "button text is empty"
    return None


@dataclass
class Outage:
    """Calls of `methods` (None: every method but getUpdates) fail while it lasts: `kind` is an HTTP
    status (500, 502, 503, 429) or "drop" (the connection is closed without an answer)."""

    kind: int | str
    methods: frozenset[str] | None = None
    until: float | None = None  # time.monotonic() when it ends
    calls: int | None = None  # or after this many failed calls
    retry_after: int = 1  # for 429
    failed: int = 0

    def applies(self, method: str, now: float) -> bool:
        if self.until is not None and now >= self.until:
            return False
        if self.calls is not None and self.failed >= self.calls:
            return False
        if self.methods is None:
            return method != "getupdates"
        return method in self.methods


@dataclass
class Call:
    method: str
    params: dict
    status: int = 200
    result: object = None
    description: str | None = None
    time: float = field(default_factory=time.monotonic)
    seq: int = 0

    @property
    def ok(self) -> bool:
        return self.status == 200

    def __getitem__(self, key):
        return self.params[key]

    def get(self, key, default=None):
        return self.params.get(key, default)


class FakeTelegram:
    def __init__(self, token: str, bot_id: int = 7_000_001, username: str = "nghiquyet_test_bot"):
        self.token = token
        self.bot_user = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Trợ lý Nghị quyết",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.calls: list[Call] = []
        self._cond = threading.Condition()
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        # update_id -> time.monotonic() when it was queued / first returned by getUpdates
        self.offered: dict[int, float] = {}
        self.delivered: dict[int, float] = {}
        self._message_ids: dict[int, itertools.count] = {}
        self._messages: dict[tuple[int, int], dict] = {}
        self._failures: dict[str, list[tuple[int, str, dict | None]]] = {}
        self._outages: list[Outage] = []
        self._seq = itertools.count()
        self._closed = False
        self._server: ThreadingHTTPServer | None = None
        self.webhook: dict | None = None
        self._files: dict[str, dict] = {}  # file_id -> {"data", "file_path", "file_size", …}
        self._file_ids = itertools.count(1)
        self.forums: set[int] = set()  # supergroups with topics: messages there carry message_thread_id
        self.chat_admins: dict[int, set[int]] = {}  # chat id → user ids getChatMember reports as administrators
        self.blocked: set[int] = set()  # chats whose member blocked the bot: sending there is 403
        self._poll_ids = itertools.count(5_000_000_000)

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # The status line and headers go out in one write, the body in another: with Nagle on, the
            # body waits for the client's delayed ACK of the first, 40 ms on Linux, added to every call.
            disable_nagle_algorithm = True

            def do_POST(self):
                fake._handle(self)

            do_GET = do_POST

            def log_message(self, *args):  # keep test output clean
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="fake-telegram", daemon=True).start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # --- what tests do -------------------------------------------------------------------------

    def new_message_id(self, chat_id: int) -> int:
        with self._cond:
            counter = self._message_ids.setdefault(chat_id, itertools.count(100))
            return next(counter)

    def push_update(self, update: dict) -> dict:
        return self.push_updates([update])[0]

    def push_updates(self, updates: list[dict]) -> list[dict]:
        """Queue updates in one step: a waiting getUpdates returns as many of them as its limit allows."""
        with self._cond:
            now = time.monotonic()
            queued = []
            for update in updates:
                update = {"update_id": next(self._update_ids), **update}
                self.offered[update["update_id"]] = now
                queued.append(update)
            self._updates.extend(queued)
            self._cond.notify_all()
        return queued

    def fail_next(self, method: str, status: int = 429, description: str | None = None, retry_after: int | None = None):
        parameters = {"retry_after": retry_after} if retry_after is not None else None
        if description is None:
            description = f"Too Many Requests: retry after {retry_after}" if status == 429 else "Bad Request"
        with self._cond:
            self._failures.setdefault(method.lower(), []).append((status, description, parameters))

    def add_file(
        self,
        data: bytes,
        name: str,
        mime_type: str = "application/octet-stream",
        size: int | None = None,
        local_dir=None,
    ) -> dict:
        """Register a file as if a user had uploaded it; returns the message's `document` object.
        `size` claims another size (a 30 MB file without allocating 30 MB). With `local_dir`, the
        server behaves as a self-hosted telegram-bot-api in --local mode: the file is written there,
        getFile answers its absolute path and has no size limit."""
        with self._cond:
            n = next(self._file_ids)
            file_id = f"BQACAgIAAxkBAAI{n:06d}"
            suffix = name.rsplit(".", 1)[-1] if "." in name else "bin"
            file_path = f"documents/file_{n}.{suffix}"
            if local_dir is not None:
                local = Path(local_dir) / file_path
                local.parent.mkdir(parents=True, exist_ok=True)
                local.write_bytes(data)
                file_path = str(local.resolve())
            self._files[file_id] = {
                "data": data,
                "file_unique_id": f"AgAD{n:06d}",
                "file_size": len(data) if size is None else size,
                "file_path": file_path,
                "local": local_dir is not None,
            }
        return {
            "file_id": file_id,
            "file_unique_id": f"AgAD{n:06d}",
            "file_name": name,
            "mime_type": mime_type,
            "file_size": len(data) if size is None else size,
        }

    def outage(
        self,
        kind: int | str,
        *,
        seconds: float | None = None,
        calls: int | None = None,
        methods=None,
        retry_after: int = 1,
    ) -> Outage:
        """Start failing calls now: for `seconds`, or for `calls` calls (whichever ends first)."""
        outage = Outage(
            kind,
            frozenset(m.lower() for m in methods) if methods else None,
            time.monotonic() + seconds if seconds is not None else None,
            calls,
            retry_after,
        )
        with self._cond:
            self._outages.append(outage)
        return outage

    def mark(self) -> int:
        with self._cond:
            return len(self.calls)

    def calls_since(self, since: int = 0) -> list[Call]:
        with self._cond:
            return self.calls[since:]

    def calls_of(self, method: str, since: int = 0, where=None) -> list[Call]:
        with self._cond:
            calls = self.calls[since:]
        return [c for c in calls if c.method.lower() == method.lower() and (where is None or where(c))]

    def wait_for(self, method: str, where=None, since: int = 0, timeout: float = 10.0, ok: bool | None = True) -> Call:
        """The first call of `method` after `since` that satisfies `where` (and succeeded, by default)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self.calls[since:]:
                    if call.method.lower() != method.lower():
                        continue
                    if ok is not None and call.ok != ok:
                        continue
                    if where is None or where(call):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    recent = [(c.method, c.status, str(c.params)[:200]) for c in self.calls[since:]]
                    raise AssertionError(f"no {method} call matched within {timeout} s; calls since mark: {recent}")
                self._cond.wait(remaining)

    def wait_count(self, method: str, count: int, since: int = 0, timeout: float = 10.0, where=None) -> list[Call]:
        """The first `count` successful calls of `method` after `since` that satisfy `where`, or all
        there are when `timeout` runs out (the caller compares the length). Each call is looked at
        once, so waiting for thousands of calls costs no more than the calls themselves."""
        deadline = time.monotonic() + timeout
        found: list[Call] = []
        position = since
        with self._cond:
            while True:
                for call in self.calls[position:]:
                    if call.ok and call.method.lower() == method.lower() and (where is None or where(call)):
                        found.append(call)
                        if len(found) == count:
                            return found
                position = len(self.calls)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return found
                self._cond.wait(remaining)

    def wait_quiet(self, seconds: float = 0.3) -> None:
        """Wait until no call has arrived for `seconds` (used before asserting that nothing was sent)."""
        while True:
            before = self.mark()
            time.sleep(seconds)
            if self.mark() == before:
                return

    def errors(self, since: int = 0) -> list[Call]:
        with self._cond:
            return [c for c in self.calls[since:] if not c.ok and c.method.lower() != "getupdates"]

    def message(self, chat_id: int, message_id: int) -> dict | None:
        with self._cond:
            return self._messages.get((chat_id, message_id))

    # --- the server ----------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        path = request.path.split("?", 1)[0]
        if path.startswith("/file/"):
            return self._download(request, path)
        prefix = f"/bot{self.token}/"
        method = path.rsplit("/", 1)[-1]
        if not path.startswith(prefix):
            self._record(Call(method, {}, 401, description="Unauthorized"))
            return self._reply(request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        try:
            params = self._params(request.headers.get("Content-Type", ""), body)
        except ValueError as e:
            return self._reply(request, 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {e}"})
        call = Call(method, params)
        failure = None
        with self._cond:
            now = time.monotonic()
            outage = next((o for o in self._outages if o.applies(method.lower(), now)), None)
            if outage:
                outage.failed += 1
            queue = self._failures.get(method.lower())
            if queue and not outage:
                failure = queue.pop(0)
        if outage and outage.kind == "drop":
            call.status, call.description = 0, "connection dropped"
            self._record(call)
            request.close_connection = True
            with contextlib.suppress(OSError):
                request.connection.shutdown(socket.SHUT_RDWR)
            return None
        if outage:
            status = int(outage.kind)
            description = {
                429: f"Too Many Requests: retry after {outage.retry_after}",
                500: "Internal Server Error",
                502: "Bad Gateway",
                503: "Service Unavailable",
            }.get(status, "Server Error")
            failure = (status, description, {"retry_after": outage.retry_after} if status == 429 else None)
        if failure:
            status, description, parameters = failure
            call.status, call.description = status, description
            self._record(call)
            payload = {"ok": False, "error_code": status, "description": description}
            if parameters:
                payload["parameters"] = parameters
            return self._reply(request, status, payload)
        if method.lower() == "getupdates":
            self._record(call)  # on arrival: tests wait for the bot to start polling
            call.result = self._get_updates(params)
            return self._reply(request, 200, {"ok": True, "result": call.result})
        handler = getattr(self, "_m_" + method.lower(), None)
        if handler is None:
            call.status, call.description = 404, "Not Found: method not found"
            self._record(call)
            return self._reply(request, 404, {"ok": False, "error_code": 404, "description": call.description})
        with self._cond:
            outcome = handler(params)
        if isinstance(outcome, _Forbidden):
            call.status, call.description = 403, outcome.description
            self._record(call)
            return self._reply(request, 403, {"ok": False, "error_code": 403, "description": call.description})
        if isinstance(outcome, _Error):
            call.status, call.description = 400, f"Bad Request: {outcome.description}"
            self._record(call)
            return self._reply(request, 400, {"ok": False, "error_code": 400, "description": call.description})
        call.result = outcome
        self._record(call)
        self._reply(request, 200, {"ok": True, "result": outcome})

    def _download(self, request: BaseHTTPRequestHandler, path: str) -> None:
        """GET /file/bot<token>/<file_path>: the bytes of a file getFile named."""
        path = unquote(path)  # PTB quotes the token's ":" in file URLs
        prefix = f"/file/bot{self.token}/"
        file_path = path[len(prefix) :] if path.startswith(prefix) else None
        with self._cond:
            found = next((f for f in self._files.values() if f["file_path"] == file_path), None)
        call = Call("downloadFile", {"file_path": file_path})
        if found is None:
            call.status, call.description = 404, "Not Found"
            self._record(call)
            return self._reply(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        self._record(call)
        try:
            request.send_response(200)
            request.send_header("Content-Type", "application/octet-stream")
            request.send_header("Content-Length", str(len(found["data"])))
            request.end_headers()
            request.wfile.write(found["data"])
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _record(self, call: Call) -> None:
        with self._cond:
            call.seq = next(self._seq)
            self.calls.append(call)
            self._cond.notify_all()

    @staticmethod
    def _reply(request, status: int, payload: dict) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the bot gave up a long poll while stopping
            pass

    @staticmethod
    def _params(content_type: str, body: bytes) -> dict:
        if not body:
            return {}
        if content_type.startswith("application/json"):
            return json.loads(body)
        if content_type.startswith("application/x-www-form-urlencoded"):
            fields = parse_qs(body.decode(), keep_blank_values=True)
            out = {}
            for name, values in fields.items():
                value = values[-1]
                if name not in STRING_PARAMS:
                    with contextlib.suppress(ValueError):
                        value = json.loads(value)
                out[name] = value
            return out
        raise ValueError(f"unsupported content type {content_type!r}")

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]  # confirmed ones go
            allowed = params.get("allowed_updates")
            while True:
                if allowed:  # Telegram never delivers the kinds of update the bot did not ask for
                    self._updates = [u for u in self._updates if any(kind in u for kind in allowed)]
                remaining = deadline - time.monotonic()
                if self._updates or self._closed or remaining <= 0:
                    break
                self._cond.wait(remaining)
            batch = list(self._updates[:limit])
            now = time.monotonic()
            for update in batch:
                self.delivered.setdefault(update["update_id"], now)
            return batch

    # --- methods (called with the lock held) ---------------------------------------------------

    def _m_getme(self, params):
        return self.bot_user

    def _m_deletewebhook(self, params):
        self.webhook = None
        return True

    def _m_setwebhook(self, params):
        self.webhook = dict(params)
        return True

    def _m_setmycommands(self, params):
        scope = params.get("scope") or {"type": "default"}
        known = {
            "default",
            "all_private_chats",
            "all_group_chats",
            "all_chat_administrators",
            "chat",
            "chat_administrators",
            "chat_member",
        }
        if scope.get("type") not in known or (scope["type"].startswith("chat") and "chat_id" not in scope):
            return _Error("BOT_COMMAND_SCOPE_INVALID")
        for command in params.get("commands", []):
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]) or not (
                1 <= len(command["description"]) <= 256
            ):
                return _Error("BOT_COMMAND_INVALID")
        return True

    def _m_getfile(self, params):
        found = self._files.get(str(params.get("file_id", "")))
        if found is None:
            return _Error("invalid file_id")
        if found["file_size"] > MAX_DOWNLOAD and not found["local"]:
            return _Error("file is too big")
        return {k: found[k] for k in ("file_unique_id", "file_size", "file_path")} | {"file_id": params["file_id"]}

    def _m_sendchataction(self, params):
        return True

    def _m_answercallbackquery(self, params):
        if len(params.get("text") or "") > 200:
            return _Error("MESSAGE_TOO_LONG")
        return True

    def _m_answerinlinequery(self, params):
        results = params.get("results", [])
        if len(results) > 50:
            return _Error("RESULTS_TOO_MUCH")
        ids = [r["id"] for r in results]
        if len(set(ids)) != len(ids) or any(len(i.encode()) > 64 for i in ids):
            return _Error("RESULT_ID_INVALID")
        for r in results:
            content = r.get("input_message_content", {})
            error = check_text(content.get("message_text"), content.get("parse_mode"))
            if error:
                return _Error(error)
        return True

    def _m_sendmessage(self, params):
        error = check_text(params.get("text"), params.get("parse_mode")) or check_markup(params.get("reply_markup"))
        if error:
            return _Error(error)
        return self._new_message(params, text=params["text"])

    def _new_message(self, params, **content):
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            return _Forbidden("Forbidden: bot was blocked by the user")
        counter = self._message_ids.setdefault(chat_id, itertools.count(100))
        message = {
            "message_id": next(counter),
            "date": int(time.time()),
            "chat": _chat(chat_id, chat_id in self.forums),
            "from": self.bot_user,
            **content,
        }
        thread = params.get("message_thread_id")
        if thread is not None:
            if chat_id not in self.forums:
                return _Error("message thread not found")
            message["message_thread_id"] = int(thread)
            message["is_topic_message"] = True
        quotes = quote_entities(content["text"], params.get("parse_mode")) if "text" in content else None
        if quotes:
            message["entities"] = quotes
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        reply = params.get("reply_parameters")
        if reply:
            message["reply_to_message_id"] = reply.get("message_id")
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _m_sendpoll(self, params):
        """Quiz polls as Telegram checks them: question 1–300 characters, 2–10 options of 1–100, one
        correct option for a quiz, explanation ≤ 200 characters with ≤ 2 line feeds, no
        non-anonymous polls in channels."""
        question = params.get("question") or ""
        if not 1 <= utf16_len(question) <= 300:
            return _Error("POLL_QUESTION_INVALID")
        options = [o["text"] if isinstance(o, dict) else str(o) for o in params.get("options") or []]
        if not 2 <= len(options) <= 10:
            return _Error("POLL_OPTIONS_COUNT_INVALID")
        if any(not 1 <= utf16_len(o) <= 100 for o in options) or len(set(options)) != len(options):
            return _Error("POLL_OPTION_INVALID")
        kind = params.get("type") or "regular"
        correct = params.get("correct_option_ids")
        if correct is None and params.get("correct_option_id") is not None:
            correct = [params["correct_option_id"]]
        if kind == "quiz" and (not correct or len(correct) != 1 or not 0 <= int(correct[0]) < len(options)):
            return _Error("QUIZ_CORRECT_ANSWER_INVALID")
        explanation = params.get("explanation")
        if explanation is not None:
            visible = explanation
            if (params.get("explanation_parse_mode") or "").upper() == "HTML":
                error, visible = check_html(explanation)
                if error:
                    return _Error(error)
            if utf16_len(visible) > 200 or visible.count("\n") > 2:
                return _Error("POLL_EXPLANATION_INVALID")
        anonymous = params.get("is_anonymous", True) not in (False, "false")
        error = check_markup(params.get("reply_markup"))
        if error:
            return _Error(error)
        poll = {
            "id": str(next(self._poll_ids)),
            "question": question,
            "options": [{"text": o, "voter_count": 0, "persistent_id": str(i)} for i, o in enumerate(options)],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": anonymous,
            "type": kind,
            "allows_multiple_answers": False,
            "allows_revoting": False,  # quiz answers cannot be changed
            "members_only": False,
        }
        if kind == "quiz":
            poll["correct_option_ids"] = [int(correct[0])]
            if explanation is not None:
                poll["explanation"] = visible
        return self._new_message(params, poll=poll)

    def _m_getchatmember(self, params):
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        status = "administrator" if user_id in self.chat_admins.get(chat_id, set()) else "member"
        member: dict[str, object] = {
            "status": status,
            "user": {"id": user_id, "is_bot": False, "first_name": "Thành viên"},
        }
        if status == "administrator":
            member.update(
                {
                    "can_be_edited": False,
                    "is_anonymous": False,
                    "can_manage_chat": True,
                    "can_delete_messages": True,
                    "can_manage_video_chats": True,
                    "can_restrict_members": True,
                    "can_promote_members": False,
                    "can_change_info": True,
                    "can_invite_users": True,
                    "can_post_stories": False,
                    "can_edit_stories": False,
                    "can_delete_stories": False,
                }
            )
        return member

    def _stored(self, params) -> dict | None:
        """The sent message an edit names by chat and message id."""
        return self._messages.get((int(params.get("chat_id", 0)), int(params.get("message_id", 0))))

    def _m_editmessagetext(self, params):
        error = check_text(params.get("text"), params.get("parse_mode")) or check_markup(params.get("reply_markup"))
        if error:
            return _Error(error)
        message = self._stored(params)
        if message is None:
            return _Error("message to edit not found")
        markup = params.get("reply_markup")
        if message["text"] == params["text"] and message.get("reply_markup") == markup:
            return _Error(
                "message is not modified: specified new message content and reply markup are exactly the same "
                "as a current content and reply markup of the message"
            )
        message["text"] = params["text"]
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message

    def _m_editmessagereplymarkup(self, params):
        error = check_markup(params.get("reply_markup"))
        if error:
            return _Error(error)
        message = self._stored(params)
        if message is None:
            return _Error("message to edit not found")
        message["reply_markup"] = params.get("reply_markup")
        return message


@dataclass
class _Error:
    description: str


@dataclass
class _Forbidden:
    description: str


def _chat(chat_id: int, forum: bool = False) -> dict:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "Đảng viên"}
    chat = {"id": chat_id, "type": "supergroup", "title": "Chi bộ sinh hoạt"}
    if forum:
        chat["is_forum"] = True
    return chat


# --- building updates as Telegram sends them ----------------------------------------------------


def utf16_offset(text: str, index: int) -> int:
    return utf16_len(text[:index])


def entities_for(text: str) -> list[dict]:
    """The entities Telegram attaches: a leading bot command, @mentions."""
    entities = []
    command = re.match(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))})
    for m in re.finditer(r"(?<![\w/])@[A-Za-z0-9_]{5,32}", text):
        entities.append({"type": "mention", "offset": utf16_offset(text, m.start()), "length": utf16_len(m.group(0))})
    return entities

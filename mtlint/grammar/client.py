"""One LanguageTool server, spoken to over its documented HTTP API (`/v2`).

mtlint does not send text through language-tool-python's `LanguageTool.check`:
that opens a new connection per request (`requests.post`), has a fixed
300-second timeout, and corrects UTF-16 offsets through a class attribute that
concurrent requests would overwrite. It is used for what it does well, running
a local server: finding or downloading LanguageTool (honouring `LTP_PATH`,
`LTP_JAR_DIR_PATH` and its other variables) and starting it with Java. Then
mtlint talks to that server like to any other.

Every failure becomes a GrammarError of one line: what went wrong and what to
do about it.
"""

from __future__ import annotations

import ipaddress
import re
import shutil
import sys
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from mtlint import __version__
from mtlint.grammar import GrammarError, UnsupportedLanguage
from mtlint.patterns import lazy

#: requests in flight at once, per server
CONCURRENCY = 4
DOCKER = "docker run -d -p 8010:8010 erikvl87/languagetool"
START_ONE = f"start one (e.g. `{DOCKER}`, then --languagetool-url http://localhost:8010)"
ERRNO = lazy(re.compile, r"\[Errno -?\d+\] [^'\"()\]]+")


class TextTooLong(Exception):
    """The server refused a request as too long (HTTP 413)."""


class Client:
    """A LanguageTool server at `root` (its URL without `/v2`), one pooled
    connection per concurrent request, reused across requests."""

    def __init__(self, root: str, timeout: float, *, where: str = "--languagetool-url or [grammar] server") -> None:
        self.root = root.rstrip("/")
        self.api = f"{self.root}/v2/"
        self.timeout = timeout
        self.where = where
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=CONCURRENCY, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({"User-Agent": f"mtlint/{__version__}", "Accept": "application/json"})
        if _is_loopback(self.root):
            # A proxy from the environment must not intercept a local server.
            self.session.trust_env = False
        self._languages: dict[str, str] | None = None

    def close(self) -> None:
        self.session.close()

    def languages(self) -> dict[str, str]:
        """The server's languages, every code and long code (lower case) to
        the tag to send for it."""
        if self._languages is None:
            data = self._request("GET", "languages")
            if not isinstance(data, list):
                raise self._not_languagetool("languages")
            found: dict[str, str] = {}
            for item in data:
                if isinstance(item, dict):
                    for key in ("code", "longCode"):
                        if isinstance(item.get(key), str):
                            found.setdefault(item[key].lower(), item[key])
            self._languages = found
        return self._languages

    def resolve(self, tag: str, fallback: str, where: str) -> str:
        """The tag to send for `tag` (a variant such as en-US), else for
        `fallback` (its language, en); a GrammarError when the server knows
        neither."""
        languages = self.languages()
        for candidate in (tag, fallback):
            if candidate.lower() in languages:
                return languages[candidate.lower()]
        raise UnsupportedLanguage(
            f"{where}: the LanguageTool server at {self.root} does not support language {fallback!r}: "
            f"give the right one with --lang, or leave these files out of grammar "
            f'(per-file-ignores = {{ "..." = ["G001"] }})'
        )

    def supports(self, tag: str) -> bool:
        return tag.lower() in self.languages()

    def check(self, form: dict[str, str]) -> dict[str, Any]:
        """The answer to one `/v2/check` request (a form-encoded POST): a
        JSON object whose `matches` is a list."""
        data = self._request("POST", "check", form)
        if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
            raise self._not_languagetool("check")
        return data

    def _request(self, method: str, endpoint: str, form: dict[str, str] | None = None) -> Any:
        url = self.api + endpoint
        try:
            response = self.session.request(method, url, data=form, timeout=(min(self.timeout, 10.0), self.timeout))
        except requests.Timeout:
            raise GrammarError(
                f"the LanguageTool server at {self.root} did not answer within {self.timeout:g} s: "
                f"check that it is running and not overloaded, or raise [grammar] timeout"
            ) from None
        except requests.ConnectionError as error:
            raise GrammarError(
                f"cannot reach the LanguageTool server at {self.root} ({_reason(error)}): "
                f"{START_ONE}, or correct {self.where}"
            ) from None
        except requests.RequestException as error:
            raise GrammarError(f"request to the LanguageTool server at {self.root} failed: {_reason(error)}") from None
        if response.status_code == 413:
            raise TextTooLong(_body(response))
        if response.status_code in (426, 429):
            raise GrammarError(
                f"the LanguageTool server at {self.root} refuses more requests for now "
                f"(HTTP {response.status_code}, rate limit): run your own server ({DOCKER}) or try later"
            )
        if response.status_code >= 400:
            raise GrammarError(
                f"the LanguageTool server at {self.root} answered HTTP {response.status_code} to /v2/{endpoint}"
                f" ({_body(response) or response.reason}): check the server's log and its version (LanguageTool ≥ 4)"
            )
        try:
            return response.json()
        except ValueError:
            raise self._not_languagetool(endpoint) from None

    def _not_languagetool(self, endpoint: str) -> GrammarError:
        return GrammarError(
            f"{self.root}/v2/{endpoint} did not answer in LanguageTool's JSON: is {self.root} a LanguageTool "
            f"server? Give its root URL, such as http://localhost:8081"
        )


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reason(error: Exception) -> str:
    """The useful part of a requests error, on one line."""
    text = str(error)
    found = ERRNO.search(text)
    if found:
        return found.group().strip()
    if "Name or service not known" in text or "getaddrinfo failed" in text or "nodename nor servname" in text:
        return "unknown host"
    return " ".join(text.split())[:160] or type(error).__name__


def _body(response: requests.Response) -> str:
    return " ".join(response.text.split())[:160]


def start_local_server(timeout: float) -> tuple[Client, Any]:
    """A local server started by language-tool-python, and the handle that
    stops it. It uses a LanguageTool already on the machine or downloads one,
    as language-tool-python documents (LTP_PATH, LTP_JAR_DIR_PATH)."""
    if shutil.which("java") is None:
        raise GrammarError(
            "Java is not installed, and a local LanguageTool server needs it: install Java 17 or later, "
            f"or use a running server with --languagetool-url URL (e.g. `{DOCKER}`, then http://localhost:8010)"
        )
    try:
        import language_tool_python
        from language_tool_python import exceptions
    except ImportError:
        raise GrammarError(
            "language-tool-python is not installed, and a local LanguageTool server needs it: "
            "pip install language-tool-python, or use --languagetool-url URL"
        ) from None
    if sys.stderr.isatty():
        print("mtlint: starting a local LanguageTool server (language-tool-python)...", file=sys.stderr)
    fix = "or use a running server with --languagetool-url URL"
    try:
        tool = language_tool_python.LanguageTool("en-US")
    except (ModuleNotFoundError, exceptions.JavaError) as error:
        raise GrammarError(f"Java cannot be used ({_line(error)}): install Java 17 or later, {fix}") from None
    except SystemError as error:
        raise GrammarError(f"{_line(error)}: install Java 17 or later, {fix}") from None
    except (exceptions.PathError, FileNotFoundError, TimeoutError, requests.RequestException) as error:
        raise GrammarError(
            f"cannot find or download LanguageTool ({_line(error)}): unpack LanguageTool into the directory "
            f"LTP_PATH names (default ~/.cache/language_tool_python), {fix}"
        ) from None
    except exceptions.ServerError as error:
        raise GrammarError(f"the local LanguageTool server did not start ({_line(error)}): {fix}") from None
    except Exception as error:  # language-tool-python raises many kinds
        raise GrammarError(
            f"cannot start a local LanguageTool server ({type(error).__name__}: {_line(error)}): {fix}"
        ) from None
    root = tool.url.rstrip("/").removesuffix("/v2")
    return Client(root, timeout, where="the local server"), tool


def _line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]

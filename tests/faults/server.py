"""A real HTTP server for the app in a thread, and a small cookie-keeping client for it."""

from __future__ import annotations

import http.client
import re
import threading
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask
from werkzeug.serving import make_server


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve ``app`` with werkzeug's threaded server on a free port; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        return urllib.parse.urlsplit(self.headers.get("location", "")).path


@dataclass
class Browser:
    """One visitor: keeps its cookies, speaks one language, one connection per request."""

    base: str
    language: str = "en"
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str | list[str]]) -> Reply:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def upload(self, path: str, fields: dict[str, str], name: str, data: bytes) -> Reply:
        """POST ``fields`` and one file as multipart/form-data, as a browser's form does."""
        boundary = uuid.uuid4().hex
        head = f"--{boundary}\r\nContent-Disposition: form-data; name="
        parts = [f'{head}"{key}"\r\n\r\n{value}\r\n'.encode() for key, value in fields.items()]
        parts.append(
            f'{head}"file"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        content_type = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, b"".join(parts), {"Content-Type": content_type})

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Reply:
        url = urllib.parse.urlsplit(self.base)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        headers = {"Accept-Language": self.language, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, text)
        finally:
            connection.close()

    def csrf(self, path: str) -> str:
        """Open ``path`` and return its form's CSRF token (bound to this visitor's session)."""
        page = self.get(path)
        assert page.status == 200, page.body[:500]
        return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.body)[1]

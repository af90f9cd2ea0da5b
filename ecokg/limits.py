"""Limits of ``ecokg serve`` against clients that ask too much or too slowly.

- ``QueryGate``: at most ``running`` queries at a time; up to ``waiting`` more wait (each at
  most ``wait`` seconds) for a slot; beyond that a request is refused at once (``Busy`` → 503).
- ``RequestDeadline``: a request (line, headers, body) must arrive within ``seconds`` in total,
  however slowly its bytes trickle in; then the server answers 408 and closes the connection.
- ``ConnectionCap``: a server mixin that refuses connections beyond ``max_connections`` with a
  503 written straight to the socket, without a thread for them.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any


class Busy(Exception):
    """No query slot: the message is the 503 answer, ``retry_after`` its Retry-After seconds."""

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QueryGate:
    """A bounded number of running queries and a bounded queue before them."""

    def __init__(self, running: int, waiting: int, wait: float) -> None:
        self.running = max(1, running)
        self.waiting = max(0, waiting)
        self.wait = wait
        self._slots = threading.BoundedSemaphore(self.running)
        self._lock = threading.Lock()
        self._queued = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one query slot for the ``with`` block; ``Busy`` when none can be had."""
        if not self._slots.acquire(blocking=False):
            with self._lock:
                if self._queued >= self.waiting:
                    raise Busy(f"the server is busy: {self.running} queries running and {self.waiting} "
                               "waiting (the limit); try again in a few seconds")
                self._queued += 1
            try:
                got = self._slots.acquire(timeout=self.wait)
            finally:
                with self._lock:
                    self._queued -= 1
            if not got:
                raise Busy(f"the server is busy: no query slot within {self.wait:g} s; try again later")
        try:
            yield
        finally:
            self._slots.release()


class RequestDeadline:
    """Closes ``sock`` with a 408 answer unless ``done()`` is called within ``seconds``."""

    ANSWER = b"request not received in time: send the request line, headers and body within %d s\n"

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self.expired = False
        self._sock = sock
        self._seconds = seconds
        self._lock = threading.Lock()
        self._reading = True
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def done(self) -> bool:
        """The request has been read: stop the clock. False when it had run out already."""
        self._timer.cancel()
        with self._lock:
            self._reading = False
            return not self.expired

    def _expire(self) -> None:
        with self._lock:
            if not self._reading:
                return
            self.expired = True
        body = self.ANSWER % round(self._seconds)
        head = (f"HTTP/1.0 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode("ascii")
        with suppress(OSError):
            self._sock.settimeout(1)
            self._sock.sendall(head + body)
        with suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)  # the handler's blocked read returns now


class ConnectionCap:
    """Mixin for a threading ``socketserver``: at most ``max_connections`` open at a time."""

    max_connections = 256

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._open = 0
        self._cap_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._cap_lock:
            refuse = self._open >= self.max_connections
            if not refuse:
                self._open += 1
        if refuse:
            body = (f"the server is busy: {self.max_connections} connections are open (the limit); "
                    "try again in a few seconds\n").encode()
            head = (f"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    f"Retry-After: 5\r\nContent-Length: {len(body)}\r\n"
                    "Connection: close\r\n\r\n").encode("ascii")
            with suppress(OSError):
                request.settimeout(1)
                request.sendall(head + body)
            self.shutdown_request(request)  # type: ignore[attr-defined]
            return
        super().process_request(request, client_address)  # type: ignore[misc]

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)  # type: ignore[misc]
        finally:
            with self._cap_lock:
                self._open -= 1


__all__ = ["Busy", "ConnectionCap", "QueryGate", "RequestDeadline"]

"""The buffering front of `openfisca-residence serve`: what the clients reach (asyncio, aiohttp).

A sync worker that read a request itself would be held by a client sending its body slowly: three
such clients took every worker, for 1,200 s. Here a slow client holds only a connection of this
one asyncio process:

1. the front reads each request whole: a body larger than `max_body` is answered 413, and one
   not received within `read_timeout` seconds 408, before any worker sees it;
2. a complete request waits for a free worker, first come first served; when `queue` requests
   already wait, or the wait passes the time budget, it is answered 503 at once (`Retry-After`);
3. it is sent to a worker (`web.workers`) over their Unix socket, with the client's method, path,
   query and headers; the worker's answer is read whole, then sent to the client: a client
   reading slowly holds no worker either;
4. a worker killed mid-request (gunicorn's timeout) is answered 503.

Every answer of the front itself is JSON, `{"error": ...}`, naming the limit and its option, in
French, or in English for a request asking for it (`?lang=en`), as the workers' answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import time

from aiohttp import ClientError, ClientSession, ClientTimeout, UnixConnector, web

from openfisca_residence.i18n import _, in_language
from openfisca_residence.web.limits import Limits, body_too_large, option

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}
BACKSTOP = 10  # seconds a worker's answer may take past the time budget (web.workers.BACKSTOP)


def error(status: int, message: str, **headers) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers)


class Front:
    """Requests read whole, then sent one at a time to each of `workers` workers."""

    def __init__(self, socket: str, workers: int, limits: Limits) -> None:
        self.socket = socket
        self.limits = limits
        self.free = asyncio.Semaphore(workers)
        self.waiting = 0
        self.session: ClientSession | None = None

    async def start(self, _app=None) -> None:
        self.session = ClientSession(
            connector=UnixConnector(path=self.socket, limit=0, force_close=True),
            timeout=ClientTimeout(total=self.limits.time_budget + BACKSTOP),
            auto_decompress=False,
        )

    async def stop(self, _app=None) -> None:
        if self.session is not None:
            await self.session.close()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        with in_language(request.query.get("lang")):
            return await self.handled(request)

    async def handled(self, request: web.Request) -> web.StreamResponse:
        limits = self.limits
        if (request.content_length or 0) > limits.max_body:
            return self.too_large()
        try:
            body = await asyncio.wait_for(request.read(), limits.read_timeout)
        except TimeoutError:
            return error(
                408,
                _(
                    "The request's body was not received within {seconds} s (--{option} of "
                    "this server)."
                ).format(seconds=f"{limits.read_timeout:g}", option=option("read_timeout")),
                Connection="close",
            )
        except web.HTTPRequestEntityTooLarge:
            return self.too_large()
        if self.waiting >= limits.queue:
            return self.busy(
                _("{count} requests already wait (--{option})").format(
                    count=limits.queue, option=option("queue")
                )
            )
        self.waiting += 1
        started = time.monotonic()
        try:
            await asyncio.wait_for(self.free.acquire(), limits.time_budget)
        except TimeoutError:
            return self.busy(
                _("no worker was free for {seconds} s").format(
                    seconds=f"{time.monotonic() - started:.0f}"
                )
            )
        finally:
            self.waiting -= 1
        try:
            return await self.forward(request, body)
        finally:
            self.free.release()

    async def forward(self, request: web.Request, body: bytes) -> web.Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            async with self.session.request(
                request.method,
                f"http://workers{request.rel_url}",
                headers=headers,
                data=body if body else None,
                allow_redirects=False,
            ) as answer:
                content = await answer.read()
                kept = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_BY_HOP}
                return web.Response(status=answer.status, body=content, headers=kept)
        except (ClientError, TimeoutError):
            return error(
                503,
                _(
                    "The computation was stopped: it took longer than this server's time budget "
                    "({seconds} s, --{option}), or its worker stopped. Ask for fewer persons, "
                    "months or variables."
                ).format(seconds=f"{self.limits.time_budget:g}", option=option("time_budget")),
            )

    def too_large(self) -> web.Response:
        return error(
            413,
            body_too_large(self.limits),
            Connection="close",
        )

    def busy(self, why: str) -> web.Response:
        message = _("The server is busy: {why}; retry in a moment.").format(why=why)
        return error(503, message, **{"Retry-After": "1"})


async def wait_for_workers(socket: str, workers_process, deadline: float = 300) -> None:
    """Return once the workers' socket accepts a connection; raise if their process ends first."""
    started = time.monotonic()
    while True:
        if workers_process.poll() is not None:
            raise RuntimeError(f"the workers stopped (exit code {workers_process.returncode})")
        try:
            _reader, writer = await asyncio.open_unix_connection(socket)
            writer.close()
            return
        except OSError:
            if time.monotonic() - started > deadline:
                raise RuntimeError(f"the workers did not start within {deadline} s") from None
            await asyncio.sleep(0.2)


async def serve(host: str, port: int, socket: str, workers: int, limits, workers_process) -> int:
    """Serve on host:port until SIGTERM or SIGINT (0), or until the workers stop (1)."""
    await wait_for_workers(socket, workers_process)
    front = Front(socket, workers, limits)
    app = web.Application(client_max_size=limits.max_body)
    app.on_startup.append(front.start)
    app.on_cleanup.append(front.stop)
    app.router.add_route("*", "/{path:.*}", front.handle)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    print(f"openfisca-residence: serving on http://{host}:{port}", file=sys.stderr, flush=True)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stopped.set)
    try:
        while not stopped.is_set():
            if workers_process.poll() is not None:
                print(
                    f"openfisca-residence: the workers stopped (exit code "
                    f"{workers_process.returncode})",
                    file=sys.stderr,
                )
                return 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopped.wait(), 0.5)
        return 0
    finally:
        await runner.cleanup()

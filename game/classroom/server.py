"""The vote server's web app (Starlette): the pupil page and the JSON API of docs/classroom.

    POST /api/join  {"code": "..."}            200 + device cookie | 403 wrong code
    GET  /api/state                            200 {"round", "open", "scene", "prompt",
                                                    "choices": [{"letter", "text"}], "voted"}
    POST /api/vote  {"round": n, "letter": "B"}  204 | 403 no valid token | 409 closed/stale

Every refusal is a small JSON body `{"error": "..."}` with its status: 400 malformed body,
413 body over 1 KB, 415 not JSON, 429 over a rate (with Retry-After), 503 room full.
Every response carries a strict Content-Security-Policy; the page holds no inline script.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from game.classroom.room import Room, address_key

MAX_BODY = 1024
COOKIE = "confide_device"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}
STATIC = {"/": ("index.html", "text/html; charset=utf-8"),
          "/app.js": ("app.js", "text/javascript; charset=utf-8"),
          "/style.css": ("style.css", "text/css; charset=utf-8")}
Clock = Callable[[], float]


class Refused(Exception):
    """A request the server turns down: the status and a short reason for the page."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def build_app(room: Room, clock: Clock = time.monotonic) -> Starlette:
    """The ASGI app for one room. `clock` is injectable so rate tests need no sleeping."""
    pages = {path: (resources.files("game.classroom").joinpath("static", name).read_bytes(),
                    kind) for path, (name, kind) in STATIC.items()}
    api = Api(room, clock)

    async def page(request: Request) -> Response:
        if not room.allow_address(_host(request), clock()):
            return _refusal(Refused(429, "too many requests: wait a moment"))
        body, kind = pages[request.url.path]
        return _secure(Response(body, media_type=kind))

    routes = [Route(path, page, methods=["GET"]) for path in pages]
    routes += [Route("/api/join", api.join, methods=["POST"]),
               Route("/api/state", api.state, methods=["GET"]),
               Route("/api/vote", api.vote, methods=["POST"])]
    app = Starlette(routes=routes)
    app.add_exception_handler(404, _not_found)
    app.add_exception_handler(405, _not_allowed)
    return app


class Api:
    def __init__(self, room: Room, clock: Clock) -> None:
        self.room = room
        self.clock = clock

    async def join(self, request: Request) -> Response:
        try:
            now = self.clock()
            if not self.room.allow_address(_host(request), now):
                raise Refused(429, "too many requests: wait a moment")
            body = await _json_body(request)
            code = body.get("code")
            if not isinstance(code, str):
                raise Refused(400, "send the room code as {\"code\": \"...\"}")
            joined = self.room.join(code, _address(request), request.cookies.get(COOKIE), now)
        except Refused as exc:
            return _refusal(exc)
        if joined.status != "ok":
            return _refusal(Refused(*JOIN_REFUSALS[joined.status]))
        response = _secure(JSONResponse({"joined": True}))
        # HttpOnly: the page's script never sees the token; Strict: no other site sends it.
        response.set_cookie(COOKIE, joined.token, httponly=True, samesite="strict", path="/")
        return response

    async def state(self, request: Request) -> Response:
        try:
            token = self._device(request)
        except Refused as exc:
            return _refusal(exc)
        return _secure(JSONResponse(self.room.state(token)))

    async def vote(self, request: Request) -> Response:
        try:
            token = self._device(request)
            body = await _json_body(request)
            number, letter = body.get("round"), body.get("letter")
            if isinstance(number, bool) or not isinstance(number, int) \
                    or not isinstance(letter, str):
                raise Refused(400, "send {\"round\": n, \"letter\": \"A\"}")
            result = self.room.vote(token, number, letter)
            if result != "ok":
                raise Refused(*VOTE_REFUSALS[result])
        except Refused as exc:
            return _refusal(exc)
        return _secure(Response(status_code=204))

    def _device(self, request: Request) -> str:
        """The request's device token, checked and counted against the device's rate."""
        token = request.cookies.get(COOKIE)
        if token is None or not self.room.known(token):
            if not self.room.allow_address(_host(request), self.clock()):
                raise Refused(429, "too many requests: wait a moment")
            raise Refused(403, "join the room first")
        if not self.room.allow_device(token, self.clock()):
            raise Refused(429, "too many requests: wait a moment")
        return token


JOIN_REFUSALS = {"wrong": (403, "that is not the room code"),
                 "limited": (429, "too many wrong codes: wait a minute, then try again"),
                 "full": (503, "the room is full")}
VOTE_REFUSALS = {"closed": (409, "the vote is closed"),
                 "stale": (409, "that vote is over: a new one is open"),
                 "unknown": (400, "that letter is not one of the choices")}


async def _json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object, read no further than MAX_BODY bytes."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Refused(415, "send JSON")  # also keeps plain HTML forms on other sites out
    origin = request.headers.get("origin")
    if origin is not None and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise Refused(403, "requests from other sites are refused")
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise Refused(413, "request too large")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            raise Refused(413, "request too large")
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Refused(400, "the body is not JSON") from exc
    if not isinstance(body, dict):
        raise Refused(400, "the body must be a JSON object")
    return body


def _address(request: Request) -> str:
    """Who is guessing, for the wrong-code limit: an IPv6 client can change its address
    within its /64 at will, so guesses count per prefix (room.address_key)."""
    return address_key(_host(request))


def _host(request: Request) -> str:
    """Who is asking, for the request rate without a token (the page, its files, a join).
    The exact address: on an IPv6 classroom network every phone shares one /64, and counting
    them as one would refuse the class its page (the code guessing limit keeps the /64)."""
    return request.client.host if request.client else "unknown"


def _secure(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response


def _refusal(exc: Refused) -> Response:
    response = _secure(JSONResponse({"error": exc.reason}, status_code=exc.status))
    if exc.status == 429:
        response.headers["Retry-After"] = "5"
    return response


async def _not_found(request: Request, exc: Exception) -> Response:
    return _refusal(Refused(404, "not found"))


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return _refusal(Refused(405, "method not allowed"))

"""One JSON error shape for every API error, pinned by tests/test_error_shape.py:

    {"error": {"status": 400, "code": "bad_request", "message": "one line"}}

`detail` (a list of {"where", "message"}) is added for request validation
errors. Pages get the same message in an HTML page instead.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from skyledger.errors import SkyledgerError, UsageError
from skyledger.store.errors import StoreError

log = logging.getLogger("skyledger.web")

CODES: dict[int, str] = {
    400: "bad_request",
    401: "login_required",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ErrorDetail(BaseModel):
    where: str
    message: str


class ErrorInfo(BaseModel):
    status: int
    code: str
    message: str
    detail: list[ErrorDetail] | None = None


class ErrorBody(BaseModel):
    """The one error shape (documented in the OpenAPI description)."""

    error: ErrorInfo


# For routers: every error a route may answer, in the one shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": CODES[status]}
    for status in (400, 401, 403, 404, 413, 422, 429, 503)
}


class WebError(HTTPException):
    """An HTTP error with a one-line message and an optional code of its own."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code or CODES.get(status, "error")


def error_body(status: int, message: str, code: str | None = None,
               detail: list[dict[str, str]] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {
        "status": status,
        "code": code or CODES.get(status, "error"),
        "message": message,
    }
    if detail:
        error["detail"] = detail
    return {"error": error}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, code: str | None = None,
                   detail: list[dict[str, str]] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        render = request.app.state.render_error
        response: Response = render(request, status, message)
    else:
        response = JSONResponse(error_body(status, message, code, detail), status_code=status)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "body", "header", "cookie"):
        return f"{parts[0]} " + ".".join(parts[1:]) if len(parts) > 1 else parts[0]
    return ".".join(parts)


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, str]]]:
    detail = [
        {"where": _where(e.get("loc", ())), "message": str(e.get("msg", "invalid"))}
        for e in exc.errors()
    ]
    if not detail:
        return "the request is not valid", []
    first = detail[0]
    more = f" (and {len(detail) - 1} more)" if len(detail) > 1 else ""
    return f"{first['where']}: {first['message']}{more}", detail


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = getattr(exc, "code", None)
    message = str(exc.detail) if exc.detail else CODES.get(exc.status_code, "error")
    headers = dict(exc.headers) if exc.headers else None
    return error_response(request, exc.status_code, message, code, headers=headers)


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    message, detail = _validation_message(exc)
    return error_response(request, 422, message, detail=detail)


async def _on_skyledger(request: Request, exc: Exception) -> Response:
    message = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, StoreError):
        log.error("store error: %s", message)
        return error_response(request, 503, message)
    code = "bad_parameter" if isinstance(exc, UsageError) else None
    return error_response(request, 400, message, code)


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_response(request, 500, "internal error; the server log has the details")


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(SkyledgerError, _on_skyledger)
    app.add_exception_handler(Exception, _on_unexpected)

"""The JSON API under /api/. Every route calls one `Ledger` method or two.

Routes are plain functions (FastAPI runs them in its thread pool); the one
writer lock on `app.state` keeps writes to a single thread at a time.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from skyledger.errors import UsageError
from skyledger.ledger_models import WEAPON_CLASSES, AttackFilter, is_attack_field
from skyledger.web import views
from skyledger.web.error_shape import ERROR_RESPONSES, WebError
from skyledger.web.security import require_csrf, require_editor, session_of

router = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)

CLASS_HELP = "weapon class: " + ", ".join(WEAPON_CLASSES)
MAX_LIMIT = 500


def json_response(obj: Any, status: int = 200) -> Response:
    return Response(views.dumps(obj), status_code=status, media_type="application/json")


def _day(name: str, value: str | None) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{name} {value[:40]!r} is not a date; expected YYYY-MM-DD, e.g. 2024-03-21"
        ) from None


def attack_filter(
    since: Annotated[str | None, Query(max_length=40, description="first day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=40, description="last day, YYYY-MM-DD")] = None,
    attacker: Annotated[str | None, Query(description="ISO 3166-1 alpha-2, e.g. RU")] = None,
    region: Annotated[str | None, Query(description="ISO 3166-2, e.g. UA-30")] = None,
    cls: Annotated[str | None, Query(alias="class", description=CLASS_HELP)] = None,
) -> AttackFilter:
    """The filters shared by the list, statistics, map and exports."""
    return AttackFilter(
        since=_day("since", since),
        until=_day("until", until),
        attacker=(attacker or "").strip().upper() or None,
        region=(region or "").strip().upper() or None,
        cls=(cls or "").strip() or None,
    ).validate()


Filter = Annotated[AttackFilter, Depends(attack_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Cursor = Annotated[str | None, Query(max_length=200, description="'next' of the previous page")]


def _ledger(request: Request) -> Any:
    return request.app.state.ledger


@router.get("/attacks", summary="Attacks, newest first, filtered and paged")
def list_attacks(request: Request, f: Filter, limit: Limit = 50, cursor: Cursor = None) -> Response:
    page = _ledger(request).attacks(f, limit=limit, cursor=cursor or None)
    return json_response({"items": page.items, "next": page.next})


def _history(request: Request, attack_id: int, fields: list[str]) -> dict[str, list[Any]]:
    ledger = _ledger(request)
    return {name: ledger.field_history(attack_id, name) for name in fields}


@router.get("/attacks/{attack_id}", summary="One attack: every field, its claims and history")
def get_attack(request: Request, attack_id: int) -> Response:
    detail = _ledger(request).attack(attack_id)
    if detail is None:
        raise WebError(404, f"no attack {attack_id}")
    history = _history(request, attack_id, list(detail.fields))
    return json_response(views.attack_json(detail, history))


@router.get("/sources", summary="Sources and their standing")
def list_sources(request: Request) -> Response:
    return json_response({"items": _ledger(request).sources()})


@router.get("/documents", summary="Stored documents, newest first")
def list_documents(request: Request, limit: Limit = 50, cursor: Cursor = None) -> Response:
    page = _ledger(request).documents(limit=limit, cursor=cursor or None)
    return json_response({"items": page.items, "next": page.next})


@router.get("/documents/{document_id}", summary="One document: text and figures with offsets")
def get_document(request: Request, document_id: int) -> Response:
    detail = _ledger(request).document(document_id)
    if detail is None:
        raise WebError(404, f"no document {document_id}")
    return json_response(detail)


@router.get("/stats", summary="Launched, destroyed and interception rate by month and class")
def get_stats(request: Request, f: Filter) -> Response:
    rows = _ledger(request).stats(f)
    return json_response({"items": rows, "by_class": views.class_rates(rows)})


@router.get("/regions", summary="Attacks, killed and injured per region (the map)")
def get_regions(request: Request, f: Filter) -> Response:
    cap = request.app.state.config.map_max_attacks
    totals, capped = _ledger(request).region_totals(f, cap)
    return json_response({"items": totals, "capped": capped})


def _export(request: Request, fmt: str, f: AttackFilter, media: str) -> Response:
    out = io.StringIO()
    _ledger(request).export(fmt, out, f)
    name = f"skyledger-attacks.{fmt}"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(out.getvalue(), media_type=media, headers=headers)


@router.get("/export.csv", summary="The filtered attacks as CSV")
def export_csv(request: Request, f: Filter) -> Response:
    return _export(request, "csv", f, "text/csv; charset=utf-8")


@router.get("/export.jsonl", summary="The filtered attacks as JSON Lines")
def export_jsonl(request: Request, f: Filter) -> Response:
    return _export(request, "jsonl", f, "application/x-ndjson; charset=utf-8")


@router.get("/session", summary="Who is logged in, and the CSRF token for writes")
def get_session(request: Request) -> Response:
    session = session_of(request)
    token = request.app.state.signer.csrf_token(session)
    return json_response({"user": session.user, "csrf_token": token})


class Suggestion(BaseModel):
    attack_id: int = Field(ge=1)
    field: str = Field(min_length=1, max_length=80, description="e.g. launched")
    proposed: str = Field(min_length=1, max_length=200)
    comment: str = Field(default="", max_length=2000)
    quote: str = Field(default="", max_length=2000, description="the text the reader selected")
    document_id: int | None = Field(default=None, ge=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)


def _check_suggestion(request: Request, s: Suggestion) -> None:
    if not is_attack_field(s.field):
        raise WebError(422, f"field {s.field!r} is not an attack field; e.g. launched, "
                       "destroyed, killed or weapons.attack_drone.destroyed")
    if _ledger(request).attack(s.attack_id) is None:
        raise WebError(404, f"no attack {s.attack_id}")
    if (s.start is None) != (s.end is None) or (s.start is not None and s.end is not None
                                                 and s.end < s.start):
        raise WebError(422, "start and end go together, with start <= end")


@router.post("/corrections", status_code=201, summary="Suggest a correction (anonymous)")
def suggest(request: Request, s: Suggestion) -> Response:
    session = require_csrf(request)
    _check_suggestion(request, s)
    client = request.client.host if request.client else "unknown"
    if session.user is None:
        request.app.state.limiter.hit(client)
    with request.app.state.write_lock:
        cid = _ledger(request).suggest_correction(
            attack_id=s.attack_id, field=s.field, proposed=s.proposed.strip(),
            comment=s.comment.strip(), quote=s.quote, document_id=s.document_id,
            # Readers stay anonymous: their address is used for the rate limit
            # in memory only, never stored with the suggestion.
            start=s.start, end=s.end, submitter=session.user or "anonymous",
        )
    return json_response({"id": cid, "status": "pending"}, status=201)


@router.get("/corrections", summary="The review queue (editors)")
def list_corrections(
    request: Request,
    status: Annotated[str, Query(pattern="^(pending|accepted|rejected)$")] = "pending",
) -> Response:
    require_editor(request)
    return json_response({"items": _ledger(request).corrections(status)})


class Review(BaseModel):
    accept: bool
    reason: str = Field(default="", max_length=2000)


def review(request: Request, correction_id: int, accept: bool, reason: str) -> None:
    """Accept or reject one correction as the logged-in editor (API and pages)."""
    editor = require_editor(request)
    pending = {c.id for c in _ledger(request).corrections("pending")}
    if correction_id not in pending:
        raise WebError(404, f"no pending correction {correction_id}")
    with request.app.state.write_lock:
        _ledger(request).review_correction(
            correction_id, editor=editor, accept=accept, reason=reason.strip()
        )


@router.post("/corrections/{correction_id}/review", summary="Accept or reject (editors)")
def review_api(request: Request, correction_id: int, body: Review) -> Response:
    require_csrf(request)
    review(request, correction_id, body.accept, body.reason)
    return json_response({"id": correction_id, "status": "accepted" if body.accept else "rejected"})

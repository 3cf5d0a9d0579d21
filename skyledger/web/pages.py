"""Server-rendered pages: overview, attacks, one attack, documents, sources,
the map, and the editors' login and review queue.

Templates are Jinja2 with autoescape on; document text reaches them only as
plain-text segments (skyledger.web.highlight).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from skyledger.ledger_models import WEAPON_CLASSES
from skyledger.web import views
from skyledger.web.api import Cursor, Filter, review
from skyledger.web.error_shape import WebError
from skyledger.web.highlight import Segment, Span, excerpts, segments
from skyledger.web.security import replace_session, require_csrf, require_editor, session_of

router = APIRouter(include_in_schema=False)
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as
# long as a wrong password and does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("not a password")


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = session_of(request)
    context.update(
        request=request,
        user=session.user,
        csrf_token=request.app.state.signer.csrf_token(session),
        classes=WEAPON_CLASSES,
    )
    html = request.app.state.templates.get_template(name).render(context)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _ledger(request: Request) -> Any:
    return request.app.state.ledger


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, f: Filter) -> HTMLResponse:
    ledger = _ledger(request)
    rows = ledger.stats(f)
    latest = ledger.attacks(f, limit=10).items
    return render(
        request, "overview.html", f=f, params=views.filter_params(f),
        chart=views.chart_data(rows), rates=views.class_rates(rows), latest=latest,
    )


@router.get("/attacks", response_class=HTMLResponse)
def attacks_page(request: Request, f: Filter, cursor: Cursor = None) -> HTMLResponse:
    size = request.app.state.config.page_size
    page = _ledger(request).attacks(f, limit=size, cursor=cursor or None)
    params = views.filter_params(f)
    next_url = f"/attacks?{urlencode({**params, 'cursor': page.next})}" if page.next else None
    return render(request, "attacks.html", f=f, params=params, page=page, next_url=next_url)


def _evidence_views(ledger: Any, detail: Any) -> dict[tuple[int, str], list[list[Segment]]]:
    """For each (claim, field): its evidence sentences from the stored text, spans marked."""
    texts: dict[int, str] = {}
    out: dict[tuple[int, str], list[list[Segment]]] = {}
    for name, value in detail.fields.items():
        for claim in value.supporting + value.conflicting:
            if claim.document_id not in texts:
                doc = ledger.document(claim.document_id)
                texts[claim.document_id] = doc.text if doc else ""
            out[(claim.claim_id, name)] = _excerpts(texts[claim.document_id], claim, detail, name)
    return out


def _excerpts(text: str, claim: Any, detail: Any, name: str) -> list[list[Segment]]:
    """The claim's evidence for this one field (a claim carries its whole event's)."""
    own = [ev for ev in claim.evidence if ev.field == name]
    usable = [(Span(ev.start, ev.end, ev.field, detail.summary.id), ev.sentence)
              for ev in own if text and 0 <= ev.start < ev.end <= len(text)]
    found = excerpts(text, usable)
    if not usable:
        found += [[Segment(ev.sentence, -1)] for ev in own if ev.sentence]
    return found


def _worth_showing(value: Any, history: list[Any]) -> bool:
    return bool(value.value is not None or value.supporting or value.conflicting or history)


@router.get("/attacks/{attack_id}", response_class=HTMLResponse)
def attack_page(request: Request, attack_id: int) -> HTMLResponse:
    ledger = _ledger(request)
    detail = ledger.attack(attack_id)
    if detail is None:
        raise WebError(404, f"no attack {attack_id}")
    history = {name: ledger.field_history(attack_id, name) for name in detail.fields}
    # Fields nobody reported and nobody corrected would only add empty rows.
    order = [n for n in views.field_order(detail) if _worth_showing(detail.fields[n], history[n])]
    return render(
        request, "attack.html", a=detail.summary, detail=detail, order=order,
        history=history, evidence=_evidence_views(ledger, detail), display=views.display,
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, cursor: Cursor = None) -> HTMLResponse:
    size = request.app.state.config.page_size
    page = _ledger(request).documents(limit=size, cursor=cursor or None)
    next_url = f"/documents?{urlencode({'cursor': page.next})}" if page.next else None
    return render(request, "documents.html", page=page, next_url=next_url)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int) -> HTMLResponse:
    detail = _ledger(request).document(document_id)
    if detail is None:
        raise WebError(404, f"no document {document_id}")
    spans = [Span(g.start, g.end, g.field, g.attack_id) for g in detail.figures]
    attacks = sorted({g.attack_id for g in detail.figures if g.attack_id is not None})
    return render(
        request, "document.html", d=detail.summary, detail=detail,
        segments=segments(detail.text, spans), attacks=attacks,
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    return render(request, "sources.html", sources=_ledger(request).sources())


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Filter, metric: str = "attacks") -> HTMLResponse:
    if metric not in ("attacks", "killed", "injured"):
        raise WebError(400, f"metric {metric[:40]!r} is unknown; choose attacks, killed or injured")
    cap = request.app.state.config.map_max_attacks
    totals, capped = _ledger(request).region_totals(f, cap)
    return render(
        request, "map.html", f=f, params=views.filter_params(f), metric=metric,
        totals=views.plain(totals), capped=capped, cap=cap,
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return render(request, "docs.html")


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", error="")


def _check_password(ledger: Any, name: str, password: str) -> bool:
    record = ledger.user(name) if name else None
    try:
        _hasher.verify(record.password_hash if record else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return record is not None and record.role in ("editor", "admin")


@router.post("/login")
async def login(request: Request) -> Response:
    form = await _form(request)
    require_csrf(request, form.get("csrf_token"))
    client = request.client.host if request.client else "unknown"
    request.app.state.login_limiter.hit(client)
    name = form.get("username", "").strip()
    ok = await run_in_threadpool(_check_password, _ledger(request), name, form.get("password", ""))
    if not ok:
        return render(request, "login.html", status=401, error="wrong name or password")
    replace_session(request, name)
    return RedirectResponse("/review", status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await _form(request)
    require_csrf(request, form.get("csrf_token"))
    replace_session(request, None)
    return RedirectResponse("/", status_code=303)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> Response:
    if session_of(request).user is None:
        return RedirectResponse("/login", status_code=303)
    require_editor(request)
    ledger = _ledger(request)
    pending = ledger.corrections("pending")
    done = ledger.corrections("accepted")[-20:] + ledger.corrections("rejected")[-20:]
    current = {c.id: _current_value(ledger, c.attack_id, c.field) for c in pending}
    return render(request, "review.html", pending=pending, done=done, current=current,
                  display=views.display)


def _current_value(ledger: Any, attack_id: int, field: str) -> Any:
    detail = ledger.attack(attack_id)
    value = detail.fields.get(field) if detail else None
    return value.value if value else None


@router.post("/review/{correction_id}")
async def review_form(request: Request, correction_id: int) -> Response:
    form = await _form(request)
    require_csrf(request, form.get("csrf_token"))
    accept = form.get("decision") == "accept"
    await run_in_threadpool(review, request, correction_id, accept, form.get("reason", ""))
    return RedirectResponse("/review", status_code=303)

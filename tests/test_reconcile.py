"""Reconciliation as pure functions: clustering, choice by standing, conflicts, order."""

from __future__ import annotations

import random
from datetime import date

from skyledger.reconcile import ClaimData, ClaimWeapon, attack_key, choose_fields, cluster

DAY = date(2024, 3, 21)
MILITARY, REGIONAL, PRESS, DATASET = 10, 20, 30, 50


def claim(
    ident: int,
    rank: int = PRESS,
    *,
    doc: int | None = None,
    regions: tuple[str, ...] = ("UA-30",),
    weapons: tuple[ClaimWeapon, ...] = (),
    published: date = DAY,
    **figures: int | None,
) -> ClaimData:
    values: dict[str, int | None] = {
        "launched": None,
        "destroyed": None,
        "killed": None,
        "injured": None,
    }
    values.update(figures)
    return ClaimData(
        id=ident,
        document_id=doc if doc is not None else ident,
        doc_sha=f"sha{ident:04d}",
        seq=0,
        rank=rank,
        source_id=rank,
        published=published,
        fetched_at=None,
        date=DAY,
        attacker="RU",
        target_country="UA",
        regions=regions,
        weapons=weapons,
        **values,  # type: ignore[arg-type]
    )


def drones(launched: int | None, destroyed: int | None = None) -> tuple[ClaimWeapon, ...]:
    return (ClaimWeapon("attack_drone", "Shahed", launched, destroyed, None),)


def test_overlapping_regions_or_weapons_or_missing_ones_join() -> None:
    claims = [
        claim(1, MILITARY, regions=("UA-30", "UA-51"), weapons=drones(40, 30)),
        claim(2, REGIONAL, regions=("UA-51",), injured=3),  # shares a region
        claim(3, PRESS, regions=("UA-63",), weapons=drones(40)),  # shares a weapon family
        claim(4, PRESS, regions=(), killed=1),  # no regions at all
    ]
    (only,) = cluster(claims)
    assert sorted(c.id for c in only.claims) == [1, 2, 3, 4]


def test_disjoint_reports_and_one_documents_events_stay_apart() -> None:
    missile = (ClaimWeapon("ballistic_missile", None, 2, 0, None),)
    a = claim(1, regions=("UA-63",), weapons=missile)
    b = claim(2, regions=("UA-51",), weapons=drones(10))
    assert len(cluster([a, b])) == 2
    # Two events the extractor told apart in one document are never merged.
    night, day = claim(3, doc=9, regions=("UA-30",)), claim(4, doc=9, regions=("UA-30",))
    assert len(cluster([night, day, claim(5, regions=("UA-30",))])) == 2


def test_standing_then_latest_and_conflicts() -> None:
    af = claim(1, MILITARY, weapons=drones(40, 30), launched=40, destroyed=30)
    wire = claim(2, PRESS, weapons=drones(42, 30), launched=42, destroyed=30, injured=9)
    ova_early = claim(3, REGIONAL, injured=4, killed=1, published=DAY)
    ova_late = claim(4, REGIONAL, injured=12, killed=1, published=date(2024, 3, 22))
    fields = choose_fields([wire, ova_early, af, ova_late])
    launched = fields["launched"]
    assert (launched.value, launched.claim_id, launched.supporting, launched.conflicting) == (
        40,
        1,
        [1],
        [2],
    )
    assert fields["destroyed"].supporting == [1, 2]
    # Casualties: the latest report of the highest standing that gives them.
    assert (fields["injured"].value, fields["injured"].claim_id) == (12, 4)
    assert sorted(fields["injured"].conflicting) == [2, 3]
    assert fields["weapons.attack_drone.launched"].value == 40
    assert fields["weapons.attack_drone.model"].value == "Shahed"
    assert fields["regions"].value == ["UA-30"]


def test_dataset_ranks_last() -> None:
    data = claim(1, DATASET, launched=50)
    paper = claim(2, PRESS, launched=45)
    assert choose_fields([data, paper])["launched"].value == 45


def test_same_claims_any_order_same_result() -> None:
    rng = random.Random(7)
    claims = [
        claim(
            i,
            rng.choice([MILITARY, REGIONAL, PRESS, DATASET]),
            regions=tuple(rng.sample(["UA-30", "UA-32", "UA-51", "UA-63"], rng.randint(0, 2))),
            weapons=drones(rng.randint(1, 50)) if rng.random() < 0.6 else (),
            launched=rng.choice([None, 10, 20]),
            injured=rng.choice([None, 1, 2]),
            doc=rng.randint(0, 5),
        )
        for i in range(12)
    ]

    def outcome(order: list[ClaimData]) -> list[tuple[list[int], dict[str, object]]]:
        return sorted(
            (
                sorted(c.id for c in group.claims),
                {k: (v.value, v.claim_id) for k, v in choose_fields(group.claims).items()},
            )
            for group in cluster(order)
        )

    expected = outcome(claims)
    for _ in range(50):
        shuffled = list(claims)
        rng.shuffle(shuffled)
        assert outcome(shuffled) == expected
    assert attack_key(claims[:3]) == attack_key(list(reversed(claims[:3])))

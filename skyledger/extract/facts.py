"""Facts read from sentences: what a figure counts, and what happened to it.

A figure is a count next to what it counts: weapons with their fate
(launched, destroyed, suppressed, hit) or people (killed, injured). A bare
count ("Nineteen of them were destroyed", "13 in Kyiv and four in the
surrounding region") counts the last thing named before it. The verb that
gives a count its meaning is the nearest cue in the same clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skyledger.extract.places import PlaceMention
from skyledger.extract.weapons import Component, WeaponMention

WEAPON_ROLES = ("destroy", "suppress", "launch", "hit")
CASUALTY_ROLES = ("killed", "injured")
ROLE_FIELD = {"destroy": "destroyed", "suppress": "suppressed", "launch": "launched", "hit": "hit"}


@dataclass
class WeaponFact:
    role: str                 # launched / destroyed / suppressed / hit
    value: int | None
    cls: str
    family: str
    components: tuple[Component, ...]
    start: int                # evidence: the sentence
    end: int
    order: int                # sentence index, for "later reports win"
    part: bool = False        # a count for one place only
    quantifier: str | None = None
    weak: bool = False        # a count read from a singular noun
    update: bool = False
    approx_text: str | None = None
    total: bool = False       # stated as a total ("всего", "in total")


@dataclass
class CasualtyFact:
    field: str                # killed / injured
    value: int | None
    start: int
    end: int
    order: int
    total: bool = False       # the text presents it as the attack's total
    region: str | None = None
    place: str | None = None
    level: str | None = None  # the place's kind: oblast, city, town, district ...
    update: bool = False
    revised: bool = False     # its sentence says the count rose to it
    unknown: bool = False     # "no immediate reports of casualties"
    first: bool = False       # the text gives it as the first count ("Раніше повідомлялося про ...")
    regional: bool = False    # one region's official gives it ("a regional governor said")


@dataclass
class SentenceFacts:
    index: int
    start: int
    end: int
    weapons: list[WeaponFact] = field(default_factory=list)
    casualties: list[CasualtyFact] = field(default_factory=list)
    mentions: list[WeaponMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    attack: bool = False      # the sentence reports an attack, not background
    all_destroyed: bool = False
    all_destroyed_classes: tuple[str, ...] = ()

    @property
    def has_figures(self) -> bool:
        return any(w.value is not None for w in self.weapons) or any(
            c.value is not None for c in self.casualties
        )

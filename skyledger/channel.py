"""How the events of a Telegram channel's messages combine: an update message
("Оновлення", "UPD") changes the event it updates; counts posted while a night's
attack goes on join the summary posted next morning; any other message's events
stand on their own."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from skyledger.models import Document, Event


def is_update_post(doc: Document) -> bool:
    """A post that updates an earlier one ("Оновлення", "UPD", "Уточнённая информация")."""
    from skyledger.extract import lexicon

    return lexicon.has(doc.text[:200], doc.language or "uk", "update")


def merge_message(events: list[Event], found: list[Event], doc: Document) -> list[Event]:
    """An update message ("Оновлення", "UPD") changes the event it updates."""
    is_update = is_update_post(doc)
    for ev in found:
        ev.message_ids = [doc.message_id] if doc.message_id is not None else []
        prior = _updated_event(events, ev) if is_update else None
        if prior is None and not ev.weapons and ev.daypart is not None:
            # A post that names no weapon ("Станом на 12:45 унаслідок нічної атаки в столиці — 3
            # загиблі, 11 поранених") counts the victims of the attack of that part of day posted before.
            prior = next((p for p in reversed(events) if (p.attacker, p.target_country, p.date, p.daypart)
                          == (ev.attacker, ev.target_country, ev.date, ev.daypart)), None)
        if prior is None:
            events.append(ev)
            continue
        for name in ("killed", "injured", "launched", "destroyed"):
            if getattr(ev, name) is not None:
                setattr(prior, name, getattr(ev, name))
        _weapons_updated(prior, ev)
        prior.regions += [r for r in ev.regions if r not in prior.regions]
        prior.evidence += ev.evidence
        prior.message_ids += ev.message_ids
    return events


def _weapons_updated(prior: Event, ev: Event) -> None:
    """"скинув не дві, а три керовані авіабомби": the update's counts replace the class's."""
    from skyledger.extract.weapons import taxonomy

    family = taxonomy().family_of
    for w in ev.weapons:
        same = next((p for p in prior.weapons if p.cls == w.cls), None)
        kin = [p for p in prior.weapons if family.get(p.cls) == family.get(w.cls)]
        if same is None and len(kin) == 1:
            # "запустив 121 ударний БпЛА (а не 119 ...)" puts right the morning's 119 "Shahed,
            # Гербера та дронами-імітаторами": the one drone count, in the class it was given.
            same = kin[0]
            w.cls = same.cls
        if same is None:
            prior.weapons.append(w)
            continue
        for name in ("model", "launched", "destroyed", "suppressed", "platform", "launch_area"):
            if getattr(w, name) is not None:
                setattr(same, name, getattr(w, name))


# A channel's night runs from the evening before (the Air Force counts "у ніч на 22 травня"
# from 18:00 on the 21st) to its morning summary.
_NIGHT_STARTS, _SUMMARY_BY = 18, 12


def running_counts_joined(events: list[Event], docs: list[Document]) -> list[Event]:
    """Counts a channel posts while a night's attack goes on ("вже знищено 4 БпЛА" at 23:58,
    "Ещё 4 БПЛА уничтожены" at 00:52) are part of the night it sums up next morning: the
    summary's figures stand, the running counts are its evidence."""
    posted = {d.message_id: datetime.fromisoformat(d.meta["date"]) for d in docs
              if d.message_id is not None and d.meta.get("date")}

    # Each event's own message, before running counts join it.
    own = {id(ev): posted.get(ev.message_ids[0]) for ev in events if ev.message_ids}

    def when(ev: Event) -> datetime | None:
        """When the first of the event's messages was posted."""
        return posted.get(ev.message_ids[0]) if ev.message_ids else None

    out = list(events)
    for ev in events:
        at = when(ev)
        if at is None or ev.date is None or not (at.hour >= _NIGHT_STARTS or at.hour < _SUMMARY_BY):
            continue
        night = ev.date + timedelta(days=1) if ev.date == at.date() and at.hour >= _NIGHT_STARTS else ev.date
        summary = next((f for f in out[out.index(ev) + 1 :] if _sums_up(f, ev, night, own.get(id(f)), at)), None)
        if summary is None:
            continue
        summary.regions += [r for r in ev.regions if r not in summary.regions]
        summary.casualties_by_place += [c for c in ev.casualties_by_place
                                        if c.place not in {x.place for x in summary.casualties_by_place}]
        summary.evidence = ev.evidence + summary.evidence
        summary.message_ids = ev.message_ids + summary.message_ids
        out.remove(ev)
    return out


def _sums_up(f: Event, ev: Event, night: date, at: datetime | None, start: datetime) -> bool:
    """Whether f, posted at `at` later that night or morning, sums up the night ev counts part of."""
    if at is None or at <= start or f.date != night or at.date() != night or at.hour >= _SUMMARY_BY:
        return False
    # A summary counts at least what the running count did; a post that counts nothing of
    # it (a governor's "атака БПЛА на промышленную площадку") sums nothing up.
    covers = all(a is None or (b is not None and b >= a)
                 for a, b in ((ev.launched, f.launched), (ev.destroyed, f.destroyed)))
    return (f.attacker, f.target_country) == (ev.attacker, ev.target_country) and _families(ev) <= _families(f) and covers


def _families(ev: Event) -> set[str]:
    from skyledger.extract.weapons import taxonomy

    family_of = taxonomy().family_of
    return {family_of.get(w.cls, w.cls) for w in ev.weapons}


def _updated_event(events: list[Event], ev: Event) -> Event | None:
    """The latest event of the update's sides and date; of the night's and the day's, the one
    whose part of day it names ("число пострадавших в результате ночной атаки возросло")."""
    same = [p for p in reversed(events)
            if (p.attacker, p.target_country, p.date) == (ev.attacker, ev.target_country, ev.date)]
    if ev.daypart is not None:
        # of those, one told at that part of day, else one told at none
        same = ([p for p in same if p.daypart == ev.daypart] or [p for p in same if p.daypart is None]
                or same)
    return same[0] if same else None

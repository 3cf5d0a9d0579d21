"""Imported by the ingest forkserver before it forks the extraction workers.

Extracting one short report loads every table the extractor reads (lexicons,
gazetteer, number words) once, so the workers start warm instead of each
loading them itself, and share the pages.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from skyledger.pipeline import extract

SAMPLE = (
    "Kyiv, 21 March 2024. Overnight Russia launched 31 missiles and 12 Shahed drones at the "
    "Kyiv region; air defence destroyed 29 of them. Вночі ворог атакував Одесу: збито 10 дронів. "
    "Ночью над Белгородской областью сбиты 5 беспилотников."
)

# A failure here costs only the warm start: a cold worker loads the tables itself.
with suppress(Exception):
    extract(SAMPLE, date(2024, 3, 21))

"""Published attack field values as the ledger keeps them: JSON text
(attack_fields.value, attack_overrides.value, field history)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any


def encode(value: Any) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)

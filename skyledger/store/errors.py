"""The store's error, declared in the one error tree (skyledger/errors.py)."""

from __future__ import annotations

from skyledger.errors import StoreError

__all__ = ["StoreError"]

"""StoreError: the ledger database cannot be opened or written.

It belongs in skyledger/errors.py beside UsageError; until it is declared
there, it is declared here under SkyledgerError so the CLI reports it as a
one-line error either way.
"""

from __future__ import annotations

from skyledger import errors as _errors

if hasattr(_errors, "StoreError"):
    StoreError = _errors.StoreError
else:

    class StoreError(_errors.SkyledgerError):  # type: ignore[no-redef]
        """The ledger database cannot be opened, locked, full, or refused a write."""


__all__ = ["StoreError"]

"""skyledger: the open air-attack ledger.

    >>> import skyledger
    >>> result = skyledger.extract("report.html")          # or the text of a report
    >>> [e.to_dict() for e in result.events]

`skyledger.extract` is the extraction function; the rule modules live in the
subpackage of the same name (`skyledger.extract.weapons` and so on), which is
imported first so that the function keeps the name.
"""

from __future__ import annotations

__version__ = "0.1.0"

import skyledger.extract as _rules  # noqa: F401  (load the subpackage before the name is taken)
from skyledger.pipeline import extract, extract_path

__all__ = ["__version__", "extract", "extract_path"]

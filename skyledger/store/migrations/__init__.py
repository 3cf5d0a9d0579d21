"""Alembic migrations, shipped inside the package and run on open.

HEAD names the newest revision so opening an up-to-date ledger needs no
Alembic import; tests/test_store.py checks it against the scripts.
"""

HEAD = "0001"

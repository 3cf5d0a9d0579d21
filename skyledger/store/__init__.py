"""Storage of the ledger: schema (SQLAlchemy Core), migrations (Alembic),
engine and URL handling, writes and queries.

    engine.py     --db value -> engine; migrations on open; driver errors -> StoreError
    schema.py     the tables
    sources.py    known sources and their standing (data/sources.json)
    writes.py     documents and their claims, a batch per transaction
    attacks.py    reconciled attacks written from claims (reconcile.py decides)
    attack_state.py  a reconcile pass's view of its attacks; its writes in bulk
    field_values.py  published field values as JSON text
    queries.py    the read side: attacks, detail, stats, documents
    corrections.py suggestions, review, field history, users
"""

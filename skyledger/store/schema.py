"""The ledger's tables (SQLAlchemy Core). Migrations in store/migrations create them.

    sources ─< documents ─< claims ─< claim_weapons, claim_places, evidence
                                 │
                           attacks ─< attack_regions, attack_classes, attack_fields
                                 ├─< attack_overrides, corrections, field_history
    users

A claim is one event as one document reported it; an attack is the
reconciled record of one or more claims. Lists are also kept as readable
text ("UA-30, UA-32") so the tables read well in datasette.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("country", String(2)),
    Column("domain", String(200)),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("locator", String(2000), nullable=False),
    Column("version", Integer, nullable=False),
    Column("current", Boolean, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("language", String(8)),
    Column("published", Date),
    Column("fetched_at", DateTime),
    Column("added_at", DateTime, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("locator", "sha256", name="uq_documents_locator_sha"),
    Index("ix_documents_sha", "sha256"),
)

attacks = Table(
    "attacks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(40), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("date", Date),
    Column("month", String(7)),
    Column("attacker", String(2)),
    Column("target_country", String(2)),
    Column("regions", Text, nullable=False),
    Column("launched", Integer),
    Column("destroyed", Integer),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("n_claims", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Index("ix_attacks_date", "date", "id"),
    Index("ix_attacks_month", "month"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("attack_id", Integer, ForeignKey("attacks.id")),
    Column("current", Boolean, nullable=False),
    Column("date", Date),
    Column("attacker", String(2)),
    Column("target_country", String(2)),
    Column("regions", Text, nullable=False),
    Column("launched", Integer),
    Column("destroyed", Integer),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("extra", Text, nullable=False),
    Index("ix_claims_group", "attacker", "target_country", "date"),
    Index("ix_claims_attack", "attack_id"),
    Index("ix_claims_document", "document_id"),
)

claim_weapons = Table(
    "claim_weapons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False),
    Column("cls", String(40), nullable=False),
    Column("model", String(200)),
    Column("launched", Integer),
    Column("destroyed", Integer),
    Column("suppressed", Integer),
    Column("platform", String(200)),
    Column("launch_area", String(400)),
    Index("ix_claim_weapons_claim", "claim_id"),
)

claim_places = Table(
    "claim_places",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False),
    Column("region", String(10)),
    Column("place", String(200)),
    Column("killed", Integer),
    Column("injured", Integer),
    Index("ix_claim_places_claim", "claim_id"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False),
    Column("field", String(100), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("message_id", Integer),
    Index("ix_evidence_claim", "claim_id"),
)

attack_regions = Table(
    "attack_regions",
    metadata,
    Column("attack_id", Integer, ForeignKey("attacks.id"), primary_key=True),
    Column("region", String(10), primary_key=True),
    Index("ix_attack_regions_region", "region"),
)

attack_classes = Table(
    "attack_classes",
    metadata,
    Column("attack_id", Integer, ForeignKey("attacks.id"), primary_key=True),
    Column("cls", String(40), primary_key=True),
    Column("model", String(400)),
    Column("launched", Integer),
    Column("destroyed", Integer),
    Column("suppressed", Integer),
    # Copied from the attack so statistics read this one table (skyledger stats on
    # 100,000 attacks: 0.47 s with the join, see bench/bench_ledger.py for now).
    Column("date", Date),
    Column("month", String(7)),
    Column("attacker", String(2)),
    Index("ix_attack_classes_cls", "cls"),
    Index("ix_attack_classes_stats", "month", "cls", "launched", "destroyed"),
)

# Provenance of each published field: JSON value, chosen claim, and the
# claim ids that agree and disagree with it.
attack_fields = Table(
    "attack_fields",
    metadata,
    Column("attack_id", Integer, ForeignKey("attacks.id"), primary_key=True),
    Column("field", String(100), primary_key=True),
    Column("value", Text),
    Column("claim_id", Integer),
    Column("supporting", Text, nullable=False),
    Column("conflicting", Text, nullable=False),
    Column("corrected", Boolean, nullable=False),
)

attack_overrides = Table(
    "attack_overrides",
    metadata,
    Column("attack_id", Integer, ForeignKey("attacks.id"), primary_key=True),
    Column("field", String(100), primary_key=True),
    Column("value", Text),
    Column("correction_id", Integer),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attack_id", Integer, ForeignKey("attacks.id"), nullable=False),
    Column("field", String(100), nullable=False),
    Column("proposed", Text, nullable=False),
    Column("comment", Text, nullable=False),
    Column("quote", Text, nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id")),
    Column("start", Integer),
    Column("end", Integer),
    Column("submitter", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("reviewed_by", String(200)),
    Column("reviewed_at", DateTime),
    Column("reason", Text, nullable=False),
    Index("ix_corrections_status", "status"),
)

field_history = Table(
    "field_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attack_id", Integer, ForeignKey("attacks.id"), nullable=False),
    Column("field", String(100), nullable=False),
    Column("before", Text),
    Column("after", Text),
    Column("editor", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("reason", Text, nullable=False),
    Column("correction_id", Integer, ForeignKey("corrections.id")),
    Index("ix_field_history_attack", "attack_id", "field"),
)

users = Table(
    "users",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("role", String(40), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

# The `attack_weapons` view (attacks with their weapons) is created by migration 0001.

"""initial schema

Revision ID: 0001
Revises:

The whole first schema, plus the `attack_weapons` view. Written once for
SQLite and PostgreSQL alike; never edit it, add a revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ATTACK_WEAPONS_VIEW = """
CREATE VIEW attack_weapons AS
SELECT a.id AS attack_id, a.date, a.attacker, a.target_country, a.regions,
       c.cls AS weapon_class, c.model, c.launched, c.destroyed, c.suppressed,
       a.launched AS attack_launched, a.destroyed AS attack_destroyed,
       a.killed, a.injured, a.n_sources
FROM attacks a JOIN attack_classes c ON c.attack_id = a.id
WHERE a.active
"""


def upgrade() -> None:
    op.create_table(
        "attacks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("attacker", sa.String(length=2), nullable=True),
        sa.Column("target_country", sa.String(length=2), nullable=True),
        sa.Column("regions", sa.Text(), nullable=False),
        sa.Column("launched", sa.Integer(), nullable=True),
        sa.Column("destroyed", sa.Integer(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("attacks", schema=None) as batch_op:
        batch_op.create_index("ix_attacks_date", ["date", "id"], unique=False)
        batch_op.create_index("ix_attacks_month", ["month"], unique=False)

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("domain", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "users",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "attack_classes",
        sa.Column("attack_id", sa.Integer(), nullable=False),
        sa.Column("cls", sa.String(length=40), nullable=False),
        sa.Column("model", sa.String(length=400), nullable=True),
        sa.Column("launched", sa.Integer(), nullable=True),
        sa.Column("destroyed", sa.Integer(), nullable=True),
        sa.Column("suppressed", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("attacker", sa.String(length=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["attack_id"],
            ["attacks.id"],
        ),
        sa.PrimaryKeyConstraint("attack_id", "cls"),
    )
    with op.batch_alter_table("attack_classes", schema=None) as batch_op:
        batch_op.create_index("ix_attack_classes_cls", ["cls"], unique=False)
        batch_op.create_index(
            "ix_attack_classes_stats", ["month", "cls", "launched", "destroyed"], unique=False
        )

    op.create_table(
        "attack_fields",
        sa.Column("attack_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("supporting", sa.Text(), nullable=False),
        sa.Column("conflicting", sa.Text(), nullable=False),
        sa.Column("corrected", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attack_id"],
            ["attacks.id"],
        ),
        sa.PrimaryKeyConstraint("attack_id", "field"),
    )
    op.create_table(
        "attack_overrides",
        sa.Column("attack_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("correction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attack_id"],
            ["attacks.id"],
        ),
        sa.PrimaryKeyConstraint("attack_id", "field"),
    )
    op.create_table(
        "attack_regions",
        sa.Column("attack_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["attack_id"],
            ["attacks.id"],
        ),
        sa.PrimaryKeyConstraint("attack_id", "region"),
    )
    with op.batch_alter_table("attack_regions", schema=None) as batch_op:
        batch_op.create_index("ix_attack_regions_region", ["region"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("locator", sa.String(length=2000), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("locator", "sha256", name="uq_documents_locator_sha"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_sha", ["sha256"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("attack_id", sa.Integer(), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("attacker", sa.String(length=2), nullable=True),
        sa.Column("target_country", sa.String(length=2), nullable=True),
        sa.Column("regions", sa.Text(), nullable=False),
        sa.Column("launched", sa.Integer(), nullable=True),
        sa.Column("destroyed", sa.Integer(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attack_id"],
            ["attacks.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_attack", ["attack_id"], unique=False)
        batch_op.create_index("ix_claims_document", ["document_id"], unique=False)
        batch_op.create_index(
            "ix_claims_group", ["attacker", "target_country", "date"], unique=False
        )

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attack_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("proposed", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("submitter", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=200), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attack_id"],
            ["attacks.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.create_index("ix_corrections_status", ["status"], unique=False)

    op.create_table(
        "claim_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("claim_places", schema=None) as batch_op:
        batch_op.create_index("ix_claim_places_claim", ["claim_id"], unique=False)

    op.create_table(
        "claim_weapons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("cls", sa.String(length=40), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("launched", sa.Integer(), nullable=True),
        sa.Column("destroyed", sa.Integer(), nullable=True),
        sa.Column("suppressed", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=200), nullable=True),
        sa.Column("launch_area", sa.String(length=400), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("claim_weapons", schema=None) as batch_op:
        batch_op.create_index("ix_claim_weapons_claim", ["claim_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index("ix_evidence_claim", ["claim_id"], unique=False)

    op.create_table(
        "field_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attack_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("editor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attack_id"],
            ["attacks.id"],
        ),
        sa.ForeignKeyConstraint(
            ["correction_id"],
            ["corrections.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("field_history", schema=None) as batch_op:
        batch_op.create_index("ix_field_history_attack", ["attack_id", "field"], unique=False)
    op.execute(ATTACK_WEAPONS_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW attack_weapons")
    with op.batch_alter_table("field_history", schema=None) as batch_op:
        batch_op.drop_index("ix_field_history_attack")

    op.drop_table("field_history")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_claim")

    op.drop_table("evidence")
    with op.batch_alter_table("claim_weapons", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_weapons_claim")

    op.drop_table("claim_weapons")
    with op.batch_alter_table("claim_places", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_places_claim")

    op.drop_table("claim_places")
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.drop_index("ix_corrections_status")

    op.drop_table("corrections")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_group")
        batch_op.drop_index("ix_claims_document")
        batch_op.drop_index("ix_claims_attack")

    op.drop_table("claims")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_sha")

    op.drop_table("documents")
    with op.batch_alter_table("attack_regions", schema=None) as batch_op:
        batch_op.drop_index("ix_attack_regions_region")

    op.drop_table("attack_regions")
    op.drop_table("attack_overrides")
    op.drop_table("attack_fields")
    with op.batch_alter_table("attack_classes", schema=None) as batch_op:
        batch_op.drop_index("ix_attack_classes_stats")
        batch_op.drop_index("ix_attack_classes_cls")

    op.drop_table("attack_classes")
    op.drop_table("users")
    op.drop_table("sources")
    with op.batch_alter_table("attacks", schema=None) as batch_op:
        batch_op.drop_index("ix_attacks_month")
        batch_op.drop_index("ix_attacks_date")

    op.drop_table("attacks")

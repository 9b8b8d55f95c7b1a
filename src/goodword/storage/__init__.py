"""Persistence: SQLAlchemy tables, the engine, the unit of work, Alembic migrations."""

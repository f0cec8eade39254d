"""Persistence: SQLAlchemy 2 models, Alembic migrations, the embedded SQLite default or PostgreSQL by URL."""

"""The web app's own tables: secret tokens (the calendar feed) and small preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from afterword.store.tables import Base, IsoDateTime


class WebToken(Base):
    """An unguessable token for one purpose (e.g. the calendar feed URL)."""

    __tablename__ = "web_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(40), unique=True)
    token: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class WebPref(Base):
    """A preference only the web app uses (the signature added to new drafts)."""

    __tablename__ = "web_prefs"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")

"""Helpers for the account tests."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from afterword.services import accounts


def quick_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its smallest cost (the algorithm the product uses, at a test's speed)."""
    quick = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", quick)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", quick.hash("an account that does not exist"))

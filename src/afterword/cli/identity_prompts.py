"""The questions that ask who you are (name, addresses, signature), and saving the answer.

Asked by `afterword setup`, and first by `import` and `add` on a terminal when the user
never said; the file written is the one the web's first-run page and Settings write.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from afterword.cli.asking import ask, interactive
from afterword.cli.common import fail, out

if TYPE_CHECKING:
    from afterword.config import Settings
    from afterword.identity import Identity


def _name(text: str) -> str:
    from afterword.services.identity import IdentityError

    clean = " ".join(text.split())
    if not clean:
        raise IdentityError("your name is empty: it signs every note")
    return clean


def _addresses(text: str) -> list[str]:
    from afterword.services.identity import split_addresses, valid_address

    found = [valid_address(e) for e in split_addresses(text)]
    if not found:
        raise ValueError("give at least one address")
    return found


def prompt_identity(current: Identity) -> tuple[str, list[str], str]:
    """Ask the name, the addresses and the signature, each until the answer is usable."""
    out.print(Text("First, who you are (notes are signed with it, and your own addresses are "
                   "never taken for an interviewer's).", style="bold"))
    name = ask("Your name", _name, default=current.name)
    emails = ask("Your email addresses (personal, school …; the first sends)", _addresses,
                 default=" ".join(current.emails) or None)
    signature = ask("Signature lines under your name (phone, LinkedIn; '-' for none)",
                    lambda s: "" if s.strip() == "-" else s.replace("\\n", "\n"),
                    default=current.signature or "-")
    return name, emails, signature


def save_identity(config: Path | None, name: str, emails: list[str], signature: str) -> Path:
    """Check and write the identity; the path written."""
    from afterword.config import ConfigError
    from afterword.services.identity import IdentityError, checked, save
    from afterword.settings_file import target

    path = target(config)
    try:
        save(path, checked(name, emails, signature))
    except (IdentityError, ConfigError, OSError) as exc:
        raise fail(str(exc)) from None
    return path


def ensure_identity(settings: Settings, config: Path | None) -> Settings:
    """The settings, after asking who the user is when that was never said (terminal only)."""
    from afterword.config import load_settings
    from afterword.identity import identity_of

    current = identity_of(settings)
    if current.complete or not interactive():
        return settings
    path = save_identity(config, *prompt_identity(current))
    out.print(Text(f"Saved to {path}.", style="green"))
    return load_settings(config)

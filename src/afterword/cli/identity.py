"""`afterword setup`: who you are — your name, your addresses, your signature — asked first.

The same file the web app's first-run page and Settings write.  `import` and `add` ask it
first on a terminal when it was never given; without a terminal they go on, and the flags
of `setup` give it in scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from afterword.cli.asking import ask, interactive
from afterword.cli.common import ConfigOption, fail, out

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
    from afterword.web.settings_file import target

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


def setup_command(
    name: Annotated[str | None, typer.Option(help="Your name, as you sign notes.")] = None,
    email: Annotated[list[str] | None, typer.Option(
        help="An address of yours (repeatable; the first one sends).")] = None,
    signature: Annotated[str | None, typer.Option(
        help=r"Lines under your name (\n between lines).")] = None,
    add_email: Annotated[str | None, typer.Option(
        help="One more address of yours, the rest unchanged.")] = None,
    config: ConfigOption = None,
) -> None:
    """Say who you are: name, email addresses (personal, school …) and signature."""
    from afterword.config import ConfigError, load_settings
    from afterword.identity import identity_of
    from afterword.services.identity import IdentityError, add_address
    from afterword.web.settings_file import target

    try:
        settings = load_settings(config)
        if add_email is not None and name is None and not email:
            add_address(target(config), settings, add_email)
            out.print(Text(f"Added {add_email} to your addresses.", style="green"))
            return
    except (ConfigError, IdentityError, OSError) as exc:
        raise fail(str(exc)) from None
    current = identity_of(settings)
    if name is None or not email:
        if not interactive():
            raise fail("give --name and --email (prompts are only asked on a terminal)")
        asked = prompt_identity(current)
        name, email = name or asked[0], email or asked[1]
        signature = asked[2] if signature is None else signature
    path = save_identity(config, name, list(email),
                         (signature or "").replace("\\n", "\n"))
    out.print(Text(f"Saved who you are to {path}.", style="green"))


def register(app: typer.Typer) -> None:
    """Add `setup`."""
    app.command("setup")(setup_command)

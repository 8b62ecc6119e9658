"""`afterword setup`: who you are — your name, your addresses, your signature — asked first.

The same file the web app's first-run page and Settings write.  `import` and `add` ask it
first on a terminal when it was never given; without a terminal they go on, and the flags
of `setup` give it in scripts.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from afterword.cli.asking import interactive
from afterword.cli.common import ConfigOption, fail, out
from afterword.cli.identity_prompts import prompt_identity, save_identity


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
    from afterword.settings_file import target

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

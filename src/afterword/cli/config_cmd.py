"""`afterword config`: which settings apply and where each comes from; `config trust`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from afterword.cli.common import ConfigOption, fail, out

config_app = typer.Typer(help="Which settings apply, from where; trust a folder's config.",
                         invoke_without_command=True, no_args_is_help=False)
SECRET_WORDS = ("PASSWORD", "SECRET", "TOKEN")
HOST_KEYS = ("smtp_host", "smtp_port", "smtp_user", "imap_host", "imap_port", "imap_user",
             "database_url", "user_email", "user_emails")


@config_app.callback()
def sources_command(ctx: typer.Context, config: ConfigOption = None) -> None:
    """Print the settings' sources in the order they apply (a later one wins)."""
    if ctx.invoked_subcommand is not None:
        return
    from afterword.config import ConfigError, find_config, load_settings, user_config_path
    from afterword.config_trust import local_candidate

    lines = ["Settings, in the order they apply (a later source wins):", "  1. built-in defaults"]
    found = find_config(config)
    how = ("--config" if config else "this folder, trusted" if found and found.parent ==
           Path.cwd() else "your user config")
    lines.append(f"  2. file: {found} ({how})" if found else
                 f"  2. file: none ({user_config_path()} does not exist)")
    local = None if config else local_candidate()
    if local is not None and local != found:
        state = "changed since you trusted it" if _was_trusted(local) else "not trusted"
        lines.append(f"     then {local}: {state}: only its checking settings apply "
                     f"(`afterword config trust` to use all of it)")
    names = sorted(k for k in os.environ if k.startswith("AFTERWORD_"))
    shown = [n + (" (secret)" if any(w in n for w in SECRET_WORDS) else "") for n in names]
    lines.append("  3. environment: " + (", ".join(shown) if shown else "none"))
    for line in lines:
        out.print(Text(line))
    try:
        settings = load_settings(config)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    where = {k: getattr(settings, k) for k in HOST_KEYS if getattr(settings, k)}
    if where:
        out.print(Text("Where mail and data go: " + ", ".join(f"{k} = {v}" for k, v in
                                                            where.items())))


def _was_trusted(path: Path) -> bool:
    from afterword.config_trust import trusted_paths

    return str(path.resolve()) in trusted_paths()


@config_app.command("trust")
def trust_command(
    path: Annotated[Path | None, typer.Argument(
        help="The config file to trust (default: ./afterword.toml).")] = None,
) -> None:
    """Trust a folder's afterword.toml as it is now (it is shown first; a change untrusts it)."""
    from afterword.config import ConfigError, read_toml
    from afterword.config_trust import LOCAL_NAME, owned_by_user, trust

    target = path or Path.cwd() / LOCAL_NAME
    if not target.is_file():
        raise fail(f"no config file at {target}")
    if not owned_by_user(target):
        raise fail(f"{target} belongs to another user; copy it and trust your copy")
    try:
        values = read_toml(target)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    hosts = {k: v for k, v in values.items() if k in HOST_KEYS}
    if hosts:
        out.print(Text("It sends mail or keeps data at: " + ", ".join(
            f"{k} = {v}" for k, v in hosts.items())))
    digest = trust(target)
    out.print(Text(f"Trusted {target.resolve()} (sha256 {digest[:12]}…); if it changes, "
                   "it is untrusted again.", style="green"))


def register(app: typer.Typer) -> None:
    """Add `config` and `config trust` to the app."""
    app.add_typer(config_app, name="config")

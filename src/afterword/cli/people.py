"""`afterword person`: add, edit, merge and remove the people of an application.

`afterword person APP WHO --email …` (no subcommand) edits, as it always has.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.text import Text
from typer.core import TyperGroup

from afterword.cli.common import ConfigOption, OneLineErrors, out, store
from afterword.vocab import PersonRole


class EditByDefault(OneLineErrors):
    """`person APP WHO …` means `person edit APP WHO …`."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An argument that names no subcommand starts an edit."""
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["edit", *args]
        return TyperGroup.resolve_command(self, ctx, args)


person_app = typer.Typer(cls=EditByDefault, no_args_is_help=True,
                         help="People: add, edit, merge or remove someone of an application.")
AppId = Annotated[int, typer.Argument(metavar="APP", help="The application.")]
Who = Annotated[str, typer.Argument(metavar="WHO", help="Id, email, or (part of) the name.")]


@person_app.command("add")
def add_command(
    app_id: AppId,
    person: Annotated[str, typer.Argument(metavar="PERSON", help='"Name <email>" or a name.')],
    role: Annotated[PersonRole, typer.Option(help="What they are to the application.")]
    = PersonRole.INTERVIEWER,
    title: Annotated[str | None, typer.Option(help="Their job title.")] = None,
    config: ConfigOption = None,
) -> None:
    """Add someone (an honorific or suffix typed with the name is parsed out)."""
    from afterword.services import people
    from afterword.store import repo

    with store(config) as (session, _):
        name, email = people.parse_person(person)
        added = people.add_person(session, repo.get_application(session, app_id), name=name,
                                  email=email, role=role, title=title)
        out.print(Text(f"Added {added.id}: {_display(added)} ({added.role}).", style="green"))


@person_app.command("edit")
def edit_command(
    app_id: AppId,
    person: Who,
    email: Annotated[str | None, typer.Option(help="Their own address ('' clears it).")] = None,
    honorific: Annotated[str | None, typer.Option(help="Dr., Ms., Mx., …")] = None,
    name: Annotated[str | None, typer.Option(help="The name, spelled as they spell it.")]
    = None,
    role: Annotated[PersonRole | None, typer.Option(help="What they are to the application.")]
    = None,
    title: Annotated[str | None, typer.Option(help="Their job title.")] = None,
    address: Annotated[str | None, typer.Option(help="Mailing address, for a card.")] = None,
    confirm: Annotated[bool, typer.Option(help="Mark the spelling as confirmed.")] = False,
    first_name: Annotated[bool | None, typer.Option(
        "--first-name/--formal", help="Were you on first-name terms?")] = None,
    config: ConfigOption = None,
) -> None:
    """Correct or complete what is known about a person."""
    from afterword.services import people
    from afterword.store import repo

    changes = people.PersonChanges(
        name=name, email=email, role=role, honorific=honorific, title=title,
        mailing_address=address, spelling_confirmed=True if confirm else None,
        first_name_terms=first_name)
    with store(config) as (session, _):
        who = people.find_person(repo.get_application(session, app_id), person)
        people.update_person(session, who, changes)
        out.print(Text(f"Updated {_display(who)}.", style="green"))


@person_app.command("merge")
def merge_command(app_id: AppId, person: Who, into: Annotated[str, typer.Argument(
        metavar="INTO", help="The person to keep.")], config: ConfigOption = None) -> None:
    """Merge two records of the same person: moments and notes move to INTO."""
    from afterword.services import people
    from afterword.store import repo

    with store(config) as (session, _):
        app = repo.get_application(session, app_id)
        source, target = people.find_person(app, person), people.find_person(app, into)
        label = _display(source)
        people.merge_people(session, source, target)
        out.print(Text(f"Merged {label} into {_display(target)}.", style="green"))


@person_app.command("remove")
def remove_command(app_id: AppId, person: Who, config: ConfigOption = None) -> None:
    """Remove someone (their moments go; notes to them stay, addressed to no one)."""
    from afterword.services import people
    from afterword.store import repo

    with store(config) as (session, _):
        who = people.find_person(repo.get_application(session, app_id), person)
        label = _display(who)
        people.remove_person(session, who)
        out.print(Text(f"Removed {label}.", style="green"))


def _display(person: Any) -> str:
    parts = [person.honorific, person.name, person.suffix]
    text = " ".join(p for p in parts if p)
    return f"{text} <{person.email}>" if person.email else text.rstrip(".")


def register(app: typer.Typer) -> None:
    """Add `afterword person …`."""
    app.add_typer(person_app, name="person")

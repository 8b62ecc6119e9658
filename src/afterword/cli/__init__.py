"""The command line. `run` starts Harper's build first when a check is coming, so the
dictionary is ready by the time the rest of the program has loaded."""

from __future__ import annotations

import os
import sys


def _peek_dialect(argv: list[str]) -> str:
    """The dialect a check will use, read cheaply (env, then the config file)."""
    if os.environ.get("AFTERWORD_DIALECT"):
        return os.environ["AFTERWORD_DIALECT"].strip().lower()
    path = None
    if "--config" in argv[:-1]:
        path = argv[argv.index("--config") + 1]
    elif os.path.isfile("afterword.toml"):
        path = "afterword.toml"
    if path:
        import tomllib

        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
            return str(data.get("afterword", data).get("dialect", "american")).lower()
        except (OSError, tomllib.TOMLDecodeError, AttributeError):
            return "american"
    return "american"


def run() -> None:
    """Console-script entry point."""
    argv = sys.argv[1:]
    if argv[:1] == ["check"] and "--batch" not in argv and "--help" not in argv:
        from afterword.proofread import harper

        harper.shared(_peek_dialect(argv)).prewarm()
    from afterword.cli.main import run as main

    main()

"""The exceptions wiretrace raises. The library never prints or exits; the CLI maps these to exit codes."""

from __future__ import annotations


def one_line(exc: BaseException | str, limit: int = 200) -> str:
    """An error message as one short printable line: the first line of it, control characters as "?",
    at most ``limit`` characters (a library's message may quote raw input bytes, or run to pages);
    an exception is named by its type."""
    text = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    first = text.strip().splitlines()[0] if text.strip() else text
    clean = "".join(ch if ch.isprintable() else "?" for ch in first)
    return clean[:limit] + ("..." if len(clean) > limit else "")


def missing_reason(path: str) -> str:
    """Why there is nothing to read at ``path``: "no such file or folder", or what a symbolic link there leads to
    ("a symbolic link loop", "a symbolic link to X, which does not exist"): an ``ls`` shows the name."""
    import errno
    from pathlib import Path

    link = Path(path)
    if not link.is_symlink():
        return "no such file or folder"
    try:
        link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        return f"a symbolic link to {link.readlink()}, which does not exist"
    return "no such file or folder"  # pragma: no cover - the link was mended meanwhile


class WiretraceError(Exception):
    """Base class of every error wiretrace raises on purpose."""

    exit_code = 1


class InputError(WiretraceError):
    """An input file or record cannot be turned into an Article; names the file and the reason."""

    exit_code = 2

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class MissingDependencyError(WiretraceError):
    """An optional package (a model, an engine) is not installed; says what to install."""

    exit_code = 3

    def __init__(self, what: str, install: str) -> None:
        super().__init__(f"{what} is not installed: {install}")
        self.what = what
        self.install = install


class ConfigError(WiretraceError):
    """A setting or a name given by the user is wrong."""

    exit_code = 2

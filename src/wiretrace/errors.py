"""The exceptions wiretrace raises. The library never prints or exits; the CLI maps these to exit codes."""

from __future__ import annotations


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

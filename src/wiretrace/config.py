"""Settings in layers: shipped defaults, then a user's TOML file, then command-line flags.

A config file has one table per stage, named as in ``CompareConfig``::

    embedder = "use-multilingual-v3"

    [align]
    semantic_min = 0.75

    [relate]
    edited_containment = 0.45

Unknown tables or keys are errors (a typo must not be ignored silently).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

from .compare import CompareConfig
from .errors import ConfigError

__all__ = ["load_config"]


def load_config(path: str | Path | None = None, **overrides: Any) -> CompareConfig:
    """Return the defaults, updated from the TOML file at ``path`` (if any), then from ``overrides``."""
    cfg = CompareConfig()
    if path is not None:
        cfg = _apply(cfg, _read_toml(Path(path)), str(path))
    top = {k: v for k, v in overrides.items() if v is not None}
    return _apply(cfg, top, "command line") if top else cfg


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return data


def _apply(cfg: Any, values: dict[str, Any], where: str) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cfg)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise ConfigError(f"{where}: unknown setting {key!r}; known: {', '.join(sorted(fields))}")
        current = getattr(cfg, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [{key}] must be a table of settings")
            changes[key] = _apply(current, value, f"{where} [{key}]")
        else:
            if current is not None and value is not None and not isinstance(value, type(current)) and not (
                    isinstance(current, float) and isinstance(value, int)):
                raise ConfigError(f"{where}: {key} must be {type(current).__name__}, got {value!r}")
            changes[key] = float(value) if isinstance(current, float) else value
    return dataclasses.replace(cfg, **changes)

"""``wiretrace serve``: a web UI and a JSON API over an indexed store (``create_app``)."""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY, LOOPBACK_HOSTS, create_app

__all__ = ["DEFAULT_MAX_BODY", "LOOPBACK_HOSTS", "create_app"]

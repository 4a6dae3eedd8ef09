"""Engines run the stages over many records: ``local`` (this machine) now; Spark later (issue #5)."""

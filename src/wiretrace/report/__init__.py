"""Renderings of records for people: terminal tables now, HTML pages later."""

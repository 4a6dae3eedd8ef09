"""Renderings of records for people: terminal tables, the static HTML report and the pieces ``wiretrace
serve`` shares with it (grouped findings, readable times, SVG pictures)."""

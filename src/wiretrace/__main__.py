"""``python -m wiretrace``: the same command line as the ``wiretrace`` script."""

from wiretrace.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

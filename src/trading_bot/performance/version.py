"""The package version, in one place: pyproject reads it (hatch ``dynamic``), ``--version`` prints
it and the cache stamps it into its store, so a wheel, its CLI and its cache never disagree."""

__version__ = "0.1.0"

"""Validators generated from ``specs/`` by :mod:`..schema_codegen`; see :mod:`..schemas`."""

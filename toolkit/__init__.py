"""A bilingual scholarly publishing toolkit: check and build journal articles."""

__version__ = "0.1.0"

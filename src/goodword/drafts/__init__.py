"""Drafted messages: Jinja2 templates shipped in the package, overridable from a folder."""

"""Importers and exporters: other tools' formats in and out."""

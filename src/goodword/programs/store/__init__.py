"""The programs' tables (their constraints keep the exactly-once rules) and the queries
of the hot paths (a conversion, a link's landing)."""

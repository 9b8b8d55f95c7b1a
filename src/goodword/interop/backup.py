"""A workspace as one JSON document, and back: every row of every table, with a format
version, values written so that reading them gives back exactly what was stored."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table

FORMAT = "goodword-backup"
VERSION = 1


def encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    return value


def decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "$dt" in value:
            return datetime.fromisoformat(value["$dt"])
        if "$dec" in value:
            return Decimal(value["$dec"])
    return value


def encode_rows(table: Table, rows: list[dict[str, Any]]) -> dict[str, Any]:
    columns = [c.name for c in table.columns]
    return {"columns": columns, "rows": [[encode_value(row[c]) for c in columns] for row in rows]}


def decode_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    columns = data["columns"]
    return [{c: decode_value(v) for c, v in zip(columns, row, strict=True)} for row in data["rows"]]

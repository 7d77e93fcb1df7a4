"""Any record as JSON: its own `as_dict()` (ids and machine keys, not the sheet's labels)."""

from __future__ import annotations

import json
from typing import Any, Protocol

from cap135.messages import Lang


class AsDict(Protocol):
    def as_dict(self) -> Any: ...


def write(record: AsDict, lang: Lang) -> bytes:
    return (json.dumps(record.as_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")

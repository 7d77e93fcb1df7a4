"""Findings: problems found in a plan, as values (collected, never raised one by one)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. `code` names the message in the catalogue; `args` fill it in.

    `path` is the location inside the plan data (e.g. ("groups", 0, "days")); the
    CLI turns it into file:line:col through the loader's position map. Loader
    findings know their line and column directly.
    """

    severity: Severity
    code: str
    args: Mapping[str, Any] = field(default_factory=dict)
    path: Path = ()
    line: int | None = None
    column: int | None = None
    key: bool = False  # point at the key of `path` rather than its value

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def error(code: str, path: Path = (), **args: Any) -> Finding:
    return Finding("error", code, args, path)


def warning(code: str, path: Path = (), **args: Any) -> Finding:
    return Finding("warning", code, args, path)


def has_errors(findings: tuple[Finding, ...] | list[Finding]) -> bool:
    return any(f.is_error for f in findings)

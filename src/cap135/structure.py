"""Plain data → Plan, with pydantic's errors turned into positioned findings."""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from .dates import impossible_date
from .findings import Finding, error
from .loader import visible
from .messages import integer_example
from .model import Plan

_MONEY_FIELDS = frozenset({"amount", "ceiling"})
# Pydantic adds union tags and "[key]" to error locations; they are not plan paths.
_NOT_PATH = re.compile(r"^(~.*|\[key\]|function-.*|constrained-.*|int|str|list\[.*\]|.*\[.*\])$")


@cache
def _all_field_names() -> tuple[str, ...]:
    names: set[str] = set()
    seen: set[type] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
            for sub in _models_in(info.annotation):
                walk(sub)

    walk(Plan)
    return tuple(sorted(names))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found.extend(_models_in(meta))
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        found.extend(_models_in(origin))
    return found


def show_value(value: Any) -> str:
    """A short YAML-like rendering of an input value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{visible(value)}'"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return str(value)


def _bare(value: Any) -> str:
    """show_value without the quotes (the message has its own): a 100,000-character text stays short."""
    if isinstance(value, str):
        return visible(value)
    return show_value(value)


def _clean_path(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    return tuple(p for p in loc if not (isinstance(p, str) and _NOT_PATH.match(p)))


def _looks_like_split_text(key: str) -> bool:
    """`{text: Cán bộ …, ban ngành.}` splits at the comma into a key 'ban ngành.'."""
    return " " in key or not key.isascii() or key[:1].isupper() or key.endswith(".")


def _finding(err: dict[str, Any]) -> Finding:
    kind = err["type"]
    path = _clean_path(tuple(err["loc"]))
    got = err.get("input")
    ctx = err.get("ctx") or {}
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        shown = visible(key, 80)  # a key can be 100,000 characters, or hold an ESC
        if _looks_like_split_text(key):
            return Finding("error", "unknown-key-text", {"key": shown}, path, key=True)
        match = difflib.get_close_matches(key, _all_field_names(), n=1, cutoff=0.6)
        args = {"key": shown, "suggestion": match[0]} if match else {"key": shown}
        return Finding("error", "unknown-key", args, path, key=True)
    if kind == "missing":
        return error("missing-key", path[:-1], key=path[-1] if path else "?")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        if isinstance(got, float) and field in _MONEY_FIELDS:
            return error("money-float", path, got=show_value(got))
        return error("expected-integer", path, got=show_value(got), example=integer_example(field))
    if kind == "string_type":
        return error("expected-text", path, got=show_value(got))
    if kind in {"bool_type", "bool_parsing"}:
        return error("expected-bool", path, got=show_value(got))
    if kind in {"list_type", "tuple_type"}:
        return error("expected-list", path, got=show_value(got))
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return error("expected-mapping", path, got=show_value(got))
    if kind == "greater_than":
        return error("must-be-positive", path, limit=ctx.get("gt"), got=show_value(got))
    if kind == "greater_than_equal":
        return error("must-be-at-least", path, limit=ctx.get("ge"), got=show_value(got))
    if kind in {"less_than_equal", "less_than"}:
        return error("too-large", path, limit=ctx.get("le", ctx.get("lt")), got=show_value(got))
    if kind == "literal_error":
        if field == "version":
            return error("bad-version", path, got=show_value(got))
        return error("bad-choice", path, got=_bare(got), choices=ctx.get("expected", ""))
    if kind == "string_pattern_mismatch":
        return error("bad-pattern", path, got=_bare(got), what=_pattern_help(field))
    if kind == "string_too_short":
        return error("empty-text", path)
    if kind == "too_short":
        return error("empty-list", path)
    if kind == "value_error" and field in {"from", "to", "date"}:
        code, args = impossible_date(str(got)) or ("bad-moment", {"got": show_value(got)})
        return error(code, path, **args)
    return error("invalid", path, detail=err.get("msg", kind))


def _pattern_help(field: str) -> str:
    if field == "code":
        return "chữ in hoa không dấu, ví dụ BDT / capitals, e.g. BDT"
    if field == "id":
        return "chữ thường, số, dấu gạch: tuyen-truyen / lower case, digits, dashes"
    return field


def build_plan(data: Any) -> tuple[Plan | None, tuple[Finding, ...]]:
    """Validate loaded data into a Plan; all structural problems at once."""
    if not isinstance(data, dict):
        kind = "danh sách / a list" if isinstance(data, list) else show_value(data)
        return None, (error("not-a-plan", (), kind=kind),)
    try:
        return Plan.model_validate(data), ()
    except ValidationError as exc:
        unique: dict[tuple[str, tuple[Any, ...], str], Finding] = {}
        for err in exc.errors(include_url=False):
            finding = _finding(err)
            unique.setdefault((finding.code, finding.path, repr(sorted(finding.args.items()))), finding)
        return None, tuple(unique.values())
    except (RecursionError, OverflowError, ValueError) as exc:  # pragma: no cover - defensive
        return None, (error("invalid", (), detail=type(exc).__name__),)


def finding_for_error(err: dict[str, Any]) -> Finding:
    """One pydantic error (from `ValidationError.errors()`) of any cap135 model as a finding."""
    return _finding(err)

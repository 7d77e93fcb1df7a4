"""Plain data → Plan, with pydantic's errors turned into positioned findings.

:func:`validation_findings` is the one translator from a pydantic ``ValidationError`` to
findings; plans use it here and rate tables in rates.py.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from cap135.findings import Finding, error
from cap135.messages import CATALOGUE, integer_example
from cap135.plan.dates import impossible_date
from cap135.plan.model import Plan
from cap135.plan.yaml_loader import visible

_MONEY_FIELDS = frozenset({"amount", "ceiling"})
# Of many findings of one kind (450,000 unknown keys), this many are kept, and a did-you-mean
# suggestion is looked for in the first SUGGESTED of them; one more finding counts the rest.
MAX_FINDINGS_PER_CODE = 100
# What pydantic adds to an error location besides keys and indexes (when no data is at hand).
_UNION_TAG = re.compile(r"^(~.*|\[key\]|function-.*|constrained-.*|int|str|list\[.*\]|.*\[.*\])$")
SUGGESTED = 100
# Past this many errors, a mapping's unknown keys beyond MAX_FINDINGS_PER_CODE of one kind are
# taken out and counted before the errors are read: pydantic's errors() builds a dict for every
# error (450,000 unknown keys: 300 MB and a second) and all but a screenful would only be counted.
_FLOOD = 10 * MAX_FINDINGS_PER_CODE


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


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """The part of a pydantic error location that names keys and indexes of ``data``.

    Pydantic puts union tags ("int", "str", "list[…]", "function-after[…]") and "[key]" into
    locations; they are told apart from real keys (a key may be named "int" or hold brackets)
    by walking ``data`` itself.
    """
    if data is None:  # no data to walk: drop what looks like a union tag
        return tuple(p for p in loc if not (isinstance(p, str) and _UNION_TAG.match(p)))
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            continue
        node = node[part]
        path.append(part)
    return tuple(path)


def _looks_like_split_text(key: str) -> bool:
    """`{text: Cán bộ …, ban ngành.}` splits at the comma into a key 'ban ngành.'."""
    return " " in key or not key.isascii() or key[:1].isupper() or key.endswith(".")


def _finding(err: Mapping[str, Any], data: Any, suggest: bool = True, names: Sequence[str] = ()) -> Finding:
    kind = err["type"]
    loc = tuple(err["loc"])
    missing = kind == "missing" and bool(loc)  # the missing key itself is not in the data
    path = (*_data_path(loc[:-1], data), loc[-1]) if missing else _data_path(loc, data)
    got = err.get("input")
    ctx = err.get("ctx") or {}
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    if "-" in kind and kind in CATALOGUE:
        # a model's own check, raised as PydanticCustomError(code, English text, arguments)
        return error(kind, path, **ctx)
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        shown = visible(key, 80)  # a key can be 100,000 characters, or hold an ESC
        if _unknown_key_code(key) == "unknown-key-text":
            return Finding("error", "unknown-key-text", {"key": shown}, path, key=True)
        match = difflib.get_close_matches(key, names, n=1, cutoff=0.6) if suggest and names else []
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


def _unknown_key_code(key: object) -> str:
    """The finding code _finding gives an unknown key."""
    return "unknown-key-text" if _looks_like_split_text(str(key)) else "unknown-key"


@cache
def fields_of(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """The keys a model accepts (names and aliases), each with the one model its value is
    validated by (also as list items), or None (a plain value, or a union of models)."""
    fields: dict[str, type[BaseModel] | None] = {}
    for name, info in model.model_fields.items():
        models = set(_models_in(info.annotation))
        sub = models.pop() if len(models) == 1 else None
        fields[name] = sub
        if info.alias:
            fields[info.alias] = sub
    return fields


def without_flood(data: Any, model: type[BaseModel], dropped: dict[str, int]) -> Any:
    """``data`` for ``model`` with each mapping's unknown keys past MAX_FINDINGS_PER_CODE of one
    finding code taken out and counted in ``dropped``; what is unchanged is returned as is.

    The findings shown stay the same: pydantic reports a mapping's unknown keys in their order,
    and past MAX_FINDINGS_PER_CODE of a code findings are only counted.
    """
    if isinstance(data, list):
        items = [without_flood(item, model, dropped) for item in data]
        return data if all(new is old for new, old in zip(items, data, strict=True)) else items
    if not isinstance(data, dict):
        return data
    fields = fields_of(model)
    kept: dict[Any, Any] = {}
    unknown: dict[str, int] = {}
    changed = False
    for key, value in data.items():
        if key in fields:
            sub = fields[key]
            kept[key] = value if sub is None else without_flood(value, sub, dropped)
            changed = changed or kept[key] is not value
            continue
        code = _unknown_key_code(key)
        unknown[code] = unknown.get(code, 0) + 1
        if unknown[code] > MAX_FINDINGS_PER_CODE:
            dropped[code] = dropped.get(code, 0) + 1
            changed = True
            continue
        kept[key] = value
    return kept if changed else data


def validation_findings(
    exc: ValidationError, data: Any, field_names: Sequence[str] = (), counted: Mapping[str, int] | None = None
) -> tuple[Finding, ...]:
    """The findings of a pydantic ValidationError raised on ``data``: one per distinct problem.

    ``field_names`` are the names an unknown key may be a misspelling of; ``counted`` the
    findings already taken out of ``data`` by code (without_flood). Past
    MAX_FINDINGS_PER_CODE findings of one code the rest are counted in one "more-findings"
    finding, and suggestions are looked for only in the first SUGGESTED unknown keys: a file
    with 450,000 unknown keys is answered in seconds, with a screenful of findings.
    """
    unique: dict[tuple[str, tuple[Any, ...], str], Finding] = {}
    per_code: dict[str, int] = {}
    dropped: dict[str, int] = dict(counted or {})  # findings taken out before (without_flood)
    code_of_kind: dict[tuple[Any, ...], str] = {}  # _flood_kind → the code of its last finding
    for err in exc.errors(include_url=False):
        kind = _flood_kind(err)
        code = code_of_kind.get(kind)
        if code is not None and per_code.get(code, 0) >= MAX_FINDINGS_PER_CODE:
            # a flood of one kind: counted without building a finding for each
            dropped[code] = dropped.get(code, 0) + 1
            continue
        seen = per_code.get("unknown-key", 0)
        finding = _finding(err, data, suggest=seen < SUGGESTED, names=field_names)
        code_of_kind[kind] = finding.code
        key = (finding.code, finding.path, repr(sorted(finding.args.items())))
        if key in unique:
            continue
        count = per_code.get(finding.code, 0)
        if count >= MAX_FINDINGS_PER_CODE:
            dropped[finding.code] = dropped.get(finding.code, 0) + 1
            continue
        per_code[finding.code] = count + 1
        unique[key] = finding
    more = [error("more-findings", (), count=dropped[code], kind=code) for code in sorted(dropped)]
    return (*unique.values(), *more)


def _flood_kind(err: Mapping[str, Any]) -> tuple[Any, ...]:
    """What decides the finding code of a pydantic error, found without building the finding:
    errors of one kind past MAX_FINDINGS_PER_CODE are counted under the code of the last."""
    loc = err["loc"]
    if err["type"] == "extra_forbidden":
        return ("extra_forbidden", _unknown_key_code(loc[-1]) if loc else "")
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")
    return (err["type"], field, type(err.get("input")))


def _version_finding(data: dict[str, Any]) -> Finding | None:
    """`version: true` or `1.0` is not version 1 (pydantic's Literal[1] would take both)."""
    value = data.get("version")
    if "version" in data and value == 1 and type(value) is not int:
        return error("bad-version", ("version",), got=show_value(value))
    return None


def build_plan(data: Any) -> tuple[Plan | None, tuple[Finding, ...]]:
    """Validate loaded data into a Plan; all structural problems at once."""
    if not isinstance(data, dict):
        kind = "danh sách / a list" if isinstance(data, list) else show_value(data)
        return None, (error("not-a-plan", (), kind=kind),)
    version = _version_finding(data)
    if version is not None:
        data = {**data, "version": 1}  # the other problems are still reported
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        counted: dict[str, int] = {}
        if exc.error_count() > _FLOOD:
            data = without_flood(data, Plan, counted)
        if counted:
            try:
                Plan.model_validate(data)
            except ValidationError as fewer:  # always: the first unknown keys are kept
                exc = fewer
        findings = validation_findings(exc, data, _all_field_names(), counted)
        return None, (*((version,) if version else ()), *findings)
    except (RecursionError, OverflowError, ValueError) as exc:  # pragma: no cover - defensive
        return None, (error("invalid", (), detail=type(exc).__name__),)
    if version is not None:
        return None, (version,)
    return plan, ()


def finding_for_error(err: Mapping[str, Any], data: Any = None) -> Finding:
    """One pydantic error (from `ValidationError.errors()`) of any cap135 model as a finding.

    With the validated ``data`` its location is matched against the data's keys (a key may be
    named "int" or hold brackets); without, pydantic's union tags are recognised by their form.
    """
    return _finding(err, data)

"""The sandboxed Jinja environment a template renders in, and the bounds of its work."""

import contextlib
import re
import signal
import threading
from collections.abc import Iterator
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment, safe_range

MAX_REPEAT = 1_000_000  # characters or items a `*` may build
MAX_POWER_BITS = 4096  # size of an integer a `**` may build
MAX_RANGE_ITEMS = 1_000_000  # numbers all the range() calls of one rendering may produce together
MAX_RENDERED_BYTES = 256 * 2**20  # text one part of the template may render to
# libxml2 refuses (or, recovering as docxtpl parses, silently cuts) a text node longer than this
# (XML_MAX_TEXT_LENGTH) unless told to parse a huge tree.
MAX_NODE_TEXT = 10_000_000
RENDER_SECONDS = 120  # wall-clock bound of one rendering (the main thread only: SIGALRM)
# The text between two tags. Matched as a whole run, so the scan is linear: a counted minimum
# (`[^<]{2500000,}`) restarts at every character of a shorter run, quadratic in its length.
_TEXT_RUN = re.compile("[^<]+")


class RenderLimit(Exception):
    """The template's code ran past a bound of the sandbox; the message says which."""


class _BoundedTemplate(jinja2.Template):
    """A template whose output is checked as it is produced (Template.generate, public API):
    no more than MAX_RENDERED_BYTES in all, no text node libxml2 would cut."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        chunks: list[str] = []
        size = 0
        for chunk in self.generate(*args, **kwargs):
            size += len(chunk)
            if size > MAX_RENDERED_BYTES:
                raise RenderLimit(
                    f"the rendered text is larger than {MAX_RENDERED_BYTES // 2**20} MiB "
                    "(a loop that repeats too much?)"
                )
            chunks.append(chunk)
        text = "".join(chunks)
        for match in _TEXT_RUN.finditer(text):
            # a run under a quarter of the limit cannot reach it (at most 4 UTF-8 bytes a character)
            if match.end() - match.start() >= MAX_NODE_TEXT // 4 and (
                len(match.group().encode("utf-8")) >= MAX_NODE_TEXT
            ):
                raise RenderLimit(
                    f"a text in the document would be longer than {MAX_NODE_TEXT:,} bytes, "
                    "more than Word's XML reader takes in one piece"
                )
        return text


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, stricter: unsafe access fails at once, and the template's code is bounded.

    The stock sandbox returns an undefined value for an unsafe attribute and fails only when that
    value is printed, so ``{{ ['a']|map('attr', '__class__')|list }}`` renders "[Undefined]". Here
    any unsafe access is a :class:`SecurityError`. ``{{ 'a' * 10**10 }}`` and ``{{ 9**9**9 }}`` are
    refused instead of running (the stock optimiser even folds them while compiling). The numbers
    all ``range()`` calls produce are counted (two nested ``range(100000)`` loops are refused, not
    run for hours), and the output of each part is bounded (:class:`_BoundedTemplate`).

    ``last_source`` is the text of the last part handed to Jinja (docxtpl's preprocessed XML), so
    an error can quote the tag around it.
    """

    intercepted_binops = frozenset({"*", "**"})
    template_class = _BoundedTemplate

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.range_items = 0
        self.last_source: str | None = None

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if isinstance(source, str):
            self.last_source = source
        return super().from_string(source, globals, template_class)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if obj is safe_range:
            try:
                # range() takes no keywords; Jinja adds its own (_loop_vars) inside loops
                count = len(range(*args))
            except (TypeError, ValueError, OverflowError):
                count = 0  # let range() itself raise its error
            self.range_items += count
            if self.range_items > MAX_RANGE_ITEMS:
                raise SecurityError(
                    f"the sandbox refuses range(): the template's loops would count more than "
                    f"{MAX_RANGE_ITEMS:,} numbers in all."
                )
        return super().call(context, obj, *args, **kwargs)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise SecurityError(f"the sandbox refuses {left} ** {right} (too large a number).")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, bytes, list, tuple))
                    and isinstance(count, int)
                    and len(seq) * count > MAX_REPEAT
                ):
                    raise SecurityError(
                        f"the sandbox refuses to repeat a value {count} times (limit {MAX_REPEAT} items)."
                    )
        return super().call_binop(context, operator, left, right)


def new_environment() -> Sandbox:
    return Sandbox(autoescape=True, undefined=jinja2.StrictUndefined)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise RenderLimit in the block after ``seconds`` (wall clock), through SIGALRM.

    Only the main thread receives signals; elsewhere the block runs unbounded in time (the
    sandbox's range and output bounds still hold).
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise RenderLimit(f"the template ran longer than {seconds:g} seconds (a loop that never ends?)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

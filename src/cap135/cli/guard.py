"""What a command may write, decided before it runs: the one place every output goes through.

Every command of cap135 is a `GuardedCommand` (tests/cli/test_run_safety.py reads the command
tree to hold that; cli/app.py registers each with its class). A command that writes names its
output parameter ``output`` (``-o``, ``--write``, init's FILE), parsed by
`documents.atomic_files.output_target` (a trailing separator names a folder), and declares with
`writing` the extensions it writes and the ``--format`` that must agree with them. Before the
command's function runs, `GuardedCommand.invoke`:

1. collects the inputs: every path parameter but ``output`` (plans, results files, the template,
   the plan of ``init --results``) and every file they lead to (`cli/run_inputs.discover`: the plan
   a results file names, the rate tables of the ``extends`` chain, the files cap135 ships);
2. refuses an output that is one of them — by its path, a symlink or a hard link — with exit 2
   and ``output-is-input``, before anything else about the run is checked: a plan with errors,
   a bad option or a wrong extension come after;
3. checks the output path itself (a folder, a device, a folder that does not exist, a name too
   long) and, for ``--pdf``, the PDF beside it;
4. checks that the format and the extension agree; without ``--format`` the extension picks the
   format, which the command then receives as its ``--format``;
5. runs the command with the inputs registered in the one writer (`documents.atomic_files.
   protecting`, which checks every write again, a path the command derives itself included) and
   the files read in step 1 handed over to the command's own reading (`plan_file.reading_once`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from cap135.cli.i18n import LocalizedCommand

__all__ = ["GuardedCommand", "Writes", "writing"]

OUTPUT = "output"  # the name of every output parameter


@dataclass(frozen=True)
class Writes:
    """The files a command writes: each extension with its format (None: the command writes one
    kind of file), the ``--format`` parameter that must agree, a flag that adds a PDF beside, the
    output when the command line gives none, the message for another extension, and extensions
    the command knows but refuses with a message of its own (fit --write of a workbook)."""

    formats: Mapping[str, str | None]
    format_option: str | None = None
    pdf_option: str | None = None
    default: Callable[[Mapping[str, Any]], Path] | None = None  # the output when none is given
    other_extension: str = "output-needs-extension"
    refused: Mapping[str, str] = field(default_factory=dict)


class GuardedCommand(LocalizedCommand):
    """A command whose outputs are checked against its inputs before it runs (see the module doc)."""

    writes: ClassVar[Writes | None] = None

    def invoke(self, ctx: Any) -> Any:
        outputs = self._outputs(ctx)
        if not outputs:
            return super().invoke(ctx)
        from cap135.cli.run_inputs import discover
        from cap135.documents.atomic_files import check_output_path, protecting, refuse_input
        from cap135.plan.plan_file import reading_once

        with reading_once():
            inputs = discover(self._inputs(ctx)).files
            with protecting(inputs):
                for path in outputs:  # first: whatever else is wrong with the run
                    refuse_input(path)
                for path in outputs:
                    check_output_path(path)
                self._check_format(ctx, outputs[0])
                return super().invoke(ctx)

    def _inputs(self, ctx: Any) -> list[Path]:
        found: list[Path] = []
        for name, value in ctx.params.items():
            if name == OUTPUT:
                continue
            if isinstance(value, Path):
                found.append(value)
            elif isinstance(value, (list, tuple)):
                found.extend(v for v in value if isinstance(v, Path))
        return found

    def _outputs(self, ctx: Any) -> list[Path]:
        spec = self.writes
        if ctx.params.get(OUTPUT) is None and spec is not None and spec.default is not None:
            ctx.params[OUTPUT] = spec.default(ctx.params)  # init's kehoach.yaml, PLAN.results.yaml
        output = ctx.params.get(OUTPUT)
        if not isinstance(output, Path):
            return []
        found = [output]
        if spec is not None and spec.pdf_option and ctx.params.get(spec.pdf_option):
            found.append(output.with_suffix(".pdf"))
        return found

    def _check_format(self, ctx: Any, output: Path) -> None:
        from cap135.documents.atomic_files import OutputError, format_for
        from cap135.errors import Cap135Error

        spec = self.writes
        assert spec is not None, f"{ctx.info_name} has an output parameter: give it cls=writing(…)"
        suffix = output.suffix.lower()
        if suffix in spec.refused:
            raise Cap135Error(spec.refused[suffix], path=output)
        if spec.format_option is None:
            if suffix not in spec.formats:
                choices = " / ".join(spec.formats)
                raise OutputError(
                    f"Refusing to write {output}: cap135 {ctx.info_name} writes {choices} files.",
                    output,
                    spec.other_extension,
                    command=ctx.info_name,
                    choices=choices,
                )
            return
        current = ctx.params[spec.format_option]
        source = ctx.get_parameter_source(spec.format_option)  # public Context API; compared by name
        explicit = source is not None and source.name != "DEFAULT"
        formats = {ext: fmt for ext, fmt in spec.formats.items() if fmt is not None}
        chosen = format_for(output, current.value if explicit else None, formats)
        ctx.params[spec.format_option] = type(current)(chosen)


def writing(
    formats: Mapping[str, str | None],
    *,
    format_option: str | None = None,
    pdf_option: str | None = None,
    default: Callable[[Mapping[str, Any]], Path] | None = None,
    other_extension: str = "output-needs-extension",
    refused: Mapping[str, str] | None = None,
) -> type[GuardedCommand]:
    """The command class of a command that writes ``formats`` (see `Writes`)."""
    spec = Writes(dict(formats), format_option, pdf_option, default, other_extension, dict(refused or {}))
    return type("WritingCommand", (GuardedCommand,), {"writes": spec})

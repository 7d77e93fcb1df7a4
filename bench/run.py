"""Whole-process benchmark of cap135 validate / cost / render against measured floors.

    python bench/run.py            # full run (a few minutes)
    python bench/run.py --quick    # smoke run (well under a minute)
    python bench/run.py --write    # also write bench/RESULTS.md

Every measurement is a fresh process (``sys.executable -m cap135 …``): wall time from spawn to
exit, and peak resident memory of that one child from ``os.wait4`` (ru_maxrss). The floors are
measured in the same run on the same files: a bare ``import typer, yaml, pydantic`` and a libyaml
(CSafeLoader) parse of the plan. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
REAL_PLAN = ROOT / "plans" / "quang-tri-2020.yaml"
RESULTS = BENCH_DIR / "RESULTS.md"

GENERATE = BENCH_DIR / "generate.py"
PY = sys.executable
BARE_IMPORTS = "import typer, yaml; from pydantic import BaseModel"
LIBYAML_PARSE = "import yaml,sys; yaml.load(open(sys.argv[1],'rb'), Loader=yaml.CSafeLoader)"

# Targets of issue 6.
COST_OVER_PARSE = 2.5  # cost(2,000 groups) ≤ 2.5 × libyaml parse of the same file
GROWTH_LIMIT = 4.6  # time(4× plan) / time(plan) ≤ 4.6
VALIDATE_OVER_IMPORTS = 2.0  # validate(quang-tri-2020) ≤ 2 × bare imports
RENDER_GROUPS = 200  # issue 11: the render target's plan (the 2,000-group target is retired)
RENDER_SECONDS = 3.0  # render(200 groups) ≤ 3 s with stock docxtpl
RENDER_MIB = 300.0  # … and ≤ 300 MB peak
# Issue 12.
TABLE_OVER_JSON = 2.0  # cost / diff table output of the largest plan ≤ 2 × its JSON output
UNKNOWN_KEYS = 450_000  # a plan with this many unknown keys …
UNKNOWN_KEYS_SECONDS = 5.0  # … is validated in < 5 s (did-you-mean work and findings are capped)
TABLE_RUNS = 1  # the table outputs are slow (a minute each before issue 12): one timed run


@dataclass(frozen=True)
class Size:
    label: str
    groups: int | None  # None: the shipped real plan
    tours: int
    runs: int
    render: bool = True


# The last two sizes are the growth pair (mid, big); render is measured on RENDER_GROUPS only.
FULL = (
    Size("1× (quang-tri-2020)", None, 0, 9),
    Size("200 g × 25 t", 200, 25, 5),
    Size("2,000 g × 100 t", 2000, 100, 3, render=False),
    Size("8,000 g × 400 t", 8000, 400, 3, render=False),
)
QUICK = (
    Size("1× (quang-tri-2020)", None, 0, 3),
    Size("200 g × 25 t", 200, 25, 1),
    Size("200 g × 25 t", 200, 25, 1, render=False),
    Size("800 g × 100 t", 800, 100, 1, render=False),
)
FLOOR_RUNS = 9
SKIPPED = "not measured at this size"


@dataclass
class Measure:
    """Runs of one command: wall seconds and peak RSS (KiB) per run, or why it failed."""

    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the child
    rss_kib: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_kib) / 1024

    def cell(self) -> str:
        if self.error == SKIPPED:
            return f"— ({SKIPPED})"
        if not self.ok:
            return f"unavailable ({self.error})" if self.error else "—"
        return f"{self.median:.3f} s · {self.peak_mib:.0f} MB"


@dataclass
class Row:
    size: Size
    path: Path
    mib: float
    classes: int
    groups: int
    tours: int
    results: dict[str, Measure] = field(default_factory=dict)
    other: Path | None = None  # the same size with the next seed: the `diff` partner


def child_env(work: Path, src: Path | None) -> dict[str, str]:
    """The environment of every measured process: bytecode cached, as on an installed machine.

    A PYTHONDONTWRITEBYTECODE=1 shell would make every run recompile cap135 (an editable install
    keeps no .pyc); the cache goes to a private prefix so nothing is written beside the sources.
    With `src`, the cap135 package in that directory is measured instead of the installed one.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(src), env.get("PYTHONPATH"))))
    return env


ENV: dict[str, str] | None = None


def run_once(argv: list[str], cwd: Path) -> tuple[float, float, int, int, str]:
    """Spawn `argv`, wait for it; (wall s, cpu s, peak RSS KiB, exit code, stderr tail)."""
    with tempfile.TemporaryFile(dir=cwd) as out, tempfile.TemporaryFile(dir=cwd) as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=ENV, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped by wait4; tell Popen
        tail = ""
        if code != 0:
            out.seek(0)
            err.seek(0)
            text = err.read().decode("utf-8", "replace") + "\n" + out.read().decode("utf-8", "replace")
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            # the first finding says why; failing that, the last line of stderr
            tail = next((line for line in lines if "error[" in line), lines[0] if lines else "")
            tail = tail.replace(str(cwd) + os.sep, "")
    # ru_maxrss is KiB on Linux, bytes on macOS
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, rss, code, tail


def measure(
    argv: list[str], runs: int, cwd: Path, expect: int = 0, check=None, warm_up: bool = True
) -> Measure:
    """One untimed warm-up (page cache, .pyc) unless told otherwise, then `runs` timed runs."""
    result = Measure()
    first = 0 if warm_up else 1
    for i in range(first, runs + 1):
        wall, cpu, rss, code, tail = run_once(argv, cwd)
        if code != expect:
            result.error = f"exit {code}: {tail[:160]}" if tail else f"exit {code}"
            return result
        if check is not None and (problem := check()):
            result.error = problem
            return result
        if i:
            result.times.append(wall)
            result.cpu.append(cpu)
            result.rss_kib.append(rss)
    return result


def cap135(*args: str) -> list[str]:
    return [PY, "-m", "cap135", *args]


def render_available(cwd: Path) -> str | None:
    """None when `cap135 render` exists, else why not."""
    proc = subprocess.run(
        cap135("render", "--help"), cwd=cwd, env=ENV, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        return f"`cap135 render --help` exit {proc.returncode}" + (f": {lines[-1][:120]}" if lines else "")
    return None


def prepare(sizes: tuple[Size, ...], work: Path, seed: int) -> list[Row]:
    """Generate the plans in child processes: this process must stay small (see own_peak_mib)."""
    rows = []
    for size in sizes:
        if size.groups is None:
            path = REAL_PLAN
        else:
            path = work / f"plan-{size.groups}g-{size.tours}t-s{seed}.yaml"
            args = ["--groups", str(size.groups), "--tours", str(size.tours), "--seed", str(seed)]
            subprocess.run([PY, str(GENERATE), *args, "-o", str(path)], check=True)
        out = subprocess.run(
            [PY, str(GENERATE), "--stats", str(path)], check=True, capture_output=True, text=True
        ).stdout
        n = json.loads(out)
        rows.append(Row(size, path, n["bytes"] / 2**20, n["classes"], n["groups"], n["tours"]))
    big = rows[-1]
    if big.size.groups is not None:
        other = work / f"plan-{big.size.groups}g-{big.size.tours}t-s{seed + 1}.yaml"
        args = ["--groups", str(big.size.groups), "--tours", str(big.size.tours), "--seed", str(seed + 1)]
        subprocess.run([PY, str(GENERATE), *args, "-o", str(other)], check=True)
        big.other = other
    return rows


def own_peak_mib() -> float:
    """This process's peak RSS. A child's ru_maxrss is never below its parent's peak at fork
    (Linux carries the forked copy's high-water mark across exec), so this is the floor under
    every memory figure: it must stay below the smallest one (the bare imports)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def bench(rows: list[Row], work: Path, floor_runs: int, log) -> tuple[Measure, str | None]:
    log(f"bare imports ({floor_runs} runs)")
    bare = measure([PY, "-c", BARE_IMPORTS], floor_runs, work)
    render_missing = render_available(work)
    for row in rows:
        runs, plan = row.size.runs, str(row.path)
        log(f"{row.size.label}: {row.path.name} ({row.mib:.1f} MiB, {runs} runs each)")
        row.results["parse"] = measure([PY, "-c", LIBYAML_PARSE, plan], runs, work)
        row.results["validate"] = measure(cap135("validate", plan), runs, work)
        row.results["cost"] = measure(cap135("cost", plan, "--format", "json"), runs, work)
        if not row.size.render:
            row.results["render"] = Measure(error=SKIPPED)
        elif render_missing:
            row.results["render"] = Measure(error=render_missing)
        else:
            docx = work / "x.docx"

            def docx_written(docx: Path = docx) -> str | None:
                ok = docx.is_file() and docx.stat().st_size > 0
                return None if ok else "no .docx written"

            row.results["render"] = measure(
                cap135("render", plan, "-o", str(docx)), runs, work, check=docx_written
            )
        for name in ("parse", "validate", "cost", "render"):
            m = row.results[name]
            log(f"    {name:9} {m.cell()}" + (f" (cpu {m.cpu_median:.3f} s)" if m.ok else ""))
    big = rows[-1]
    plan, other = str(big.path), str(big.other or big.path)
    log(f"{big.size.label}: table outputs against JSON ({TABLE_RUNS} run each)")
    # the files and .pyc are warm from the runs above: no warm-up run of these slow commands
    once = {"runs": TABLE_RUNS, "cwd": work, "warm_up": False}
    big.results["cost table"] = measure(cap135("cost", plan), **once)
    big.results["cost json (table run)"] = measure(cap135("cost", plan, "--format", "json"), **once)
    big.results["diff table"] = measure(cap135("diff", plan, other), **once)
    big.results["diff json"] = measure(cap135("diff", plan, other, "--format", "json"), **once)
    unknown = work / "unknown-keys.yaml"
    write_unknown_keys(unknown, UNKNOWN_KEYS)
    log(f"validate with {UNKNOWN_KEYS:,} unknown keys")
    big.results["unknown keys"] = measure(cap135("validate", str(unknown)), expect=1, **once)
    for name in ("cost table", "cost json (table run)", "diff table", "diff json", "unknown keys"):
        log(f"    {name:22} {big.results[name].cell()}")
    return bare, render_missing


def write_unknown_keys(path: Path, count: int) -> None:
    """The real plan with `count` unknown top-level keys appended (issue 12's 36-second case)."""
    text = REAL_PLAN.read_text(encoding="utf-8").rstrip("\n") + "\n"
    extra = "".join(f"unknown_field_{i}: {i}\n" for i in range(count))
    path.write_text(text + extra, encoding="utf-8")


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    limit: str
    result: str  # PASS | FAIL | n/a
    cpu: str = ""  # the same ratio on CPU time (user + system), less sensitive to other load


def verdicts(rows: list[Row], bare: Measure, quick: bool) -> list[Verdict]:
    real, mid, big = rows[0], rows[-2], rows[-1]
    shown = next(r for r in rows if r.size.groups == RENDER_GROUPS and r.size.render)
    out: list[Verdict] = []

    def ratio(a: Measure, b: Measure) -> float | None:
        return a.median / b.median if a.ok and b.ok else None

    def cpu_ratio(a: Measure, b: Measure) -> str:
        return f"{a.cpu_median / b.cpu_median:.2f}×" if a.ok and b.ok else ""

    def verdict(
        target: str, value: float | None, limit: float, fmt: str, strict: bool = False, cpu: str = ""
    ) -> None:
        sign = "<" if strict else "≤"
        if value is None:
            out.append(Verdict(target, "unavailable", f"{sign} {limit:g}", "n/a"))
            return
        passed = value < limit if strict else value <= limit
        result = "PASS" if passed else "FAIL"
        out.append(Verdict(target, fmt.format(value), f"{sign} {limit:g}", result, cpu))

    m, b = mid.size.label, big.size.label
    verdict(
        f"cost({m}) / libyaml parse of the same file",
        ratio(mid.results["cost"], mid.results["parse"]),
        COST_OVER_PARSE,
        "{:.2f}×",
        cpu=cpu_ratio(mid.results["cost"], mid.results["parse"]),
    )
    for cmd in ("cost", "validate"):
        verdict(
            f"{cmd} time({b}) / time({m})",
            ratio(big.results[cmd], mid.results[cmd]),
            GROWTH_LIMIT,
            "{:.2f}×",
            cpu=cpu_ratio(big.results[cmd], mid.results[cmd]),
        )
    verdict(
        "validate(quang-tri-2020) / bare imports",
        ratio(real.results["validate"], bare),
        VALIDATE_OVER_IMPORTS,
        "{:.2f}×",
        cpu=cpu_ratio(real.results["validate"], bare),
    )
    render, r = shown.results["render"], shown.size.label
    verdict(
        f"render({r}) wall time, s",
        render.median if render.ok else None,
        RENDER_SECONDS,
        "{:.2f} s",
        cpu=f"{render.cpu_median:.2f} s" if render.ok else "",
    )
    verdict(f"render({r}) peak RSS, MB", render.peak_mib if render.ok else None, RENDER_MIB, "{:.0f} MB")
    res = big.results
    for cmd, json_run in (("cost", "cost json (table run)"), ("diff", "diff json")):
        verdict(
            f"{cmd}({b}) table / {cmd} --format json",
            ratio(res[f"{cmd} table"], res[json_run]),
            TABLE_OVER_JSON,
            "{:.2f}×",
            cpu=cpu_ratio(res[f"{cmd} table"], res[json_run]),
        )
    keys = res["unknown keys"]
    verdict(
        f"validate(quang-tri-2020 + {UNKNOWN_KEYS:,} unknown keys), s",
        keys.median if keys.ok else None,
        UNKNOWN_KEYS_SECONDS,
        "{:.2f} s",
        True,
        cpu=f"{keys.cpu_median:.2f} s" if keys.ok else "",
    )
    if quick:
        out = [Verdict(v.target, v.measured, v.limit, v.result + " (quick)", v.cpu) for v in out]
    return out


def measured_code(src: Path | None) -> str:
    """Which cap135 the child processes import, and its commit."""
    proc = subprocess.run(
        [PY, "-c", "import cap135; print(cap135.__file__)"],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    where = Path(proc.stdout.strip() or "?").parent
    tree = src if src is not None else ROOT
    commit = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(tree), "status", "--porcelain", "--", "."],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not commit:
        return f"{where} (not a git checkout)"
    return f"{where} (commit {commit}{', with uncommitted changes' if dirty else ''})"


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    versions = []
    for dist in ("pydantic", "pydantic-core", "PyYAML", "typer", "docxtpl"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:
            versions.append(f"{dist} ?")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        ("Date (UTC)", datetime.now(UTC).strftime("%Y-%m-%d %H:%M")),
        ("CPU", cpu),
        ("Cores", f"{cores} ({usable} usable)"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()} ({PY})"),
        ("OS", platform.platform()),
        ("Libraries", ", ".join(versions)),
        ("Load average at start (1/5/15 min)", load),
    ]


def report(rows: list[Row], bare: Measure, found: list[Verdict], info, args) -> str:
    mode = "quick smoke run" if args.quick else "full run"
    command = "python bench/run.py" + "".join(
        f" {flag}"
        for flag, on in (
            ("--quick", args.quick),
            (f"--src {args.src}", args.src),
            (f"--seed {args.seed}", args.seed != 1),
            (f"--runs {args.runs}", args.runs),
        )
        if on
    )
    h = "#" * args.level
    lines = [
        f"{h} {args.title}",
        "",
        f"`{command}` ({mode}). Each cell: median wall time of whole processes · highest peak RSS "
        "of those runs. See bench/README.md for what is measured.",
        "",
        f"{h}# Machine",
        "",
        *(f"- **{k}**: {v}" for k, v in info),
        "",
        f"{h}# Times",
        "",
        f"Floor: bare `{BARE_IMPORTS}` = **{bare.cell()}** ({len(bare.times)} runs).",
        "",
        "| plan | file | groups | classes | tours | runs "
        "| libyaml parse | validate | cost --format json | render -o x.docx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        res = r.results
        lines.append(
            f"| {r.size.label} | {r.mib:.2f} MiB | {r.groups:,} | {r.classes:,} | {r.tours:,} | "
            f"{r.size.runs} | {res['parse'].cell()} | {res['validate'].cell()} | {res['cost'].cell()} | "
            f"{res['render'].cell()} |"
        )
    lines += [
        "",
        *(
            f"- {r.size.label}, {name}: {res.cell()}"
            for r in rows[-1:]
            for name, res in r.results.items()
            if name not in ("parse", "validate", "cost", "render")
        ),
        "",
        f"{h}# Targets (issues 6, 11 and 12)",
        "",
        "Judged on median wall time; the last column is the same ratio (or time) in CPU time (user + sys),",
        "a cross-check that other load on the machine did not decide the verdict.",
        "",
        "| target | measured | limit | result | CPU-time ratio |",
        "|---|---:|---:|---|---:|",
    ]
    lines += [f"| {v.target} | {v.measured} | {v.limit} | **{v.result}** | {v.cpu} |" for v in found]
    lines.append("")
    return "\n".join(lines)


# --- fit (issue 15) --------------------------------------------------------------------------
# `cap135 fit` on the real plan over 3 variables of 30 values each (27,000 combinations), whole
# process (spawn and imports included): ≤ 2 s. Two shapes: three groups' class counts (each
# group costed at a few counts, its line verified), and one group's count, size and days (900
# size × days settings, each with its own line in the count).
FIT_SECONDS = 2.0
FIT_CASES = (
    (
        "3 class counts",
        ("tuyen-truyen.classes=1..30", "to-chuc-thuc-hien.classes=1..30", "cong-dong.classes=1..30"),
    ),
    (
        "classes × class_size × days of one group",
        ("cong-dong.classes=1..30", "cong-dong.class_size=20..49", "cong-dong.days=1..30"),
    ),
)


def fit_verdicts(work: Path, runs: int, log) -> list[Verdict]:
    """One verdict per FIT_CASES entry: median wall time of `cap135 fit … --format json`."""
    out = []
    for label, vary in FIT_CASES:
        log(f"fit: {label} …")
        argv = cap135("fit", str(REAL_PLAN), *(x for v in vary for x in ("--vary", v)), "--format", "json")
        m = measure(argv, runs, work)
        target = f"fit({label}; 27,000 combinations) wall time, s"
        if not m.ok:
            out.append(Verdict(target, f"unavailable ({m.error})", f"≤ {FIT_SECONDS:g}", "n/a"))
            continue
        result = "PASS" if m.median <= FIT_SECONDS else "FAIL"
        out.append(
            Verdict(target, f"{m.median:.2f} s", f"≤ {FIT_SECONDS:g}", result, f"{m.cpu_median:.2f} s CPU")
        )
    return out


WORKBOOK_OVER_YAML = 3.0  # issue 23: a plan workbook costs within 3× of the same plan in YAML
WORKBOOK_GROUPS, WORKBOOK_TOURS = 2000, 100


def workbook_verdicts(plan: Path | None, work: Path, runs: int, seed: int, log) -> list[Verdict]:
    """Issue 23: `cost --format json` of a plan workbook against the same plan in YAML.

    The workbook is the YAML plan written by `cap135 convert` (one row per group, listed class,
    lesson and tour); `plan` is a generated 2,000-group YAML plan, or None to generate one."""
    if plan is None:
        plan = work / f"plan-{WORKBOOK_GROUPS}g-{WORKBOOK_TOURS}t-s{seed}.yaml"
        args = ["--groups", str(WORKBOOK_GROUPS), "--tours", str(WORKBOOK_TOURS), "--seed", str(seed)]
        subprocess.run([PY, str(GENERATE), *args, "-o", str(plan)], check=True)
    workbook = plan.with_suffix(".xlsx")
    workbook.unlink(missing_ok=True)
    subprocess.run(
        cap135("convert", str(plan), "-o", str(workbook)), env=ENV, check=True, capture_output=True
    )
    log(f"workbook: cost of {plan.name} and of {workbook.name} ({workbook.stat().st_size / 2**20:.2f} MiB) …")
    from_yaml = measure(cap135("cost", str(plan), "--format", "json"), runs, work)
    from_xlsx = measure(cap135("cost", str(workbook), "--format", "json"), runs, work)
    target = f"cost(plan workbook, {WORKBOOK_GROUPS:,} g × {WORKBOOK_TOURS} t) / cost(same plan in YAML)"
    limit = f"≤ {WORKBOOK_OVER_YAML:g}"
    if not (from_yaml.ok and from_xlsx.ok):
        problem = from_yaml.error or from_xlsx.error
        return [Verdict(target, f"unavailable ({problem})", limit, "n/a")]
    ratio = from_xlsx.median / from_yaml.median
    cpu = f"{from_xlsx.cpu_median / from_yaml.cpu_median:.2f}×"
    measured = f"{ratio:.2f}× ({from_xlsx.median:.2f} s / {from_yaml.median:.2f} s)"
    return [Verdict(target, measured, limit, "PASS" if ratio <= WORKBOOK_OVER_YAML else "FAIL", cpu)]


def fit_report(found: list[Verdict]) -> str:
    lines = ["| target | measured | limit | result | CPU time |", "|---|---:|---:|---|---:|"]
    lines += [f"| {v.target} | {v.measured} | {v.limit} | **{v.result}** | {v.cpu} |" for v in found]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Whole-process benchmark of cap135 (issue 6).")
    parser.add_argument("--quick", action="store_true", help="small plans, few runs: a smoke test")
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated plans")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per command (overrides)")
    parser.add_argument("--keep", type=Path, default=None, help="keep generated plans in this directory")
    parser.add_argument(
        "--src",
        type=Path,
        default=None,
        help="measure the cap135 package in this directory (a patched copy of src/), not the installed one",
    )
    parser.add_argument("--title", default="cap135 benchmark results", help="heading of the report")
    parser.add_argument(
        "--append", action="store_true", help="with --write: add to RESULTS.md, do not replace it"
    )
    parser.add_argument("--fit-only", action="store_true", help="measure only `cap135 fit` (issue 15)")
    parser.add_argument(
        "--workbook-only",
        action="store_true",
        help="measure only a plan workbook's cost against its YAML (issue 23)",
    )
    args = parser.parse_args(argv)
    args.level = 2 if args.append else 1
    if args.src is not None:
        args.src = args.src.resolve()
        if not (args.src / "cap135" / "__init__.py").is_file():
            parser.error(f"--src {args.src}: no cap135 package there")

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    sizes = QUICK if args.quick else FULL
    if args.runs is not None:
        sizes = tuple(Size(s.label, s.groups, s.tours, args.runs, s.render) for s in sizes)
    tmp = tempfile.TemporaryDirectory(prefix="cap135-bench-")
    work = Path(tmp.name)
    global ENV
    ENV = child_env(work, args.src)
    if args.fit_only:
        try:
            fit_found = fit_verdicts(work, args.runs or 5, log)
        finally:
            tmp.cleanup()
        print(fit_report(fit_found))
        return 1 if any(v.result != "PASS" for v in fit_found) else 0
    if args.workbook_only:
        try:
            workbook_found = workbook_verdicts(None, work, args.runs or 3, args.seed, log)
        finally:
            tmp.cleanup()
        print(fit_report(workbook_found))
        return 1 if any(v.result != "PASS" for v in workbook_found) else 0
    info = machine()
    info.insert(6, ("cap135 measured", measured_code(args.src)))
    plans_dir = args.keep.resolve() if args.keep else work
    plans_dir.mkdir(parents=True, exist_ok=True)
    try:
        log("generating plans …")
        rows = prepare(sizes, plans_dir, args.seed)
        floor_runs = args.runs or (3 if args.quick else FLOOR_RUNS)
        bare, render_missing = bench(rows, work, floor_runs, log)
        found = verdicts(rows, bare, args.quick)
        found += fit_verdicts(work, floor_runs, log)
        sized = next((r for r in rows if r.size.groups == WORKBOOK_GROUPS), None)
        found += workbook_verdicts(sized.path if sized else None, work, floor_runs, args.seed, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        tmp.cleanup()
    if hasattr(os, "getloadavg"):
        info.append(("Load average at end (1/5/15 min)", " / ".join(f"{x:.2f}" for x in os.getloadavg())))
    info.append(("Peak RSS of run.py itself (floor of every memory figure)", f"{own_peak_mib():.0f} MB"))
    text = report(rows, bare, found, info, args)
    print(text)
    if render_missing:
        print(f"render: unavailable ({render_missing})")
    if args.write:
        if args.append and RESULTS.exists():
            text = RESULTS.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text
        RESULTS.write_text(text, encoding="utf-8")
        log(f"wrote {RESULTS}")
    # Exit 1 when a target fails (not in a quick run, whose ratios are only indicative) or when
    # validate / cost / the floors could not run; an unavailable render is reported, not fatal.
    broken = [
        f"{row.size.label}: {name}"
        for row in rows
        for name in ("parse", "validate", "cost")
        if not row.results[name].ok
    ] + ([] if bare.ok else ["bare imports"])
    if broken:
        log("could not measure: " + "; ".join(broken))
    failed = not args.quick and any(v.result == "FAIL" for v in found)
    return 1 if failed or broken else 0


if __name__ == "__main__":
    sys.exit(main())

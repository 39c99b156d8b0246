#!/usr/bin/python3
"""Run rill's benchmarks and record them in docs/benchmarks.md.

Protocol: every executable build/bin/bench_* accepts `--filter S` and prints one JSON object per
line on stdout:

    {"bench": "core.chain8", "value": X, "peer": Y, "unit": "msgs/s", "ratio": X/Y}

(peer/ratio null where there is no peer; extra keys such as "notes", "extra" or "target" (a
string shown in the table's target column) are allowed and kept). Any other stdout line is
passed through to stderr. The Python benchmarks bench/python/bench_*.py follow the same protocol;
they run under Debian's python (--python, default /usr/bin/python3) with
PYTHONPATH=<build-dir>/python, and are skipped with a warning when the rill module is not built.

This script runs each benchmark in turn (passing `--filter F` through and also keeping only
results whose "bench" contains F), echoes the JSON lines on stdout, and rewrites the generated
part of docs/benchmarks.md: everything above the line `<!-- generated below -->` is hand-written
and kept; below it, one table row per benchmark, merged with the rows already there, so running
a filtered subset updates only those rows.

Run it with Debian's python: /usr/bin/python3 scripts/bench.py [--filter F] (or `make bench`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "<!-- generated below -->"
DATA_BEGIN = "<!-- bench-data (machine-readable copy of the table; keep for merging)"
DATA_END = "-->"
DEFAULT_INTRO = """# Benchmarks

Numbers from `make bench` on the machine named in each row. Every rill benchmark is run next to a
peer built and measured in the same run (TBB flow graph, plain Python, `ffmpeg -f null`, a bare
HTTP server, ...) and `ratio` = rill / peer (higher is better for rates; see each row's unit).
Absolute numbers on a shared 2-core machine are noise; the ratio is the result.

Run `make bench` to refresh every row, or `make bench FILTER=core.chain8` for the matching ones.
Rows `peer.*` are the peers on their own.
"""
COLUMNS = ["bench", "value", "unit", "peer", "ratio", "target", "date", "machine", "notes"]
# Targets of rows whose benchmark does not report one itself (the JSON key "target" wins).
DEFAULT_TARGETS = {
    "core.chain8": "ratio ≥ 1.0 (aim 2)",
    "core.fan8": "ratio ≥ 0.7",
    "core.streams1000.rss_per_node": "≤ 20 KB",
    "core.streams1000.peak_threads": "≤ cores + 4",
}
DEBIAN_PYTHON = "/usr/bin/python3"


def log(msg: str) -> None:
    print(f"bench.py: {msg}", file=sys.stderr, flush=True)


def machine() -> str:
    try:
        ncpu = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        ncpu = os.cpu_count() or 0
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            if line.lower().startswith("model name"):
                model = " ".join(line.split(":", 1)[1].split())
                break
    except OSError:
        pass
    return f"{ncpu} × {model}"


def fmt_num(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    a = abs(v)
    if a >= 1000:
        return f"{v:,.0f}"
    if a == 0:
        return "0"
    if isinstance(v, int):
        return str(v)
    return f"{v:.{max(3 - int(math.floor(math.log10(a))) - 1, 0)}f}" if a >= 1 else f"{v:.3g}"


def fmt_ratio(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, (int, float)) and math.isfinite(v):
        return f"{v:.2f}"
    return str(v)


def notes_cell(r: dict) -> str:
    """The row's "notes" plus its scalar "extra" values (lists and objects stay in the data)."""
    parts = [str(r["notes"])] if r.get("notes") else []
    extra = r.get("extra")
    if isinstance(extra, dict):
        kv = [
            f"{k}={json.dumps(v) if isinstance(v, bool) else fmt_num(v) if isinstance(v, (int, float)) else v}"
            for k, v in extra.items()
            if isinstance(v, (str, int, float, bool))
        ]
        if kv:
            parts.append("; ".join(kv))
    return " — ".join(parts)


def md_cell(s: str) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def find_executables(build_dir: Path) -> list[Path]:
    bin_dir = build_dir / "bin"
    if not bin_dir.is_dir():
        return []
    return sorted(
        p for p in bin_dir.glob("bench_*") if p.is_file() and os.access(p, os.X_OK)
    )


def find_python_benchmarks() -> list[Path]:
    return sorted(p for p in (ROOT / "bench" / "python").glob("bench_*.py") if p.is_file())


def python_module_built(build_dir: Path) -> bool:
    return any((build_dir / "python").glob("rill*.so"))


def build_type(build_dir: Path) -> str | None:
    cache = build_dir / "CMakeCache.txt"
    try:
        for line in cache.read_text(errors="replace").splitlines():
            if line.startswith("CMAKE_BUILD_TYPE:"):
                return line.split("=", 1)[1].strip()
    except OSError:
        return None
    return None


def normalise(obj: dict) -> dict | None:
    """Checks one result; fills ratio from value/peer when the benchmark left it out."""
    if not isinstance(obj, dict) or not isinstance(obj.get("bench"), str):
        return None
    if "value" not in obj:
        return None
    obj.setdefault("unit", "")
    obj.setdefault("peer", None)
    if obj.get("ratio") is None and obj["peer"] not in (None, 0) and obj["value"] is not None:
        try:
            obj["ratio"] = obj["value"] / obj["peer"]
        except (TypeError, ZeroDivisionError):
            obj["ratio"] = None
    obj.setdefault("ratio", None)
    return obj


def run_one(
    cmd: list[str], filt: str | None, timeout: float, env: dict[str, str] | None = None
) -> tuple[list[dict], int]:
    argv = cmd + (["--filter", filt] if filt else [])
    name = Path(cmd[-1]).name
    log(f"running {' '.join(argv)}")
    results: list[dict] = []
    # Own process group, so a timeout also kills whatever the benchmark started.
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        bufsize=1,
        cwd=ROOT,
        start_new_session=True,
        env=env,
    )

    def kill_group() -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill_group)
    timer.start()
    try:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.strip()
            if not line:
                continue
            try:
                obj = normalise(json.loads(line))
            except json.JSONDecodeError:
                obj = None
            if obj is None:
                print(f"[{name}] {line}", file=sys.stderr, flush=True)
                continue
            if filt and filt not in obj["bench"]:
                continue
            print(json.dumps(obj, ensure_ascii=False), flush=True)
            results.append(obj)
        rc = proc.wait()
    except BaseException:  # Ctrl-C: the child is in its own session and did not get it
        kill_group()
        proc.wait()
        raise
    finally:
        timed_out = not timer.is_alive() and proc.returncode not in (None, 0)
        timer.cancel()
    if rc != 0:
        why = f"killed after {timeout:.0f} s" if timed_out else f"exit status {rc}"
        log(f"error: {name} failed ({why})")
    return results, rc


def read_doc(path: Path) -> tuple[str, dict[str, dict]]:
    """Returns (hand-written intro, rows by bench name) from an existing benchmarks.md."""
    if not path.exists():
        return DEFAULT_INTRO, {}
    text = path.read_text(encoding="utf-8")
    if MARKER not in text:
        # No marker yet: the whole file is treated as the intro.
        return text.rstrip() + "\n", {}
    intro, generated = text.split(MARKER, 1)
    rows: dict[str, dict] = {}
    m = re.search(re.escape(DATA_BEGIN) + r"\n(.*?)\n" + re.escape(DATA_END), generated, re.S)
    if m:
        for line in m.group(1).splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and "bench" in row:
                rows[row["bench"]] = row
    return intro.rstrip() + "\n", rows


def write_doc(path: Path, intro: str, rows: dict[str, dict]) -> None:
    out = [intro.rstrip(), "", MARKER, ""]
    out.append("<!-- Written by scripts/bench.py (`make bench`); edit only above the marker. -->")
    out.append("")
    out.append("| " + " | ".join(COLUMNS) + " |")
    out.append("|" + "|".join(["---", "--:", "---", "--:", "--:", "---", "---", "---", "---"]) + "|")
    for name in sorted(rows):
        r = rows[name]
        cells = [
            f"`{r['bench']}`",
            fmt_num(r.get("value")),
            r.get("unit") or "",
            fmt_num(r.get("peer")),
            fmt_ratio(r.get("ratio")),
            r.get("target") or DEFAULT_TARGETS.get(r["bench"], ""),
            r.get("date", ""),
            r.get("machine", ""),
            notes_cell(r),
        ]
        out.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
    out.append("")
    out.append(DATA_BEGIN)
    for name in sorted(rows):
        # "-->" inside a JSON string would end the comment early.
        out.append(json.dumps(rows[name], ensure_ascii=False, sort_keys=True).replace("-->", "--\\u003e"))
    out.append(DATA_END)
    out.append("")
    tmp = path.with_suffix(path.suffix + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text("\n".join(out), encoding="utf-8")
    tmp.replace(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--filter", default=None, help="run only benchmarks whose name contains this")
    ap.add_argument("--build-dir", default=str(ROOT / "build"), type=Path)
    ap.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"), type=Path)
    ap.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per executable")
    ap.add_argument(
        "--python", default=DEBIAN_PYTHON, help="interpreter for bench/python/bench_*.py"
    )
    args = ap.parse_args()
    filt = args.filter or None

    build_dir = Path(args.build_dir)
    if not build_dir.is_absolute():
        build_dir = ROOT / build_dir
    exes = find_executables(build_dir)
    if not exes:
        log(f"error: no benchmark executables {build_dir}/bin/bench_*; run `make build` first")
        return 1
    py_benches = find_python_benchmarks()
    py_env = None
    if py_benches and not python_module_built(build_dir):
        log(f"warning: no rill Python module in {build_dir}/python; skipping bench/python")
        py_benches = []
    elif py_benches:
        py_env = dict(os.environ)
        py_path = str((build_dir / "python").resolve())
        old = py_env.get("PYTHONPATH")
        py_env["PYTHONPATH"] = py_path + (os.pathsep + old if old else "")
    bt = build_type(build_dir)
    if bt and bt not in ("Release", "RelWithDebInfo"):
        log(f"warning: {build_dir} is a {bt} build; numbers are not comparable to Release")

    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    host = machine()
    results: list[dict] = []
    failed: list[str] = []
    commands = [([str(exe)], None) for exe in exes]
    commands += [([args.python, str(script)], py_env) for script in py_benches]
    for cmd, env in commands:
        res, rc = run_one(cmd, filt, args.timeout, env)
        results.extend(res)
        if rc != 0:
            failed.append(Path(cmd[-1]).name)

    if not results:
        log("warning: no benchmark results" + (f" match --filter {filt!r}" if filt else ""))

    if results and not args.no_write:
        output = Path(args.output)
        if not output.is_absolute():
            output = ROOT / output
        intro, rows = read_doc(output)
        for r in results:
            row = dict(r)
            row["date"] = when
            row["machine"] = host
            rows[r["bench"]] = row
        write_doc(output, intro, rows)
        log(f"updated {len(results)} row(s) in {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")

    if failed:
        log(f"error: failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""rill's Python benchmarks: python.chain8, python.streams256, python.frame_roundtrip.

Run with Debian's python and the built modules on the path:

    PYTHONPATH=build/python /usr/bin/python3 bench/python/bench_python.py [--filter S]

Protocol (bench/CMakeLists.txt, scripts/bench.py): one JSON object per result on stdout,
    {"bench": ..., "value": X, "peer": Y, "unit": ..., "ratio": X/Y, "target": ..., "extra": {...}}
peer/ratio null where there is no peer. Every benchmark runs in a fresh interpreter of its own
(`--run NAME`), so thread counts and the Python executor of one do not leak into the next; a
benchmark that does not finish within --timeout seconds is killed and reported on stderr (exit
status 1).

All graphs are fed from inside: a Python source node produces every message and a Python sink
counts (and checks) them, so the host thread only builds the graph and waits; what is timed is
the engine moving envelopes between Python nodes (wall time from Graph() to wait() returning).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time

# ------------------------------------------------------------------------------- parameters
CHAIN_MESSAGES = 200_000
CHAIN_STAGES = 8
CHAIN_CAP = 16
CHAIN_RUNS = 3  # runs of rill and of each peer; the medians are reported

STREAMS = 256
STREAM_MESSAGES = 200  # per stream
STREAM_CAP = 4
STREAM_RUNS = 3  # graphs run one after the other in the same process; the median rate reported

FRAMES = 10_000
FRAME_SHAPE = (1080, 1920, 3)
FRAME_POOL = 8  # distinct source arrays, sent round robin
FRAME_CAP = 4
FRAME_RUNS = 3  # as STREAM_RUNS

# Each benchmark and the rows it emits (a --filter matching any row runs the benchmark).
BENCHES = {
    "python.chain8": ["python.chain8"],
    "python.streams256": ["python.streams256", "python.streams256.peak_threads"],
    "python.frame_roundtrip": ["python.frame_roundtrip",
                               "python.frame_roundtrip.bytes_copied_per_frame"],
}


def emit(bench: str, value, unit: str, peer=None, target: str | None = None,
         notes: str | None = None, extra: dict | None = None) -> None:
    ratio = value / peer if peer not in (None, 0) and value is not None else None
    obj = {"bench": bench, "value": value, "peer": peer, "unit": unit,
           "ratio": None if ratio is None else round(ratio, 3)}
    if target:
        obj["target"] = target
    if notes:
        obj["notes"] = notes
    if extra:
        obj["extra"] = extra
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def thread_count() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return 0


def toml_graph(name: str, nodes: list[str], conns: list[str], inputs: str = "") -> str:
    sep = ",\n  "
    return (f'[[graphs]]\nname = "{name}"\n{inputs}'
            f'nodes = [\n  {sep.join(nodes)},\n]\n'
            f'connections = [\n  {sep.join(conns)},\n]\n')


# =============================================================================== python.chain8
def peer_queue_chain(n: int, stages: int, cap: int) -> tuple[float, int]:
    """The plain Python pipeline: source thread -> `stages` passthrough threads -> sink thread,
    joined by queue.Queue(maxsize=cap). Returns (seconds, checksum)."""
    import queue

    qs = [queue.Queue(maxsize=cap) for _ in range(stages + 1)]
    total = [0]

    def source() -> None:
        put = qs[0].put
        for i in range(n):
            put(i)
        put(None)

    def stage(a: "queue.Queue", b: "queue.Queue") -> None:
        get, put = a.get, b.put
        while True:
            x = get()
            put(x)
            if x is None:
                return

    def sink() -> None:
        get = qs[-1].get
        s = 0
        while True:
            x = get()
            if x is None:
                break
            s += x
        total[0] = s

    threads = [threading.Thread(target=source)]
    threads += [threading.Thread(target=stage, args=(qs[i], qs[i + 1])) for i in range(stages)]
    threads.append(threading.Thread(target=sink))
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, total[0]


def greenlet_deque_chain(n: int, stages: int, cap: int) -> tuple[float, int]:
    """Pure-Python reference for what rill's Python executor does: source, `stages` passthrough
    greenlets and a sink on one thread, bounded deques between them, a ready queue switching
    to whoever a send/recv unblocked. Returns (seconds, checksum)."""
    from collections import deque

    from greenlet import getcurrent, greenlet

    ready: deque = deque()
    hub = getcurrent()

    class Chan:
        __slots__ = ("q", "receiver", "sender", "closed")

        def __init__(self) -> None:
            self.q: deque = deque()
            self.receiver = None
            self.sender = None
            self.closed = False

    def send(ch: Chan, x) -> None:
        while len(ch.q) >= cap:
            ch.sender = getcurrent()
            hub.switch()
        ch.q.append(x)
        if ch.receiver is not None:
            ready.append(ch.receiver)
            ch.receiver = None

    def recv(ch: Chan):
        while not ch.q:
            if ch.closed:
                return None
            ch.receiver = getcurrent()
            hub.switch()
        x = ch.q.popleft()
        if ch.sender is not None:
            ready.append(ch.sender)
            ch.sender = None
        return x

    def close(ch: Chan) -> None:
        ch.closed = True
        if ch.receiver is not None:
            ready.append(ch.receiver)
            ch.receiver = None

    chans = [Chan() for _ in range(stages + 1)]
    total = [0]

    def source() -> None:
        out = chans[0]
        for i in range(n):
            send(out, i)
        close(out)

    def stage(a: Chan, b: Chan) -> None:
        while True:
            x = recv(a)
            if x is None:
                close(b)
                return
            send(b, x)

    def sink() -> None:
        a = chans[-1]
        s = 0
        while True:
            x = recv(a)
            if x is None:
                break
            s += x
        total[0] = s

    t0 = time.perf_counter()
    ready.append(greenlet(source))
    for i in range(stages):
        ready.append(greenlet(lambda a=chans[i], b=chans[i + 1]: stage(a, b)))
    ready.append(greenlet(sink))
    while ready:
        ready.popleft().switch()
    return time.perf_counter() - t0, total[0]


def run_chain8() -> int:
    import rill
    from rill import Envelope

    n, stages, cap = CHAIN_MESSAGES, CHAIN_STAGES, CHAIN_CAP
    expect = n * (n - 1) // 2
    state = {"count": 0, "sum": 0}

    @rill.register(name="BenchPySource", outputs=["out"])
    class BenchPySource:
        def __init__(self, name, args):
            self.count = args["count"]

        def exec(self):
            send, pack = self.out.send, Envelope.pack
            for i in range(self.count):
                send(pack(i))

    @rill.register(name="BenchPyPass", inputs=["inp"], outputs=["out"])
    class BenchPyPass:
        def __init__(self, name, args):
            pass

        def exec(self):  # the MegFlow idiom: one message per exec()
            env = self.inp.recv()
            if env is None:
                return
            self.out.send(env)

    @rill.register(name="BenchPySink", inputs=["inp"])
    class BenchPySink:
        def __init__(self, name, args):
            pass

        def exec(self):
            env = self.inp.recv()
            if env is None:
                return
            state["count"] += 1
            state["sum"] += env.msg

    def config(count: int) -> str:
        names = ["src"] + [f"p{i}" for i in range(stages)] + ["sink"]
        nodes = [f'{{ name = "src", ty = "BenchPySource", count = {count} }}']
        nodes += [f'{{ name = "p{i}", ty = "BenchPyPass" }}' for i in range(stages)]
        nodes += ['{ name = "sink", ty = "BenchPySink" }']
        conns = [f'{{ cap = {cap}, ports = ["{a}:out", "{b}:inp"] }}'
                 for a, b in zip(names, names[1:])]
        return 'main = "chain"\n' + toml_graph("chain", nodes, conns)

    def rill_run(count: int) -> float:
        state["count"] = state["sum"] = 0
        cfg = config(count)
        t0 = time.perf_counter()
        g = rill.Graph(config_str=cfg)
        g.wait()
        s = time.perf_counter() - t0
        want = count * (count - 1) // 2
        if state["count"] != count or state["sum"] != want:
            raise SystemExit(f"python.chain8: rill delivered {state['count']} of {count} "
                             f"messages (checksum {state['sum']}, expected {want})")
        return s

    def checked(what: str, result: tuple[float, int]) -> float:
        s, total = result
        if total != expect:
            raise SystemExit(f"python.chain8: {what} checksum {total} != {expect}")
        return n / s

    # Peers first: the rill graphs leave the Python executor thread behind.
    peer_runs = [checked("queue peer", peer_queue_chain(n, stages, cap)) for _ in range(CHAIN_RUNS)]
    gl_runs = [checked("greenlet reference", greenlet_deque_chain(n, stages, cap))
               for _ in range(CHAIN_RUNS)]
    rill_run(n // 10)  # warm-up
    runs = [n / rill_run(n) for _ in range(CHAIN_RUNS)]
    value = statistics.median(runs)
    peer = statistics.median(peer_runs)
    gl = statistics.median(gl_runs)
    note = (f"src -> {stages} Python passthrough nodes -> sink, all Python nodes inside the graph "
            f"(in-graph source, not host-fed), cap {cap}, {n:,} int messages; median of "
            f"{CHAIN_RUNS}. Peer: {stages} threads + source + sink joined by "
            f"queue.Queue(maxsize={cap})")
    emit("python.chain8", round(value), "msgs/s", peer=round(peer),
         target="ratio ≥ 5 (aim 10)", notes=note,
         extra={"messages": n, "runs": [round(r) for r in runs],
                "peer_runs": [round(r) for r in peer_runs],
                # Pure-Python reference, not the peer: the same chain as greenlets on one thread
                # passing through bounded deques (greenlet_deque_chain).
                "greenlet_deque_ref": round(gl), "vs_greenlet_ref": round(value / gl, 3)})
    return 0


# ========================================================================== python.streams256
def run_streams256() -> int:
    import rill
    from rill import Envelope

    streams, per = STREAMS, STREAM_MESSAGES
    n = streams * per
    state = {"count": 0, "sum": 0, "live": 0, "peak_live": 0, "instances": 0, "bad_order": 0}

    @rill.register(name="StreamPySource", outputs=["out"])
    class StreamPySource:
        def __init__(self, name, args):
            self.count, self.streams = args["count"], args["streams"]

        def exec(self):
            send, pack, s = self.out.send, Envelope.pack, self.streams
            for i in range(self.count):  # interleaved: stream i % s, its message i // s
                send(pack(i, {"to_addr": i % s, "partial_id": i // s}))
            for k in range(s):  # an empty envelope closes each stream's subgraph
                send(pack(None, {"to_addr": k}))

    @rill.register(name="StreamPyPass", inputs=["inp"], outputs=["out"])
    class StreamPyPass:
        def __init__(self, name, args):
            pass

        def exec(self):
            env = self.inp.recv()
            if env is None:
                return
            self.out.send(env)

    @rill.register(name="StreamPySink", inputs=["inp"])
    class StreamPySink:
        def __init__(self, name, args):
            self.next = 0
            state["instances"] += 1
            state["live"] += 1
            state["peak_live"] = max(state["peak_live"], state["live"])

        def __del__(self):
            state["live"] -= 1

        def exec(self):
            env = self.inp.recv()
            if env is None:
                return
            if env.partial_id != self.next:
                state["bad_order"] += 1
            self.next += 1
            state["count"] += 1
            state["sum"] += env.msg

    stream = toml_graph(
        "stream",
        ['{ name = "a", ty = "StreamPyPass" }', '{ name = "b", ty = "StreamPyPass" }',
         '{ name = "c", ty = "StreamPySink" }'],
        [f'{{ cap = {STREAM_CAP}, ports = ["a:out", "b:inp"] }}',
         f'{{ cap = {STREAM_CAP}, ports = ["b:out", "c:inp"] }}'],
        inputs=f'inputs = [{{ name = "inp", cap = {STREAM_CAP}, ports = ["a:inp"] }}]\n')
    main = toml_graph(
        "main",
        [f'{{ name = "src", ty = "StreamPySource", count = {n}, streams = {streams} }}',
         '{ name = "demux", ty = "DynDemux" }', '{ name = "per_stream", ty = "stream" }'],
        ['{ cap = 16, ports = ["src:out", "demux:inp"] }',
         f'{{ cap = {STREAM_CAP}, ports = ["demux:out", "per_stream:inp"] }}'])
    cfg = 'main = "main"\n' + stream + main

    before = thread_count()
    peak = [before]
    done = threading.Event()

    def sampler() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], thread_count())
            time.sleep(0.002)

    smp = threading.Thread(target=sampler, daemon=True)
    smp.start()
    expect = n * (n - 1) // 2
    runs = []
    for _ in range(STREAM_RUNS):
        state.update(count=0, sum=0, instances=0)
        t0 = time.perf_counter()
        g = rill.Graph(config_str=cfg)
        g.wait()
        s = time.perf_counter() - t0
        del g
        peak[0] = max(peak[0], thread_count())
        if state["count"] != n or state["sum"] != expect or state["instances"] != streams:
            raise SystemExit(f"python.streams256: delivered {state['count']} of {n} (checksum "
                             f"{state['sum']}, expected {expect}), {state['instances']} subgraph "
                             f"instances of {streams}")
        if state["live"] != 0:
            raise SystemExit(f"python.streams256: {state['live']} stream sinks still alive after "
                             f"the graph finished")
        runs.append(n / s)
    done.set()
    smp.join()
    threads = peak[0] - 1  # the sampler thread is the benchmark's, not rill's
    ncpu = cores()
    value = statistics.median(runs)
    emit("python.streams256", round(value), "msgs/s", target=f"peak_threads ≤ cores + 6",
         notes=f"{streams} live DynDemux subgraphs of 3 Python nodes (pass, pass, sink), "
               f"{per} interleaved messages each, closed by an empty envelope at the end; "
               f"median of {STREAM_RUNS}",
         extra={"streams": streams, "messages": n, "runs": [round(r) for r in runs],
                "peak_threads": threads, "threads_before": before, "cores": ncpu,
                "peak_live_streams": state["peak_live"], "out_of_order": state["bad_order"]})
    emit("python.streams256.peak_threads", threads, "threads",
         target=f"≤ cores + 6 (= {ncpu + 6})",
         notes="OS threads of the process during the run (sampled every 2 ms), sampler excluded",
         extra={"cores": ncpu, "threads_before": before})
    return 0


# ===================================================================== python.frame_roundtrip
def run_frame_roundtrip() -> int:
    import numpy as np

    import rill
    from rill import Envelope

    frames = FRAMES
    pool = [np.full(FRAME_SHAPE, k, dtype=np.uint8) for k in range(FRAME_POOL)]
    addrs = [a.__array_interface__["data"][0] for a in pool]
    nbytes = pool[0].nbytes
    # same_object: the very array object came back (it travelled as an opaque Python object, not
    # as a rill Frame the C++ node could read); a Frame comes back as a new view of the same pixels.
    state = {"count": 0, "moved": 0, "bad": 0, "same_object": 0}

    @rill.register(name="FramePySource", outputs=["out"])
    class FramePySource:
        def __init__(self, name, args):
            self.count = args["count"]

        def exec(self):
            send, pack = self.out.send, Envelope.pack
            for i in range(self.count):
                send(pack(pool[i % FRAME_POOL], {"partial_id": i}))

    @rill.register(name="FramePySink", inputs=["inp"])
    class FramePySink:
        def __init__(self, name, args):
            pass

        def exec(self):
            env = self.inp.recv()
            if env is None:
                return
            k = env.partial_id % FRAME_POOL
            arr = env.msg
            if arr.__array_interface__["data"][0] != addrs[k]:
                state["moved"] += 1
            if arr is pool[k]:
                state["same_object"] += 1
            if arr.shape != FRAME_SHAPE or arr.dtype != np.uint8 or arr[0, 0, 0] != k \
                    or arr[-1, -1, -1] != k:
                state["bad"] += 1
            state["count"] += 1

    cfg = 'main = "frames"\n' + toml_graph(
        "frames",
        [f'{{ name = "src", ty = "FramePySource", count = {frames} }}',
         '{ name = "cxx", ty = "Transform" }', '{ name = "sink", ty = "FramePySink" }'],
        [f'{{ cap = {FRAME_CAP}, ports = ["src:out", "cxx:inp"] }}',
         f'{{ cap = {FRAME_CAP}, ports = ["cxx:out", "sink:inp"] }}'])
    runs = []
    for r in range(FRAME_RUNS):
        t0 = time.perf_counter()
        g = rill.Graph(config_str=cfg)
        g.wait()
        s = time.perf_counter() - t0
        del g
        if state["count"] != frames * (r + 1) or state["bad"]:
            raise SystemExit(f"python.frame_roundtrip: {state['count'] - frames * r} of {frames} "
                             f"frames arrived, {state['bad']} with wrong shape/dtype/pixels")
        runs.append(frames / s)
    copied = state["moved"] * nbytes / state["count"]  # over every run
    emit("python.frame_roundtrip", round(statistics.median(runs)), "frames/s",
         target="bytes_copied_per_frame = 0",
         notes=f"{FRAME_SHAPE[0]}x{FRAME_SHAPE[1]}x3 uint8 numpy frame: Python source -> C++ "
               f"Transform -> Python sink, {frames:,} frames (pool of {FRAME_POOL} arrays), cap "
               f"{FRAME_CAP}; median of {FRAME_RUNS}; copied = frames whose buffer address "
               f"changed x nbytes / frames",
         extra={"frames": frames, "runs": [round(r) for r in runs], "frame_bytes": nbytes,
                "moved_frames": state["moved"], "bytes_copied_per_frame": copied,
                "same_object_frames": state["same_object"]})
    emit("python.frame_roundtrip.bytes_copied_per_frame", copied, "bytes",
         target="0", extra={"moved_frames": state["moved"], "frames": state["count"]})
    return 0


RUNNERS = {
    "python.chain8": run_chain8,
    "python.streams256": run_streams256,
    "python.frame_roundtrip": run_frame_roundtrip,
}


def wanted(filt: str | None, bench: str) -> bool:
    return not filt or any(filt in row for row in BENCHES[bench])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--filter", default=None, help="run only benchmarks with a row matching this")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per benchmark")
    ap.add_argument("--run", choices=sorted(RUNNERS), help=argparse.SUPPRESS)  # child mode
    args = ap.parse_args()
    if args.run:
        return RUNNERS[args.run]()

    failed = []
    for name in BENCHES:
        if not wanted(args.filter, name):
            continue
        argv = [sys.executable, os.path.abspath(__file__), "--run", name]
        try:
            # stdout (the JSON lines) passes straight through; stderr too.
            rc = subprocess.run(argv, stdin=subprocess.DEVNULL, timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            print(f"bench_python: {name} did not finish within {args.timeout:.0f} s (killed)",
                  file=sys.stderr, flush=True)
            rc = -1
        if rc != 0:
            print(f"bench_python: {name} failed (status {rc})", file=sys.stderr, flush=True)
            failed.append(name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

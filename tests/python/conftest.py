"""Shared helpers for the rill Python-layer tests.

Every wait here is bounded: Graph.wait() itself has no timeout, so it runs in a helper thread and a
graph that does not end in time is stopped and the test fails (instead of hanging the suite).

Python node types registered by a test module at import time (outside any plugin) are visible to
every Graph of the process, and pytest imports all modules before running any test: type names
must therefore be unique across the whole suite (each module prefixes its own).
"""

import faulthandler
import os
import sys
import threading
from pathlib import Path

import pytest

import rill

HERE = Path(__file__).resolve().parent
PLUGINS = HERE / "plugins"

# Seconds a graph run may take before the test gives up (generous: a shared, noisy 2-core box).
RUN_TIMEOUT = 90
# Last resort, below ctest's TIMEOUT 300: a test stuck in spite of the bounded waits (e.g. a
# deadlock holding the GIL, so no Python code runs at all) dumps every thread's stack and exits
# the process. faulthandler's watchdog is a C thread: it needs no GIL.
WATCHDOG = 200
# After a bounded wait gave up, the process exits this many seconds later (threads may be stuck).
AFTER_HANG = 30

_state = {"stderr": None, "hung": False}


def pytest_configure(config):
    # The real stderr (pytest captures fd 2 around each test), for the watchdog's stack dump.
    try:
        capman = config.pluginmanager.getplugin("capturemanager")
        fd = capman._global_capturing.err.targetfd_save  # pytest internals; fallback below
        _state["stderr"] = os.fdopen(os.dup(fd), "w")
    except Exception:  # noqa: BLE001
        _state["stderr"] = sys.__stderr__


def _dump_file():
    return _state["stderr"] or sys.__stderr__


@pytest.fixture(autouse=True)
def _watchdog():
    faulthandler.dump_traceback_later(WATCHDOG, exit=True, file=_dump_file())
    yield
    if not _state["hung"]:
        faulthandler.cancel_dump_traceback_later()


def _bounded(fn, timeout, on_timeout, what):
    """Runs fn() in a thread; re-raises its exception; fails the test if it outlives timeout
    (and then lets the process exit AFTER_HANG s later, since stuck threads may block exit)."""
    box = {}

    def target():
        try:
            box["result"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed back to the test thread
            box["error"] = e

    t = threading.Thread(target=target, name="bounded-" + what, daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        _state["hung"] = True
        faulthandler.dump_traceback_later(AFTER_HANG + 30, exit=True, file=_dump_file())
        if on_timeout is not None:
            on_timeout()
            t.join(AFTER_HANG)
        faulthandler.dump_traceback(file=_dump_file())
        pytest.fail("%s did not finish within %s s (stacks dumped to stderr)" % (what, timeout))
    if "error" in box:
        raise box["error"]
    return box.get("result")


def wait_graph(graph, timeout=RUN_TIMEOUT):
    """graph.wait() (so: close inputs, wait, raise GraphError on a failed run), bounded."""
    return _bounded(graph.wait, timeout, graph.stop, "Graph.wait()")


def block_on(fn, graph=None, timeout=RUN_TIMEOUT):
    """rill.block_on(fn) from a host thread, bounded; on timeout the graph (if any) is stopped."""
    return _bounded(lambda: rill.block_on(fn), timeout,
                    graph.stop if graph is not None else None, "block_on")


def feed_and_collect(graph, messages, inp="inp", out="out", timeout=RUN_TIMEOUT):
    """Host side: sends each message (a value, or an Envelope as is) into input `inp` and closes
    the inputs, while collecting output `out` until end-of-stream; then waits for the run.
    Returns the received Envelopes."""
    sender, receiver = graph.input(inp), graph.output(out)
    assert sender is not None and receiver is not None
    got = []

    def produce():
        for m in messages:
            sender.send(m if isinstance(m, rill.Envelope) else rill.Envelope.pack(m))
        graph.close()

    def consume():
        while (env := receiver.recv()) is not None:
            got.append(env)

    block_on(lambda: rill.join([produce, consume]), graph, timeout)
    wait_graph(graph, timeout)
    return got


def run_config(config_str, timeout=RUN_TIMEOUT, **kwargs):
    """Builds a Graph from a TOML string, lets it run to its end and returns it."""
    graph = rill.Graph(config_str=config_str, **kwargs)
    wait_graph(graph, timeout)
    return graph


def run_plugin(name, timeout=RUN_TIMEOUT, **kwargs):
    """Runs the plugin app tests/python/plugins/<name> MegFlow style: the plugin directory is
    imported below module_path=plugins/ (so its modules are `<name>.<file>`) and, without a
    config, its config is plugins/<name>/<name>.toml."""
    graph = rill.Graph(plugin_path=str(PLUGINS / name), module_path=str(PLUGINS), **kwargs)
    wait_graph(graph, timeout)
    return graph


def plugin_module(app, module):
    """The module object a plugin app's file was imported as (to read what its nodes recorded)."""
    return sys.modules["%s.%s" % (app, module)]


def clear_plugin_state(app, module, *names):
    """Empties the named containers of an already imported plugin module (from an earlier run in
    this process). Never imports it: imported outside a plugin load, its types would become the
    script's own, visible to every Graph of the process."""
    mod = sys.modules.get("%s.%s" % (app, module))
    if mod is not None:
        for name in names:
            getattr(mod, name).clear()


def os_thread_count():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    raise RuntimeError("no Threads: line in /proc/self/status")


def cores():
    return os.cpu_count() or 1


@pytest.fixture
def plugins_dir():
    return PLUGINS

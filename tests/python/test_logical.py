"""MegFlow's CI acceptance test (`megflow_run -p logical_test`), as a Python plugin app run by rill:
tests/python/plugins/logical_test/. 300 dynamic subgraph instances (DynDemux, the alternative picked
by the envelope tag), one global exclusive node echoing every message x10 from a forked subprocess,
per-instance close by empty envelopes, resources at three scopes."""

import os

from conftest import clear_plugin_state, plugin_module, run_plugin

STREAMS = 300


def test_logical_test_app_runs_to_its_end_with_every_instance_seeing_exactly_its_messages():
    clear_plugin_state("logical_test", "printer", "RECORDS")
    clear_plugin_state("logical_test", "buffer", "BUILT")
    clear_plugin_state("logical_test", "repeat_process", "STATE")
    run_plugin("logical_test")  # must end by itself (bounded)

    records = plugin_module("logical_test", "printer").RECORDS
    state = plugin_module("logical_test", "repeat_process").STATE
    assert len(records) == STREAMS

    # The global node: one instance, one forked child, shut down with the application.
    assert state["constructed"] == 1
    child = state["child_pid"]
    assert child != os.getpid()
    assert state["child_exitcode"] == 0

    addrs = set()
    for rec in records:
        assert len(rec["addrs"]) == 1, rec["addrs"]
        (addr,) = rec["addrs"]
        addrs.add(addr)
        # exactly 10 echoes of its own message, in order, from the subprocess
        assert rec["msgs"] == [{"addr": addr, "k": k, "pid": child} for k in range(10)]
        # the tag chose the alternative: even addresses TransGraph0, odd TransGraph1
        assert rec["args"]["alternative"] == addr % 2
        # the dynamic node's extra args reach the nodes of every instance
        assert rec["args"]["note"] == "arg from the dynamic node"
        # local resource of this instance, built from its alternative's declaration
        assert rec["buf"].scope == "local"
        assert rec["buf"].alternative == addr % 2
        assert rec["parent_buf"].scope == "parent"
        assert rec["global_buf"].scope == "global"
    assert addrs == set(range(STREAMS))

    # one global object, one object of the main graph instance, one local object per instance
    assert len({id(r["global_buf"]) for r in records}) == 1
    assert len({id(r["parent_buf"]) for r in records}) == 1
    assert len({id(r["buf"]) for r in records}) == STREAMS
    built = plugin_module("logical_test", "buffer").BUILT
    assert sorted(b.scope for b in built) == sorted(["global", "parent"] + ["local"] * STREAMS)

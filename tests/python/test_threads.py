"""Python nodes are coroutines, not threads (docs/architecture.md "Execution model"): 256 per-stream
subgraph instances of 3 Python nodes each, all alive at once, keep the process's OS thread count
within cores + 6."""

import rill
from rill import Envelope, register

from conftest import cores, os_thread_count, run_config

STREAMS = 256
TH = {}


@register(outputs=["out"])
class ThrSource:
    """Opens STREAMS instances (one message each), waits until the last node of every instance
    holds its message (all 768 nodes alive), samples the thread count, then closes them all."""

    def __init__(self, name, args):
        pass

    def exec(self):
        for addr in range(STREAMS):
            self.out.send(Envelope.pack(addr, info={"to_addr": addr}))
        for _ in range(6000):  # bounded: at most ~60 s of 10 ms polls
            if len(TH["arrived"]) >= STREAMS:
                break
            rill.sleep(10)
        TH["alive_at_sample"] = len(TH["arrived"]) - len(TH["ended"])
        TH["samples"].append(os_thread_count())
        for addr in range(STREAMS):
            self.out.send(Envelope.pack(None, info={"to_addr": addr}))


@register(inputs=["inp"], outputs=["out"])
class ThrStage:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        self.out.send(env)


@register(inputs=["inp"])
class ThrLast:
    def __init__(self, name, args):
        self.addr = None

    def exec(self):
        env = self.inp.recv()
        if env is None:
            TH["ended"].add(self.addr)
            return
        self.addr = env.msg
        TH["arrived"].add(env.msg)
        if len(TH["arrived"]) % 32 == 0:
            TH["samples"].append(os_thread_count())


CONFIG = """
main = "main"
[[graphs]]
name = "stream"
inputs = [{name = "inp", cap = 2, ports = ["a:inp"]}]
nodes = [{name = "a", ty = "ThrStage"}, {name = "b", ty = "ThrStage"}, {name = "c", ty = "ThrLast"}]
connections = [{cap = 2, ports = ["a:out", "b:inp"]}, {cap = 2, ports = ["b:out", "c:inp"]}]

[[graphs]]
name = "main"
nodes = [{name = "src", ty = "ThrSource"}, {name = "demux", ty = "DynDemux"},
         {name = "s", ty = "stream"}]
connections = [{cap = 16, ports = ["src:out", "demux:inp"]}, {cap = 16, ports = ["demux:out", "s:inp"]}]
"""


def test_256_live_python_subgraphs_keep_the_thread_count_within_cores_plus_6():
    TH.clear()
    TH.update(arrived=set(), ended=set(), samples=[])
    run_config(CONFIG)
    assert TH["arrived"] == set(range(STREAMS))
    assert TH["ended"] == set(range(STREAMS))
    # every instance (3 Python nodes each) was alive when the source took its sample
    assert TH["alive_at_sample"] == STREAMS
    limit = cores() + 6
    assert TH["samples"], "no thread-count sample taken"
    assert max(TH["samples"]) <= limit, (TH["samples"], limit)

"""rill.Graph driven from the host script (MegFlow §5.7, §3.5, §3.6): the interactive pattern,
named ends, config sources, close/stop/wait."""

import threading

import pytest

import rill
from rill import Envelope, register

from conftest import PLUGINS, block_on, feed_and_collect, wait_graph

HOST = {}


@register(inputs=["inp"], outputs=["out"])
class HostSquare:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        env.msg = env.msg * env.msg
        self.out.send(env)


@register(inputs=[], outputs=["out"])
class HostEndless:
    """A source that never ends on its own."""

    def __init__(self, name, args):
        pass

    def exec(self):
        i = 0
        while True:
            self.out.send(Envelope.pack(i))
            i += 1
            HOST["endless_sent"] = i


@register(inputs=["inp"], outputs=[])
class HostCount:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        HOST["counted"] = HOST.get("counted", 0) + 1
        if HOST["counted"] == 50:
            HOST["fifty"].wake(True)


INTERACTIVE = """
main = "interactive"
[[graphs]]
name = "interactive"
inputs = [{name = "inp", cap = 16, ports = ["sq:inp"]}]
outputs = [{name = "out", cap = 16, ports = ["t:out"]}]
nodes = [{name = "sq", ty = "HostSquare"}, {name = "t", ty = "Transform"}]
connections = [{cap = 16, ports = ["sq:out", "t:inp"]}]
"""


def test_interactive_send_160_then_close_while_receiving_until_none():
    g = rill.Graph(config_str=INTERACTIVE)
    inp, out = g.input("inp"), g.output("out")
    received = []

    def send():
        for i in range(160):
            inp.send(Envelope.pack(i))
        g.close()

    def recv():
        while True:
            env = out.recv()
            if env is None:
                break
            received.append(env.msg)

    block_on(lambda: rill.join([send, recv]), g)
    wait_graph(g)
    assert received == [i * i for i in range(160)]


def test_input_and_output_names_and_unknown_names_give_none():
    g = rill.Graph(config_str=INTERACTIVE)
    assert list(g.inputs()) == ["inp"]
    assert list(g.outputs()) == ["out"]
    assert isinstance(g.input("inp"), rill.Sender)
    assert isinstance(g.output("out"), rill.Receiver)
    assert g.input("nope") is None
    assert g.output("nope") is None
    assert g.input("out") is None
    wait_graph(g)


def test_several_named_inputs_and_outputs():
    g = rill.Graph(config_str="""
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "a", cap = 4, ports = ["ta:inp"]}, {name = "b", cap = 4, ports = ["tb:inp"]}]
outputs = [{name = "x", cap = 4, ports = ["ta:out"]}, {name = "y", cap = 4, ports = ["tb:out"]}]
nodes = [{name = "ta", ty = "Transform"}, {name = "tb", ty = "HostSquare"}]
""")
    assert sorted(g.inputs()) == ["a", "b"]
    assert sorted(g.outputs()) == ["x", "y"]
    xs, ys = [], []

    def send():
        for i in range(5):
            g.input("a").send(Envelope.pack(i))
            g.input("b").send(Envelope.pack(i))
        g.close()

    def drain(name, into):
        def body():
            while (e := g.output(name).recv()) is not None:
                into.append(e.msg)
        return body

    block_on(lambda: rill.join([send, drain("x", xs), drain("y", ys)]), g)
    wait_graph(g)
    assert xs == [0, 1, 2, 3, 4]
    assert ys == [0, 1, 4, 9, 16]


def test_host_ends_block_outside_a_coroutine_too():
    g = rill.Graph(config_str=INTERACTIVE)
    got = []

    def host():  # a plain thread, no block_on: recv/send block the thread itself
        for i in range(3):
            g.input("inp").send(Envelope.pack(i))
        g.close()
        while (e := g.output("out").recv()) is not None:
            got.append(e.msg)

    t = threading.Thread(target=host, daemon=True)
    t.start()
    t.join(120)
    if t.is_alive():
        g.stop()
        pytest.fail("host thread did not finish")
    wait_graph(g)
    assert got == [0, 1, 4]


def test_send_after_close_is_dropped_silently():
    g = rill.Graph(config_str=INTERACTIVE)
    g.close()
    g.input("inp").send(Envelope.pack(1))  # no error
    got = []
    block_on(lambda: got.append(g.output("out").recv()), g)
    assert got == [None]
    wait_graph(g)


def test_output_keeps_what_was_produced_until_the_host_reads_it():
    g = rill.Graph(config_str=INTERACTIVE)
    assert [e.msg for e in feed_and_collect(g, [2, 3])] == [4, 9]


def test_plugin_path_alone_loads_the_config_named_after_the_directory():
    g = rill.Graph(plugin_path=str(PLUGINS / "host_app"), module_path=str(PLUGINS))
    assert [e.msg for e in feed_and_collect(g, [1, 2])] == [["host_app", 1], ["host_app", 2]]


def test_config_path_loads_a_toml_file(tmp_path):
    path = tmp_path / "app.toml"
    path.write_text(INTERACTIVE)
    g = rill.Graph(config_path=str(path))
    assert [e.msg for e in feed_and_collect(g, [3])] == [9]


TEMPLATED = """
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["n0:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["n{{ count - 1 }}:out"]}]
nodes = [
{% for i in range(count) %}  {name = "n{{ i }}", ty = "HostSquare"},
{% end for %}]
connections = [
{% for i in range(count - 1) %}  {cap = 4, ports = ["n{{ i }}:out", "n{{ i + 1 }}:inp"]},
{% end for %}]
"""


def test_dynamic_str_feeds_the_config_template():
    g = rill.Graph(config_str=TEMPLATED, dynamic_str="count = 3")
    assert [e.msg for e in feed_and_collect(g, [2])] == [256]  # ((2^2)^2)^2


def test_dynamic_path_feeds_the_config_template(tmp_path):
    dyn = tmp_path / "dyn.toml"
    dyn.write_text("count = 2\n")
    g = rill.Graph(config_str=TEMPLATED, dynamic_path=str(dyn))
    assert [e.msg for e in feed_and_collect(g, [3])] == [81]


def test_stop_ends_a_graph_whose_source_never_ends():
    HOST.clear()
    fut, waker = rill.create_future()
    HOST["fifty"] = waker
    g = rill.Graph(config_str="""
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "src", ty = "HostEndless"}, {name = "c", ty = "HostCount"}]
connections = [{cap = 4, ports = ["src:out", "c:inp"]}]
""")
    assert block_on(fut.wait, g) is True  # the pipeline is running
    g.stop()
    wait_graph(g)
    # graceful: everything the source got into the channel reached the sink
    assert HOST["counted"] >= 50
    assert HOST["counted"] == HOST["endless_sent"]


def test_graph_as_context_manager_waits_on_exit():
    with rill.Graph(config_str=INTERACTIVE) as g:
        g.input("inp").send(Envelope.pack(4))
        g.close()
        got = []
        block_on(lambda: got.append(g.output("out").recv().msg), g)
    assert got == [16]


def test_graph_without_any_config_is_rejected():
    with pytest.raises(ValueError):
        rill.Graph()


def test_wait_inside_a_coroutine_suspends_it_instead_of_blocking_the_python_thread():
    # The graph's own Python node shares the Python executor thread with the coroutine that
    # waits for it: a blocking wait there would never return.
    config = """
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["d:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["d:out"]}]
nodes = [{name = "d", ty = "HostSquare"}]
"""

    def host():
        g = rill.Graph(config_str=config)
        g.input("inp").send(Envelope.pack(7))
        answer = g.output("out").recv().msg
        g.wait()
        return answer

    assert rill.block_on(host) == 49

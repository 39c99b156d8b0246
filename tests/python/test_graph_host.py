"""rill.Graph driven from the host script: the interactive pattern, named ends, config sources,
close/stop/wait."""

import threading

import pytest

import megflow
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


def test_graph_without_any_config_is_a_type_error():
    with pytest.raises(TypeError, match="needs config_path, config_str or plugin_path"):
        rill.Graph()


# ---- MegFlow's parameter list: positional order, keywords, path types, mistakes ---------------

def test_config_path_is_the_first_positional_parameter(tmp_path):
    path = tmp_path / "app.toml"
    path.write_text(INTERACTIVE)
    g = megflow.Graph(str(path))
    assert [e.msg for e in feed_and_collect(g, [5])] == [25]


def test_every_parameter_binds_positionally_in_megflows_order(tmp_path):
    dyn = tmp_path / "dyn.toml"
    dyn.write_text("count = 3\n")
    # config_path, config_str, dynamic_path, dynamic_str, plugin_path, module_path, dump:
    # config_str wins over config_path and dynamic_str over dynamic_path, as in MegFlow.
    with pytest.warns(UserWarning, match="dump"):
        g = megflow.Graph(None, TEMPLATED, str(dyn), "count = 2", str(PLUGINS / "reg_plugin"),
                          str(PLUGINS), True)
    assert [e.msg for e in feed_and_collect(g, [3])] == [81]  # two squarings: count = 2


def test_plugin_and_module_paths_bind_positionally():
    g = megflow.Graph(None, None, None, None, str(PLUGINS / "host_app"), str(PLUGINS))
    assert [e.msg for e in feed_and_collect(g, [7])] == [["host_app", 7]]


def test_paths_may_be_pathlike(tmp_path):
    path = tmp_path / "app.toml"
    path.write_text(INTERACTIVE)
    g = megflow.Graph(config_path=path)
    assert [e.msg for e in feed_and_collect(g, [6])] == [36]
    g = megflow.Graph(plugin_path=PLUGINS / "host_app", module_path=PLUGINS)
    assert [e.msg for e in feed_and_collect(g, [1])] == [["host_app", 1]]


def test_input_and_output_take_megflows_key_keyword():
    g = megflow.Graph(config_str=INTERACTIVE)
    inp, out = g.input(key="inp"), g.output(key="out")
    assert inp is not None and out is not None
    assert g.input(key="nope") is None and g.output(key="nope") is None
    got = []

    def produce():
        inp.send(Envelope.pack(8))
        g.close()

    block_on(lambda: rill.join([produce, lambda: got.append(out.recv().msg)]), g)
    wait_graph(g)
    assert got == [64]


@pytest.mark.parametrize("call, message", [
    (lambda: megflow.Graph(config=INTERACTIVE),
     r"Graph\(\) got an unexpected keyword argument 'config'"),
    (lambda: megflow.Graph(config_sr=INTERACTIVE),
     r"unexpected keyword argument 'config_sr' \(did you mean 'config_str'\?\)"),
    (lambda: megflow.Graph(None, INTERACTIVE, config_str=INTERACTIVE),
     r"Graph\(\) got multiple values for argument 'config_str'"),
    (lambda: megflow.Graph(None, INTERACTIVE, None, None, None, None, False, 8),
     r"Graph\(\) takes at most 7 arguments \(8 given\)"),
    (lambda: megflow.Graph(42),
     r"Graph\(\): config_path must be a str or an os.PathLike naming a path, not int"),
    (lambda: megflow.Graph(config_str=b"main = 'g'"),
     r"Graph\(\): config_str must be a str, not bytes"),
    (lambda: megflow.Graph(config_str=INTERACTIVE, dump="yes"),
     r"Graph\(\): dump must be a bool, not str"),
])
def test_a_wrong_argument_is_a_type_error_naming_it(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_a_wrong_keyword_to_input_or_output_is_a_type_error():
    g = megflow.Graph(config_str=INTERACTIVE)
    with pytest.raises(TypeError, match="key"):
        g.input(name="inp")
    with pytest.raises(TypeError, match="key"):
        g.output(port="out")
    wait_graph(g)


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

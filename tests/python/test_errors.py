"""Errors: a Python exception fails the run with the node's path and the traceback instead of
aborting the process as MegFlow does; bad configs and plugins raise ConfigError with located
diagnostics; on_error changes what a failure does."""

import pytest

import rill
from rill import Envelope, register

from conftest import PLUGINS, feed_and_collect, wait_graph

THIS_FILE = __file__
ERR = {}


@register(inputs=[], outputs=["out"])
class ErrSource:
    def __init__(self, name, args):
        self.n = args.get("n", 5)

    def exec(self):
        for i in range(self.n):
            self.out.send(Envelope.pack(i))


@register(inputs=["inp"], outputs=["out"])
class ErrBoomAt:
    """Raises on the message equal to args["at"] (default 3), forwards the others."""

    def __init__(self, name, args):
        self.at = args.get("at", 3)
        ERR.setdefault("ctors", []).append(name)

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        if env.msg == self.at:
            raise KeyError("boom at %d" % env.msg)  # THE_RAISE_LINE
        self.out.send(env)


@register(inputs=["inp"], outputs=["out"])
class ErrBadCtor:
    def __init__(self, name, args):
        raise ValueError("constructor refused " + name)

    def exec(self):
        pass


@register(inputs=["inp"], outputs=[])
class ErrCollect:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        ERR.setdefault("collected", []).append(env.msg)


def raise_line():
    with open(THIS_FILE) as f:
        for n, line in enumerate(f, 1):
            if "# THE_RAISE_LINE" in line and "raise KeyError" in line:
                return n
    raise AssertionError("marker line not found")


NESTED = """
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "src", ty = "ErrSource", n = %(n)d}, {name = "sub", ty = "inner"},
         {name = "sink", ty = "ErrCollect"}]
connections = [{cap = 1, ports = ["src:out", "sub:inp"]}, {cap = 1, ports = ["sub:out", "sink:inp"]}]

[[graphs]]
name = "inner"
inputs = [{name = "inp", cap = 1, ports = ["b:inp"]}]
outputs = [{name = "out", cap = 1, ports = ["b:out"]}]
nodes = [{name = "b", ty = "%(ty)s" %(extra)s}]
"""


def nested(ty, n=5, extra=""):
    return NESTED % {"ty": ty, "n": n, "extra": extra}


# ---- run-time errors -------------------------------------------------------------------------

def test_exception_in_exec_fails_the_run_naming_the_node_path_with_the_traceback():
    g = rill.Graph(config_str=nested("ErrBoomAt"))
    with pytest.raises(rill.GraphError) as info:
        wait_graph(g)
    text = str(info.value)
    assert "g/sub/b" in text
    assert "Traceback (most recent call last)" in text
    assert 'File "%s", line %d, in exec' % (THIS_FILE, raise_line()) in text
    assert "KeyError: 'boom at 3'" in text


def test_a_failing_node_does_not_hang_a_source_with_much_more_to_send():
    g = rill.Graph(config_str=nested("ErrBoomAt", n=100000))
    with pytest.raises(rill.GraphError, match="boom at 3"):
        wait_graph(g)


def test_graph_error_is_a_runtime_error_and_config_error_a_value_error():
    assert issubclass(rill.GraphError, RuntimeError)
    assert issubclass(rill.ConfigError, ValueError)


def test_exception_in_a_constructor_fails_the_run_naming_the_node_and_the_exception():
    with pytest.raises((rill.GraphError, rill.ConfigError)) as info:
        wait_graph(rill.Graph(config_str=nested("ErrBadCtor")))
    text = str(info.value)
    assert "g/sub/b" in text
    assert "Traceback (most recent call last)" in text
    assert "in __init__" in text
    assert "ValueError: constructor refused b" in text


def test_the_process_survives_a_failed_run_and_can_run_another_graph():
    with pytest.raises(rill.GraphError):
        wait_graph(rill.Graph(config_str=nested("ErrBoomAt")))
    ERR.clear()
    wait_graph(rill.Graph(config_str=nested("Transform")))
    assert ERR["collected"] == [0, 1, 2, 3, 4]


def test_on_error_skip_drops_the_failing_message_and_goes_on():
    ERR.clear()
    wait_graph(rill.Graph(config_str=nested("ErrBoomAt", extra=', on_error = "skip"')))
    assert ERR["collected"] == [0, 1, 2, 4]


def test_on_error_restart_rebuilds_the_node_and_goes_on():
    ERR.clear()
    wait_graph(rill.Graph(config_str=nested("ErrBoomAt", extra=', on_error = "restart"')))
    assert ERR["collected"] == [0, 1, 2, 4]
    assert ERR["ctors"] == ["b", "b"]  # constructed again after the failure


# ---- config errors ---------------------------------------------------------------------------

def test_unknown_type_raises_config_error_listing_the_registered_types():
    with pytest.raises(rill.ConfigError) as info:
        rill.Graph(config_str=nested("ErrRegisteredNowhere"))
    text = str(info.value)
    assert "ErrRegisteredNowhere" in text
    assert "<config_str>:" in text  # located in the config
    for known in ("Transform", "DynDemux", "ErrBoomAt", "ErrCollect", "inner"):
        assert known in text, known


def test_unknown_node_name_in_a_connection_raises_config_error():
    with pytest.raises(rill.ConfigError, match="nobody"):
        rill.Graph(config_str=nested("Transform").replace('"sub:out", "sink:inp"',
                                                          '"sub:out", "nobody:inp"'))


def test_malformed_toml_raises_config_error_with_a_location():
    with pytest.raises(rill.ConfigError, match=r"<config_str>:\d+"):
        rill.Graph(config_str='main = "g"\n[[graphs]\nname = "g"\n')


def test_missing_config_file_raises_config_error(tmp_path):
    with pytest.raises(rill.ConfigError):
        rill.Graph(config_path=str(tmp_path / "missing.toml"))


# ---- plugin errors ---------------------------------------------------------------------------

PASS = """
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["t:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["t:out"]}]
nodes = [{name = "t", ty = "Transform"}]
"""


def load_plugin(name):
    return rill.Graph(config_str=PASS, plugin_path=str(PLUGINS / name), module_path=str(PLUGINS))


def test_import_error_in_a_plugin_raises_config_error_naming_file_and_line():
    with pytest.raises(rill.ConfigError) as info:
        load_plugin("broken_import")
    text = str(info.value)
    assert "%s:5" % (PLUGINS / "broken_import" / "bad.py") in text
    assert "rill_test_no_such_module_xyz" in text


def test_syntax_error_in_a_plugin_raises_config_error_naming_file_and_line():
    with pytest.raises(rill.ConfigError) as info:
        load_plugin("broken_syntax")
    text = str(info.value)
    assert "%s:4" % (PLUGINS / "broken_syntax" / "bad_syntax.py") in text
    assert "SyntaxError" in text or "invalid syntax" in text


def test_exception_raised_while_importing_a_plugin_names_the_raising_line():
    with pytest.raises(rill.ConfigError) as info:
        load_plugin("broken_raise")
    text = str(info.value)
    assert "%s:9" % (PLUGINS / "broken_raise" / "raising.py") in text
    assert "KeyError" in text


def test_after_a_plugin_import_error_the_process_still_builds_graphs():
    with pytest.raises(rill.ConfigError):
        load_plugin("broken_import")
    got = feed_and_collect(rill.Graph(config_str=PASS), [1, 2])
    assert [e.msg for e in got] == [1, 2]

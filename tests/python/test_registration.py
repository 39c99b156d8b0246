"""@register / @res_register / collect() and which Graph sees which Python types (each Graph those
of its own plugins; MegFlow collected only for the first Graph of a process)."""

import pytest

import rill
from rill import register, res_register

from conftest import PLUGINS, feed_and_collect, run_config

CTOR_CALLS = []
RES_CALLS = []
SEEN_RES = []


class RegPlainClass:
    pass


REGISTERED_RESULT = register(name="RegReturnsClass", inputs=["a"], outputs=["b:[]", "c:{}"],
                             exclusive=True)(RegPlainClass)


@register(inputs=["inp"], outputs=["out"])
class RegRecordArgs:
    def __init__(self, name, args):
        CTOR_CALLS.append((name, args))

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        self.out.send(env)


@res_register()
class RegCounterRes:
    def __init__(self, name, args):
        RES_CALLS.append((name, dict(args)))
        self.name = name
        self.args = args


@res_register(name="RegNamedRes")
def reg_make_res(name, args):
    RES_CALLS.append((name, dict(args)))
    return {"made_by": "reg_make_res", "name": name, **args}


@register(inputs=["inp"], outputs=["out"])
class RegUseRes:
    def __init__(self, name, args):
        self.instance = name

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        SEEN_RES.append((self.instance, self.shared, self.other))
        self.out.send(env)


@register(name="RegDup", inputs=["inp"], outputs=["out"])
class RegDupFirst:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is not None:
            env.msg = "first"
            self.out.send(env)


@register(name="RegDup", inputs=["inp"], outputs=["out"])
class RegDupSecond:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is not None:
            env.msg = "second"
            self.out.send(env)


@register(name="RegShadowsGraph", inputs=["inp"], outputs=["out"])
class RegShadowsGraphNode:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is not None:
            env.msg = "python type"
            self.out.send(env)


def one_node(ty, extra="", node_args=""):
    return """
main = "g"
[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["n:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["n:out"]}]
nodes = [{name = "n", ty = "%s" %s}]
%s
""" % (ty, node_args, extra)


# ---- decorator and collect() -----------------------------------------------------------------

def test_register_returns_the_class_unchanged():
    assert REGISTERED_RESULT is RegPlainClass
    assert RegRecordArgs.__name__ == "RegRecordArgs"


def test_collect_lists_a_registration_with_its_ports_and_flags():
    entries = [n for n in rill.collect()["nodes"] if n["name"] == "RegReturnsClass"]
    assert len(entries) == 1
    e = entries[0]
    assert e["code"] is RegPlainClass
    assert list(e["inputs"]) == ["a"]
    assert list(e["outputs"]) == ["b:[]", "c:{}"]
    assert e["exclusive"] is True


def test_register_without_name_uses_the_class_name():
    names = [n["name"] for n in rill.collect()["nodes"]]
    assert "RegRecordArgs" in names
    assert "RegPlainClass" not in names


def test_collect_is_cumulative_in_registration_order():
    first = [n["name"] for n in rill.collect()["nodes"]]
    second = [n["name"] for n in rill.collect()["nodes"]]
    assert first == second  # nothing cleared by the first call
    assert first.index("RegRecordArgs") < first.index("RegShadowsGraph")
    dups = [n["code"] for n in rill.collect()["nodes"] if n["name"] == "RegDup"]
    assert dups == [RegDupFirst, RegDupSecond]


def test_collect_lists_resource_factories():
    res = {r["name"]: r["code"] for r in rill.collect()["resources"]}
    assert res["RegCounterRes"] is RegCounterRes
    assert res["RegNamedRes"] is reg_make_res


@pytest.mark.parametrize("bad", ["p:dyn", "p:<>", "p:[", "a:b:c"])
def test_register_rejects_a_malformed_port_declaration(bad):
    with pytest.raises((ValueError, TypeError)):
        @register(name="RegBadPort", inputs=[bad])
        class RegBadPort:  # noqa: F841 - never used
            pass
    assert "RegBadPort" not in [n["name"] for n in rill.collect()["nodes"]]


# ---- constructor contract --------------------------------------------------------------------

def test_constructor_receives_instance_name_and_toml_args_as_python_types():
    CTOR_CALLS.clear()
    g = rill.Graph(config_str=one_node(
        "RegRecordArgs",
        node_args=', i = 3, f = 2.5, b = true, s = "str", arr = [1, "two", 3.0], '
                  'tbl = {x = 1, y = {z = "deep"}}'))
    feed_and_collect(g, [])
    assert len(CTOR_CALLS) == 1
    name, args = CTOR_CALLS[0]
    assert name == "n"
    assert args == {"i": 3, "f": 2.5, "b": True, "s": "str", "arr": [1, "two", 3.0],
                    "tbl": {"x": 1, "y": {"z": "deep"}}}
    assert type(args["i"]) is int and type(args["b"]) is bool and type(args["f"]) is float


def test_reserved_node_keys_are_not_passed_as_args():
    CTOR_CALLS.clear()
    g = rill.Graph(config_str=one_node("RegRecordArgs", node_args=', cloned = 1, res = [], k = 1'))
    feed_and_collect(g, [])
    assert [args for _, args in CTOR_CALLS] == [{"k": 1}]


def test_cloned_node_constructs_one_instance_per_clone_and_they_share_the_input():
    CTOR_CALLS.clear()
    g = rill.Graph(config_str=one_node("RegRecordArgs", node_args=", cloned = 3"))
    got = feed_and_collect(g, list(range(30)))
    assert len(CTOR_CALLS) == 3
    assert sorted(e.msg for e in got) == list(range(30))  # competing consumers: once each


def test_subgraph_node_args_are_inherited_by_inner_nodes_own_keys_win_tables_merge():
    CTOR_CALLS.clear()
    g = rill.Graph(config_str="""
main = "g"
[[graphs]]
name = "inner"
inputs = [{name = "inp", cap = 4, ports = ["r:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["r:out"]}]
nodes = [{name = "r", ty = "RegRecordArgs", own = "inner", tbl = {b = 2, c = 3}}]

[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["sub:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["sub:out"]}]
nodes = [{name = "sub", ty = "inner", own = "outer", from_parent = 1, tbl = {a = 1, b = 1}}]
""")
    feed_and_collect(g, [])
    assert CTOR_CALLS == [("r", {"own": "inner", "from_parent": 1,
                                 "tbl": {"a": 1, "b": 2, "c": 3}})]


# ---- resources -------------------------------------------------------------------------------

def test_resources_are_attributes_built_once_per_scope_with_their_args():
    RES_CALLS.clear()
    SEEN_RES.clear()
    g = rill.Graph(config_str="""
main = "g"
[[resources]]
name = "shared"
ty = "RegCounterRes"
size = 10

[[graphs]]
name = "g"
inputs = [{name = "inp", cap = 4, ports = ["a:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["b:out"]}]
nodes = [{name = "a", ty = "RegUseRes", res = ["shared", "other"]},
         {name = "b", ty = "RegUseRes", res = ["shared", "other"]}]
connections = [{cap = 4, ports = ["a:out", "b:inp"]}]
resources = [{name = "other", ty = "RegNamedRes", colour = "red"}]
""")
    feed_and_collect(g, [1])
    assert sorted(RES_CALLS, key=lambda c: c[0]) == [("other", {"colour": "red"}),
                                                    ("shared", {"size": 10})]
    assert [s[0] for s in SEEN_RES] == ["a", "b"]
    (_, shared_a, other_a), (_, shared_b, other_b) = SEEN_RES
    assert isinstance(shared_a, RegCounterRes)
    assert shared_a is shared_b  # the same object for every node of the scope
    assert shared_a.args == {"size": 10}
    assert other_a is other_b
    assert other_a == {"made_by": "reg_make_res", "name": "other", "colour": "red"}


# ---- which type a name resolves to -----------------------------------------------------------

def test_the_last_registration_of_a_name_wins():
    got = feed_and_collect(rill.Graph(config_str=one_node("RegDup")), [0])
    assert [e.msg for e in got] == ["second"]


def test_a_python_type_shadows_a_graph_of_the_same_name():
    got = feed_and_collect(rill.Graph(config_str=one_node("RegShadowsGraph", extra="""
[[graphs]]
name = "RegShadowsGraph"
inputs = [{name = "inp", cap = 4, ports = ["t:inp"]}]
outputs = [{name = "out", cap = 4, ports = ["t:out"]}]
nodes = [{name = "t", ty = "Transform"}]
""")), [0])
    assert [e.msg for e in got] == ["python type"]


def test_plugin_types_are_visible_to_the_graph_that_loads_the_plugin():
    g = rill.Graph(config_str=one_node("RegPluginTriple"), plugin_path=str(PLUGINS / "reg_plugin"),
                   module_path=str(PLUGINS))
    assert [e.msg for e in feed_and_collect(g, [1, 2])] == [3, 6]


def test_plugin_types_are_not_visible_to_a_graph_without_that_plugin():
    with pytest.raises(rill.ConfigError, match="RegPluginTriple"):
        rill.Graph(config_str=one_node("RegPluginTriple"))


def test_loading_an_already_imported_plugin_again_still_provides_its_types():
    for _ in range(2):
        g = rill.Graph(config_str=one_node("RegPluginTriple"),
                       plugin_path=str(PLUGINS / "reg_plugin"), module_path=str(PLUGINS))
        assert [e.msg for e in feed_and_collect(g, [5])] == [15]


def test_a_plugin_type_shadows_a_builtin_only_in_the_graph_loading_it():
    with_plugin = rill.Graph(config_str=one_node("Transform"),
                             plugin_path=str(PLUGINS / "shadow_builtin"), module_path=str(PLUGINS))
    assert [e.msg for e in feed_and_collect(with_plugin, [1, 2])] == [10, 20]
    without = rill.Graph(config_str=one_node("Transform"))
    assert [e.msg for e in feed_and_collect(without, [1, 2])] == [1, 2]


def test_wait_closes_inputs_the_host_never_fed_so_the_graph_ends():
    # A graph whose inputs the host never feeds still ends once they are closed (wait()).
    g = run_config(one_node("RegRecordArgs"))
    assert g is not None


# ---- declared arguments (register(args=...)) -------------------------------------------------

ARG_SEEN = []


@register(inputs=["inp"], outputs=["out"], args={
    "k": {"kind": "int", "default": 2, "range": [1, 10], "doc": "scale factor"},
    "gain": {"kind": float, "default": 1, "range": [0, None]},
    "mode": {"choices": ["fast", "exact"], "default": "fast", "doc": "how to scale"},
    "verbose": {"kind": bool, "default": False},
    "names": {"kind": "list", "default": ["a", "b"]},
    "opts": {"kind": dict, "default": {"x": 1}},
    "label": {"kind": str, "default": None},
    "tag": {"kind": "str", "doc": "required: no default"},
})
class RegDeclaredArgs:
    def __init__(self, name, args):
        ARG_SEEN.append(("init", dict(args)))
        self.verbose = "set by __init__"

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        ARG_SEEN.append(("attrs", {a: getattr(self, a) for a in (
            "k", "gain", "mode", "verbose", "names", "opts", "label", "tag")}))
        self.out.send(env)


def run_declared(node_args):
    ARG_SEEN.clear()
    feed_and_collect(rill.Graph(config_str=one_node("RegDeclaredArgs", node_args=node_args)), [1])
    return dict(ARG_SEEN)


def test_declared_defaults_reach_args_and_attributes_when_the_config_omits_them():
    seen = run_declared(', tag = "t"')
    assert seen["init"] == {"tag": "t", "k": 2, "gain": 1.0, "mode": "fast", "verbose": False,
                            "names": ["a", "b"], "opts": {"x": 1}}
    assert type(seen["init"]["gain"]) is float  # a float argument's int default is a float
    assert seen["attrs"] == {"k": 2, "gain": 1.0, "mode": "fast", "verbose": "set by __init__",
                             "names": ["a", "b"], "opts": {"x": 1}, "label": None, "tag": "t"}


def test_config_values_win_over_defaults_and_undeclared_keys_stay_allowed():
    seen = run_declared(', tag = "t", k = 7, mode = "exact", label = "L", extra = 5')
    assert seen["init"]["k"] == 7 and seen["init"]["mode"] == "exact"
    assert seen["init"]["extra"] == 5  # undeclared: passed on, as MegFlow does
    assert seen["attrs"]["k"] == 7 and seen["attrs"]["label"] == "L"
    assert seen["attrs"]["mode"] == "exact"


@pytest.mark.parametrize("node_args, message", [
    (', tag = "t", k = "7"', "argument 'k' must be an integer, got string \"7\""),
    (', tag = "t", k = 11', "argument 'k' must be between 1 and 10, got int 11"),
    (', tag = "t", mode = "exakt"',
     "argument 'mode' must be one of 'fast', 'exact', got 'exakt' \\(did you mean 'exact'\\?\\)"),
    ('', "missing required argument 'tag' \\(required: no default\\)"),
])
def test_the_planner_checks_declared_arguments_at_their_location(node_args, message):
    with pytest.raises(rill.ConfigError, match=r"<config_str>:7:\d+: error: node n \(RegDeclaredArgs\): "
                       + message):
        rill.Graph(config_str=one_node("RegDeclaredArgs", node_args=node_args))


def test_collect_shows_the_normalised_declaration():
    entry = [n for n in rill.collect()["nodes"] if n["name"] == "RegDeclaredArgs"][0]
    args = entry["args"]
    assert list(args) == ["k", "gain", "mode", "verbose", "names", "opts", "label", "tag"]
    assert args["k"] == {"kind": "int", "required": False, "default": 2, "range": (1, 10),
                         "doc": "scale factor"}
    assert args["gain"] == {"kind": "float", "required": False, "default": 1.0,
                            "range": (0.0, None), "doc": ""}
    assert args["mode"] == {"kind": "enum", "required": False, "default": "fast",
                            "choices": ["fast", "exact"], "doc": "how to scale"}
    assert args["label"] == {"kind": "str", "required": False, "default": None, "doc": ""}
    assert args["tag"] == {"kind": "str", "required": True, "doc": "required: no default"}
    plain = [n for n in rill.collect()["nodes"] if n["name"] == "RegRecordArgs"][0]
    assert plain["args"] == {}


@pytest.mark.parametrize("args, error, message", [
    (["k"], TypeError, r"RegBadArgs: args must be a dict .*not list"),
    ({"k": "int"}, TypeError, r"RegBadArgs, argument 'k': the declaration must be a dict"),
    ({"k": {"kind": "integer"}}, ValueError,
     r"RegBadArgs, argument 'k': unknown kind 'integer'"),
    ({"k": {"kind": "flaot"}}, ValueError, r"unknown kind 'flaot' \(did you mean 'float'\?\)"),
    ({"k": {"kind": set}}, ValueError, r"RegBadArgs, argument 'k': unknown kind"),
    ({"k": {"kind": 3}}, TypeError, r"argument 'k': kind must be a str or a type, not int"),
    ({"k": {"default": 1}}, ValueError, r"argument 'k': needs a kind"),
    ({"k": {"kind": "int", "defualt": 1}}, ValueError,
     r"argument 'k': unknown key 'defualt' \(did you mean 'default'\?\)"),
    ({"k": {"kind": "int", "default": "2"}}, TypeError,
     r"argument 'k': default '2' is not an int \(it is a str\)"),
    ({"k": {"kind": "int", "default": True}}, TypeError, r"argument 'k': default True is not an int \(it is a bool\)"),
    ({"k": {"kind": "int", "default": 2.5}}, TypeError, r"argument 'k': default 2.5 is not an int"),
    ({"k": {"kind": "bool", "default": 1}}, TypeError, r"argument 'k': default 1 is not a bool"),
    ({"k": {"kind": "list", "default": (1, 2)}}, TypeError, r"default \(1, 2\) is not a list"),
    ({"k": {"kind": "list", "default": [object()]}}, TypeError,
     r"argument 'k': default \[<object .*\] holds data a config cannot"),
    ({"k": {"kind": "int", "default": 2 ** 70}}, TypeError,
     r"argument 'k': default 1180591620717411303424 does not fit in 64 bits"),
    ({"k": {"kind": "int", "default": 11, "range": [1, 10]}}, ValueError,
     r"argument 'k': default 11 is outside its range"),
    ({"k": {"kind": "int", "range": [5, 1]}}, ValueError, r"argument 'k': range \[5, 1\] is empty"),
    ({"k": {"kind": "int", "range": [1]}}, TypeError, r"argument 'k': range must be \[low, high\]"),
    ({"k": {"kind": "int", "range": [1, 2.5]}}, TypeError,
     r"argument 'k': range bounds of an int argument must be ints or None, not float"),
    ({"k": {"kind": "str", "range": [1, 2]}}, ValueError,
     r"argument 'k': range applies to int and float arguments, not to a str"),
    ({"k": {"kind": "enum"}}, ValueError, r"argument 'k': an enum needs choices"),
    ({"k": {"kind": "str", "choices": ["a"]}}, ValueError,
     r"argument 'k': choices apply to enum arguments, not to a str"),
    ({"k": {"choices": []}}, TypeError, r"argument 'k': choices must be a non-empty list"),
    ({"k": {"choices": ["a", "a"]}}, ValueError, r"argument 'k': choice 'a' is listed twice"),
    ({"k": {"choices": [[1]]}}, TypeError, r"argument 'k': choices must be str, int, float"),
    ({"k": {"choices": ["a", "b"], "default": "c"}}, ValueError,
     r"argument 'k': default 'c' is not one of the choices \['a', 'b'\]"),
    ({"k": {"kind": "int", "doc": 5}}, TypeError, r"argument 'k': doc must be a str, not int"),
    ({"k": {"kind": "int", "doc": "two\nlines"}}, ValueError, r"argument 'k': doc must be one line"),
    ({"bad-name": {"kind": "int"}}, ValueError,
     r"argument 'bad-name': the name must be a Python identifier"),
    ({"cloned": {"kind": "int"}}, ValueError,
     r"argument 'cloned': 'cloned' is a node key of the config itself"),
    ({"inp": {"kind": "int"}}, ValueError, r"argument 'inp': a port has that name"),
    ({1: {"kind": "int"}}, TypeError, r"RegBadArgs: argument names must be str, not 1"),
])
def test_a_malformed_declaration_is_an_error_naming_the_type_and_the_argument(args, error,
                                                                               message):
    with pytest.raises(error, match=message) as info:
        @register(name="RegBadArgs", inputs=["inp"], outputs=["out"], args=args)
        class RegBadArgs:  # noqa: F841 - never used
            pass
    assert "@register of RegBadArgs" in str(info.value)
    assert "RegBadArgs" not in [n["name"] for n in rill.collect()["nodes"]]

"""megflow.func_op: map/reduce/batch/source/sink function nodes and MegFlow's exact type-name
mangling. The functions live in the plugin tests/python/plugins/func_ops/ops.py, so the types they
register (one of them `Noop`, shadowing the built-in) exist only in these graphs."""

import sys
import types

import pytest

import megflow
import rill
from rill import func_op

from conftest import PLUGINS, plugin_module, wait_graph

OPS = str(PLUGINS / "func_ops")


STORES = ("SUNK", "RECORDED", "BATCHES", "CONTEXTS")


def _lengths():
    # Never import the plugin from here: imported outside a plugin load, its types would become
    # the script's own, visible to every Graph of the process.
    ops = sys.modules.get("func_ops.ops")
    return {k: len(getattr(ops, k)) if ops else 0 for k in STORES}


def run_ops(config):
    """Runs a graph with the func_ops plugin; returns what its nodes recorded during this run."""
    before = _lengths()
    g = rill.Graph(config_str=config, plugin_path=OPS, module_path=str(PLUGINS))
    wait_graph(g)
    ops = plugin_module("func_ops", "ops")
    return types.SimpleNamespace(**{k: getattr(ops, k)[before[k]:] for k in STORES})


# ---- name mangling ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("noop", "Noop"),
    ("rnd", "Rnd"),
    ("summation", "Summation"),
    ("gen_data", "Gendata"),
    ("det_v2_x", "Detv2X"),
    ("camelCase", "Camelcase"),
    ("MyNode", "Mynode"),
    ("sink_all", "Sinkall"),
    ("_private", "Private"),
    ("__init", "_Init"),          # only the '_' right before a lowercase letter goes
    ("a_b__b", "Ab_B"),
    ("a_B", "A_B"),
    ("x_a1_ab", "Xa1Ab"),
    ("snake_case_42", "Snakecase_42"),
    ("ab_cd_Ef_gh", "Abcd_Efgh"),
    ("x__y_", "X_Y_"),
])
def test_name_convert_to_camel_mangles_like_megflow(name, expected):
    assert megflow.func_op.name_convert_to_camel(name) == expected
    assert func_op.type_name(name) == expected  # rill's earlier name, the same function


def test_name_convert_to_camel_rejects_a_non_string():
    with pytest.raises(TypeError):
        megflow.func_op.name_convert_to_camel(3)


def test_context_holds_keyword_arguments_as_attributes():
    ctx = megflow.func_op.Context(batch_size=4, timeout=100, name="n")
    assert (ctx.batch_size, ctx.timeout, ctx.name) == (4, 100, "n")
    assert vars(megflow.func_op.Context()) == {}


def test_star_import_brings_megflows_public_names():
    namespace = {}
    exec("from megflow.func_op import *", namespace)
    for name in ("map_def", "reduce_def", "sink_def", "source_def", "batch_def", "Context",
                 "name_convert_to_camel", "register"):
        assert name in namespace, name
    assert namespace["register"] is megflow.register


def test_megflow_func_op_is_rill_func_op():
    assert megflow.func_op is rill.func_op
    assert megflow.func_op.map_def is func_op.map_def


def test_decorators_register_the_mangled_names():
    run_ops(SIMPLE_CHAIN)
    by_name = {}
    for n in rill.collect()["nodes"]:
        if getattr(n["code"], "__module__", "") == "func_ops.ops":
            by_name[n["name"]] = n
    for expected in ("Gendata", "Genshort", "Noop", "Detv2X", "Camelcase", "Mynode", "Addall",
                     "Markbatch", "Sinkall"):
        assert expected in by_name, expected
    for raw in ("gen_data", "det_v2_x", "camelCase", "MyNode", "named_by_argument", "GenData"):
        assert raw not in by_name, raw
    assert list(by_name["Noop"]["inputs"]) == ["inp"] and list(by_name["Noop"]["outputs"]) == ["out"]
    assert list(by_name["Addall"]["inputs"]) == ["inp:[]"]
    assert list(by_name["Gendata"]["inputs"]) == [] and list(by_name["Gendata"]["outputs"]) == ["out"]
    assert list(by_name["Sinkall"]["inputs"]) == ["inp"] and list(by_name["Sinkall"]["outputs"]) == []
    assert by_name["Camelcase"]["exclusive"] is True
    assert by_name["Noop"]["exclusive"] is False


def test_the_unmangled_function_name_is_not_a_node_type():
    with pytest.raises(rill.ConfigError, match=r"gen_data"):
        rill.Graph(config_str=SIMPLE_CHAIN.replace('"Gendata"', '"gen_data"'), plugin_path=OPS,
                   module_path=str(PLUGINS))


# ---- behaviour -------------------------------------------------------------------------------

SIMPLE_CHAIN = """
main = "g"
[[graphs]]
name = "g"
nodes = [
  {name = "src", ty = "Gendata"},
  {name = "n", ty = "Noop"},
  {name = "det", ty = "Detv2X"},
  {name = "cc", ty = "Camelcase"},
  {name = "my", ty = "Mynode", k = 7, label = "L"},
  {name = "sink", ty = "Sinkall"},
]
connections = [
  {cap = 2, ports = ["src:out", "n:inp"]},
  {cap = 2, ports = ["n:out", "det:inp"]},
  {cap = 2, ports = ["det:out", "cc:inp"]},
  {cap = 2, ports = ["cc:out", "my:inp"]},
  {cap = 2, ports = ["my:out", "sink:inp"]},
]
"""


def test_source_map_and_sink_chain_with_mangled_names_and_context():
    ops = run_ops(SIMPLE_CHAIN)
    assert ops.SUNK == [{"value": (i + 100) * 2, "node": "my", "k": 7} for i in range(6)]
    assert ops.CONTEXTS == [("my", 7, "L")] * 6


def test_source_def_numbers_partial_id_from_zero():
    ops = run_ops("""
main = "g"
[[graphs]]
name = "g"
nodes = [{name = "src", ty = "Gendata"}, {name = "det", ty = "Detv2X"},
         {name = "rec", ty = "FuncOpRecorder"}]
connections = [{cap = 2, ports = ["src:out", "det:inp"]}, {cap = 2, ports = ["det:out", "rec:inp"]}]
""")
    # map_def sends the same envelope on: the partial_id survives it
    assert ops.RECORDED == [(i, i + 100) for i in range(6)]


REDUCE = """
main = "g"
[[graphs]]
name = "g"
nodes = [
  {name = "a", ty = "Gendata"},
  {name = "b", ty = "%s"},
  {name = "r", ty = "Addall"},
  {name = "rec", ty = "FuncOpRecorder"},
]
connections = [
  {cap = 2, ports = ["a:out", "r:inp:0"]},
  {cap = 2, ports = ["b:out", "r:inp:1"]},
  {cap = 2, ports = ["r:out", "rec:inp"]},
]
"""


def test_reduce_def_combines_one_message_from_each_list_input():
    ops = run_ops(REDUCE % "Gendata")
    # the result is first.repack(...): the first input's info (partial_id) is kept
    assert ops.RECORDED == [(i, {"sum": 2 * i, "parts": [i, i]}) for i in range(6)]


def test_reduce_def_fails_when_some_inputs_end_before_the_others():
    g = rill.Graph(config_str=REDUCE % "Genshort", plugin_path=OPS, module_path=str(PLUGINS))
    with pytest.raises(rill.GraphError, match="g/r"):
        wait_graph(g)


def test_batch_def_passes_batches_mutated_in_place_and_resends_the_envelopes():
    ops = run_ops("""
main = "g"
[[graphs]]
name = "g"
nodes = [
  {name = "src", ty = "Gendata"},
  {name = "wrap", ty = "Mynode", k = 0, label = "x"},
  {name = "b", ty = "Markbatch", batch_size = 4, timeout = 60000},
  {name = "rec", ty = "FuncOpRecorder"},
]
connections = [
  {cap = 8, ports = ["src:out", "wrap:inp"]},
  {cap = 8, ports = ["wrap:out", "b:inp"]},
  {cap = 8, ports = ["b:out", "rec:inp"]},
]
""")
    assert ops.BATCHES == [4, 2]
    assert [pid for pid, _ in ops.RECORDED] == list(range(6))
    assert [m["batch"] for _, m in ops.RECORDED] == [0, 0, 0, 0, 1, 1]
    assert [m["value"] for _, m in ops.RECORDED] == list(range(6))

"""Function nodes for test_func_op.py, each named so that the config has to use MegFlow's
mangled type name (gen_data -> Gendata, det_v2_x -> Detv2X, camelCase -> Camelcase, ...)."""

from megflow import register
from megflow.func_op import batch_def, map_def, reduce_def, sink_def, source_def

SUNK = []
RECORDED = []
BATCHES = []
CONTEXTS = []


@source_def()
def gen_data():
    for i in range(6):
        yield i


@source_def()
def gen_short():
    yield 1000


@map_def()
def noop(x):
    return x


@map_def()
def det_v2_x(x):
    return x + 100


@map_def(exclusive=True)
def camelCase(x):  # noqa: N802 - the name under test
    return x * 2


@map_def(name="MyNode")
def named_by_argument(x, context):
    CONTEXTS.append((context.name, context.k, context.label))
    return {"value": x, "node": context.name, "k": context.k}


@reduce_def()
def add_all(msgs):
    return {"sum": sum(msgs), "parts": list(msgs)}


@batch_def()
def mark_batch(msgs):
    BATCHES.append(len(msgs))
    for m in msgs:
        m["batch"] = len(BATCHES) - 1
    return "ignored"


@sink_def()
def sink_all(msg):
    SUNK.append(msg)


@register(inputs=["inp"], outputs=[])
class FuncOpRecorder:
    """Records (partial_id, msg) of every envelope."""

    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        RECORDED.append((env.partial_id, env.msg))

"""Function nodes (MegFlow's megflow.func_op): plain functions turned into node types.

    @map_def()        ports inp -> out       env.msg = f(env.msg)
    @reduce_def()     ports inp:[] -> out    one message from each input, f([msgs])
    @sink_def()       port inp               f(msg)
    @source_def()     port out               iterates the generator f()
    @batch_def()      ports inp -> out       f([msgs]) on batches (args batch_size, timeout ms)

The registered type name is MegFlow's conversion of the function's name (or of `name`), because
configs name it (name_convert_to_camel): gen_data -> Gendata, det_v2_x -> Detv2X,
camelCase -> Camelcase. A function with a parameter called `context` receives a Context: the
node's instance name and arguments as attributes.
"""

import inspect
import re
from functools import partial

from rill import Envelope, register

# MegFlow's module has no __all__, so `from megflow.func_op import *` also brings `register`.
__all__ = ["map_def", "reduce_def", "sink_def", "source_def", "batch_def", "Context",
           "name_convert_to_camel", "type_name", "register"]


class Context:
    """Keyword arguments as attributes: Context(batch_size=4).batch_size == 4."""

    def __init__(self, **entries):
        self.__dict__.update(entries)


def name_convert_to_camel(name):
    """MegFlow's type-name mangling of function nodes: drop every '_' that precedes a lowercase
    ASCII letter, then str.title() (so everything but word starts is lowercased, and a letter
    after a digit or any other non-letter starts a new word)."""
    return re.sub(r"_(?=[a-z])", "", name).title()


type_name = name_convert_to_camel  # rill's earlier name for it


def _takes_context(func):
    try:
        return "context" in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


def _function_node(inputs, outputs, step):
    def decorator(name=None, exclusive=False):
        def wrap(func):
            registered = name_convert_to_camel(name if name is not None else func.__name__)
            with_context = _takes_context(func)

            class FunctionNode:
                def __init__(self, instance_name, args):
                    self.context = Context(**{"name": instance_name, **args})
                    self.impl = partial(func, context=self.context) if with_context else func

                def exec(self):
                    step(self, self.impl)

            FunctionNode.__name__ = FunctionNode.__qualname__ = registered
            FunctionNode.__module__ = getattr(func, "__module__", __name__)
            FunctionNode.__doc__ = func.__doc__
            return register(name=registered, inputs=inputs, outputs=outputs,
                            exclusive=exclusive)(FunctionNode)

        return wrap

    return decorator


def _map_step(self, func):
    envelope = self.inp.recv()
    if envelope is None:
        return
    envelope.msg = func(envelope.msg)
    self.out.send(envelope)


def _reduce_step(self, func):
    envelopes = [inp.recv() for inp in self.inp]
    ended = [e is None for e in envelopes]
    if all(ended):
        return
    if any(ended):
        raise RuntimeError("reduce_def: %d of %d inputs ended while the others still sent"
                           % (sum(ended), len(ended)))
    self.out.send(envelopes[0].repack(func([e.msg for e in envelopes])))


def _sink_step(self, func):
    envelope = self.inp.recv()
    if envelope is None:
        return
    func(envelope.msg)


def _source_step(self, func):
    for i, item in enumerate(func()):
        self.out.send(Envelope.pack(item, info={"partial_id": i}))


def _batch_step(self, func):
    envelopes, _ = self.inp.batch_recv(self.context.batch_size, self.context.timeout)
    if not envelopes:
        return
    func([e.msg for e in envelopes])  # mutates the messages in place; the result is ignored
    for envelope in envelopes:
        self.out.send(envelope)


map_def = _function_node(["inp"], ["out"], _map_step)
reduce_def = _function_node(["inp:[]"], ["out"], _reduce_step)
sink_def = _function_node(["inp"], [], _sink_step)
source_def = _function_node([], ["out"], _source_step)
batch_def = _function_node(["inp"], ["out"], _batch_step)

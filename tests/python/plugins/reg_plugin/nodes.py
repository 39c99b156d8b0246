"""A plugin-only node type: visible to the graphs that load this plugin directory, no others."""

from rill import register


@register(inputs=["inp"], outputs=["out"])
class RegPluginTriple:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        env.msg = env.msg * 3
        self.out.send(env)

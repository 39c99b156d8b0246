"""Registers a Python node named like the built-in Transform (and like a graph of the test's
config): in the graphs that load this plugin, it replaces both."""

from rill import register


@register(name="Transform", inputs=["inp"], outputs=["out"])
class TimesTen:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        env.msg = env.msg * 10
        self.out.send(env)

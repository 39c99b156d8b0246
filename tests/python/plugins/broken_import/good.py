from rill import register


@register(inputs=["inp"], outputs=["out"])
class ErrGoodPluginNode:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is not None:
            self.out.send(env)

from rill import register


@register(inputs=["inp"], outputs=["out"])
class HostAppTag:
    def __init__(self, name, args):
        self.label = args["label"]

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        env.msg = [self.label, env.msg]
        self.out.send(env)

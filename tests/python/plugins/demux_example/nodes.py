from megflow import Envelope, register

PRINTED = {}


@register(outputs=["out"])
class Numbers:
    def __init__(self, name, args):
        self.count = args["count"]

    def exec(self):
        for i in range(self.count):
            self.out.send(Envelope.pack(i, info={"to_addr": i % 2, "partial_id": i}))


@register(inputs=["inp"])
class Printer:
    def __init__(self, name, args):
        self.label = args["label"]

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        PRINTED.setdefault(self.label, []).append((env.msg, env.to_addr))

import threading

from megflow import Envelope, register

RESULTS = []
THREADS = {"Noop": set(), "ExclusiveMark": set()}


@register(outputs=["out"])
class NestSource:
    def __init__(self, name, args):
        self.count = args["count"]

    def exec(self):
        for i in range(self.count):
            self.out.send(Envelope.pack({"i": i, "path": []}))


@register(inputs=["inp"], outputs=["out"])
class Noop:
    """Forwards, appending its instance name to the message's path."""

    def __init__(self, name, args):
        self.name = name

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        THREADS["Noop"].add(threading.get_ident())
        msg = env.msg
        msg["path"].append(self.name)
        env.msg = msg
        self.out.send(env)


@register(inputs=["inp"], outputs=["out"], exclusive=True)
class ExclusiveMark:
    def __init__(self, name, args):
        self.name = name

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        THREADS["ExclusiveMark"].add(threading.get_ident())
        msg = env.msg
        msg["path"].append(self.name)
        env.msg = msg
        self.out.send(env)


@register(inputs=["inp"])
class NestSink:
    def __init__(self, name, args):
        pass

    def exec(self):
        env = self.inp.recv()
        if env is None:
            return
        RESULTS.append(env.msg)

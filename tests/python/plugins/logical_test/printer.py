from megflow import register

RECORDS = []


@register(inputs=["inp"])
class LogicalPrinter:
    """Per-instance sink: exactly 10 messages, all for its own address, then None."""

    def __init__(self, name, args):
        self.name = name
        self.args = args
        self.msgs = []
        self.addrs = set()
        self.done = False

    def exec(self):
        env = self.inp.recv()
        if env is None:
            if not self.done:
                self.done = True
                RECORDS.append({
                    "msgs": list(self.msgs), "addrs": set(self.addrs), "args": dict(self.args),
                    "global_buf": self.global_buf, "parent_buf": self.parent_buf,
                    "buf": self.buf,
                })
                assert len(self.msgs) == 10, "expected 10 messages, got %d" % len(self.msgs)
            return
        self.msgs.append(env.msg)
        self.addrs.add(env.to_addr)

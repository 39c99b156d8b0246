from megflow import Envelope, register


@register(outputs=["out"])
class LogicalSource:
    """One envelope per address 0..streams-1 (alternating alternatives by tag), then one empty
    envelope per address, which closes that address's subgraph instance."""

    def __init__(self, name, args):
        self.streams = args["streams"]

    def exec(self):
        for addr in range(self.streams):
            info = {"to_addr": addr, "tag": "TransGraph%d" % (addr % 2), "partial_id": 0}
            self.out.send(Envelope.pack({"addr": addr}, info=info))
        for addr in range(self.streams):
            self.out.send(Envelope.pack(None, info={"to_addr": addr}))

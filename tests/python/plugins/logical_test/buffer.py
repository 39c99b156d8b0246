from megflow import res_register

BUILT = []


@res_register()
class LogicalBuffer:
    """A resource that says which scope's declaration built it."""

    def __init__(self, name, args):
        self.name = name
        self.scope = args["scope"]
        self.alternative = args.get("alternative")
        BUILT.append(self)

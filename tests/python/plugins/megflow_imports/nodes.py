"""A plugin importing from each of MegFlow's submodules in the forms real plugins use; its source
reports what those imports resolved to, and its sink prints the report (for the CLI test, which
runs it in the `rill` executable's embedded interpreter)."""

import megflow.command_line
import megflow.registry
from megflow.func_op import name_convert_to_camel, sink_def
from megflow.megflow import Envelope
from megflow.registry import register

import megflow


@register(outputs=["out"])
class ImportsReport:
    def __init__(self, name, args):
        pass

    def exec(self):
        self.out.send(Envelope.pack({
            "registry": megflow.registry.register is megflow.register,
            "func_op": name_convert_to_camel("imports_print") == "Importsprint",
            "command_line": callable(megflow.command_line.run),
            "native": megflow.megflow.Envelope is megflow.Envelope,
        }))


@sink_def()
def imports_print(report):
    print("megflow submodules: " + " ".join("%s=%s" % kv for kv in sorted(report.items())),
          flush=True)

"""A plugin whose import fails: line 5 imports a module that does not exist."""

from rill import register

import rill_test_no_such_module_xyz  # noqa: F401 - line 5, the error under test


@register(inputs=["inp"], outputs=["out"])
class ErrNeverRegistered:
    def __init__(self, name, args):
        pass

    def exec(self):
        pass

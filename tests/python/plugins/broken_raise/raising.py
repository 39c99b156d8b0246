"""A plugin that raises while it is imported: the exception comes from line 9, inside setup()."""

# (nothing registered: the import fails first)


def setup():
    table = {"present": 1}
    # the next line raises KeyError
    return table["absent"]


setup()

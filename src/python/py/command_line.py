"""MegFlow's console entry points (megflow.command_line), served by rill.

    run()         megflow_run: runs a plugin app's graph in this process, from sys.argv
    quickstart()  megflow_quickstart: not provided by rill (it says so and returns 1)
    main()        run_with_plugins, the launcher's old name: says what it is called now

Each returns the process exit status (0 ran to its end, 1 a node failed, 2 nothing ran: bad
command line, config or plugin), as the `megflow_run` and `rill` executables do, so a console
script `sys.exit(run())` behaves as they do.
"""

import argparse
import sys

from rill import ConfigError, Graph, GraphError, version

__all__ = ["run", "quickstart", "main"]

_EXIT_OK, _EXIT_RUN_ERROR, _EXIT_CONFIG_ERROR, _EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser():
    p = argparse.ArgumentParser(
        prog="megflow_run", description="Run a MegFlow graph with rill (MegFlow's launcher flags).")
    p.add_argument("-p", "--plugin", "--plugin-path", dest="plugin", default=".",
                   help="plugin directory; also picks the default config")
    p.add_argument("-c", "--config", help="graph config (default: <plugin dir>/<its name>.toml)")
    p.add_argument("-m", "--module", help="module path Python plugins import from (default: cwd)")
    p.add_argument("--dynamic", help="TOML template context for the config")
    p.add_argument("--dump", action="store_true",
                   help="ignored here (a warning): draw graphs with the megflow_run executable")
    p.add_argument("--version", action="version", version="megflow_run (rill %s)" % version())
    return p


def run(argv=None):
    """megflow_run in this process: builds Graph(config, dynamic, plugin, module, dump) from the
    command line (sys.argv[1:] unless `argv` is given), waits for the run and returns its exit
    status; errors are printed to stderr."""
    try:
        opts = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as e:  # --help, --version, or a bad command line (already reported)
        return _EXIT_OK if e.code in (0, None) else _EXIT_CONFIG_ERROR
    try:
        graph = Graph(opts.config, None, opts.dynamic, None, opts.plugin, opts.module, opts.dump)
    except ConfigError as e:
        print(e, file=sys.stderr)
        return _EXIT_CONFIG_ERROR
    try:
        graph.wait()
    except GraphError as e:
        print(e, file=sys.stderr)
        return _EXIT_RUN_ERROR
    except KeyboardInterrupt:
        return _EXIT_INTERRUPTED
    return _EXIT_OK


def quickstart():
    """megflow_quickstart scaffolds a MegFlow project; rill has no such generator."""
    print("megflow_quickstart is not provided by rill: start from a plugin directory with a "
          "<name>.toml and its Python nodes (see docs/python.md)", file=sys.stderr)
    return _EXIT_RUN_ERROR


def main():
    """The launcher's old entry point name."""
    print("run_with_plugins is called megflow_run now", file=sys.stderr)
    return _EXIT_OK

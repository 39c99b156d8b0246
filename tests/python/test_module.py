"""The megflow module's layout (MegFlow's flow-python/megflow package): the submodules registry,
func_op, command_line and megflow (the native part) are modules of their own, importable in every
form real plugins use, in a fresh interpreter, in this one and in the `rill` executable's embedded
interpreter."""

import importlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

import megflow
import rill

from conftest import PLUGINS, RUN_TIMEOUT, _bounded, clear_plugin_state, plugin_module

SUBMODULES = {
    "registry": ["register", "res_register", "collect"],
    "func_op": ["map_def", "reduce_def", "sink_def", "source_def", "batch_def", "Context",
                "name_convert_to_camel"],
    "command_line": ["run", "quickstart", "main"],
    "megflow": ["Graph", "Envelope", "version", "yield_now", "sleep", "join", "create_future",
                "Future", "Waker", "block_on"],
}

RILL_EXE = Path(rill.__file__).resolve().parent.parent / "bin" / "rill"


@pytest.mark.parametrize("sub", sorted(SUBMODULES))
def test_each_submodule_is_a_module_in_sys_modules_and_an_attribute(sub):
    mod = sys.modules["megflow." + sub]
    assert getattr(megflow, sub) is mod
    assert importlib.import_module("megflow." + sub) is mod
    assert importlib.util.find_spec("megflow." + sub) is not None
    for name in SUBMODULES[sub]:
        assert hasattr(mod, name), "megflow.%s.%s" % (sub, name)


def test_submodules_hold_the_very_objects_of_the_top_level():
    from megflow.registry import collect, register, res_register
    from megflow.megflow import Envelope, Graph
    assert (register, res_register, collect) == (megflow.register, megflow.res_register,
                                                 megflow.collect)
    assert register is rill.register
    assert Graph is megflow.Graph and Envelope is rill.Envelope
    assert megflow.megflow.version() == megflow.__version__


def test_an_unknown_submodule_is_not_found():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("megflow.no_such_module")


@pytest.mark.parametrize("statement", [
    "import megflow.registry; assert megflow.registry.register is megflow.register",
    "from megflow.registry import register, res_register, collect",
    "from megflow.func_op import map_def, name_convert_to_camel",
    "import megflow.command_line as c; assert callable(c.run)",
    "from megflow.megflow import Graph, Envelope, block_on",
])
def test_a_submodule_imports_first_thing_in_a_fresh_interpreter(statement):
    r = subprocess.run([sys.executable, "-c", statement], capture_output=True, text=True,
                       timeout=RUN_TIMEOUT)
    assert r.returncode == 0, r.stderr


def test_a_plugin_importing_from_the_submodules_runs_in_this_interpreter():
    g = rill.Graph(plugin_path=str(PLUGINS / "megflow_imports"), module_path=str(PLUGINS))
    _bounded(g.wait, RUN_TIMEOUT, g.stop, "Graph.wait()")
    assert plugin_module("megflow_imports", "nodes").Envelope is rill.Envelope


@pytest.mark.skipif(not RILL_EXE.exists(), reason="the rill executable is not built")
def test_a_plugin_importing_from_the_submodules_runs_in_the_cli():
    app = PLUGINS / "megflow_imports"
    # Sanitizer builds preload their runtime into python3 (tests/python/CMakeLists.txt); the rill
    # executable carries its own (clang links it statically), and two copies crash.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    r = subprocess.run([str(RILL_EXE), "run", "-c", str(app / "megflow_imports.toml"),
                        "-p", str(app), "-m", str(PLUGINS)],
                       capture_output=True, text=True, timeout=RUN_TIMEOUT, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert ("megflow submodules: command_line=True func_op=True native=True registry=True"
            in r.stdout), r.stdout + r.stderr


# ---- megflow.command_line --------------------------------------------------------------------

def run_launcher(argv):
    return _bounded(lambda: megflow.command_line.run(argv), RUN_TIMEOUT, None, "run()")


def test_run_runs_a_plugin_app_as_megflow_run_does():
    clear_plugin_state("batch_example", "nodes", "RECORDED")
    assert run_launcher(["-p", str(PLUGINS / "batch_example"), "-m", str(PLUGINS)]) == 0
    assert len(plugin_module("batch_example", "nodes").RECORDED) == 23


def test_run_reads_sys_argv_by_default(monkeypatch):
    clear_plugin_state("batch_example", "nodes", "RECORDED")
    monkeypatch.setattr(sys, "argv", ["megflow_run", "--plugin", str(PLUGINS / "batch_example"),
                                      "--module", str(PLUGINS)])
    assert run_launcher(None) == 0
    assert len(plugin_module("batch_example", "nodes").RECORDED) == 23


def test_run_with_a_bad_config_reports_it_and_returns_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('main = "g"\n[[graphs]]\nname = "g"\nnodes = [{name = "n", ty = "NoSuch"}]\n')
    assert run_launcher(["-c", str(bad), "-p", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "NoSuch" in err


def test_run_with_a_failing_node_returns_1(tmp_path, capsys):
    app = tmp_path / "failing_app"
    app.mkdir()
    (app / "boom.py").write_text(
        "from megflow.registry import register\n"
        "@register(outputs=['out'])\n"
        "class LauncherBoom:\n"
        "    def __init__(self, name, args):\n"
        "        pass\n"
        "    def exec(self):\n"
        "        raise RuntimeError('launcher boom')\n")
    (app / "failing_app.toml").write_text(
        'main = "g"\n[[graphs]]\nname = "g"\nnodes = [{name = "b", ty = "LauncherBoom"}]\n')
    assert run_launcher(["-p", str(app), "-m", str(tmp_path)]) == 1
    assert "launcher boom" in capsys.readouterr().err


def test_run_version_and_bad_flags(capsys):
    assert run_launcher(["--version"]) == 0
    assert "megflow_run (rill %s)" % rill.version() in capsys.readouterr().out
    assert run_launcher(["--no-such-flag"]) == 2
    assert "--no-such-flag" in capsys.readouterr().err


def test_quickstart_says_it_is_not_provided_and_main_names_megflow_run(capsys):
    assert megflow.command_line.quickstart() == 1
    assert "not provided by rill" in capsys.readouterr().err
    assert megflow.command_line.main() == 0
    assert "megflow_run" in capsys.readouterr().err

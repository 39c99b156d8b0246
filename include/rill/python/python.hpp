#pragma once
// What programs embedding rill's Python layer (the `rill` CLI) need from it: a plugin loader for
// Python plugin modules and packages, and the embedded interpreter's lifetime.

#include <memory>
#include <vector>

#include <rill/core/plugin.hpp>

/// rill_python hides everything but this API (its internals hold pybind11 types, which are
/// hidden by design); the CLI and the extension modules use only what is marked with it.
#define RILL_PYTHON_API __attribute__((visibility("default")))

namespace rill::python {

/// Loads MegFlow Python plugins: each `*.py` file or package directly in a plugin directory is
/// imported as a module named by its path relative to the module path (`-m`), and the node and
/// resource types its import registered are added to the registry. Starts an embedded interpreter
/// on first use when the program is not Python itself. An import error is reported at the plugin
/// file and line that raised it.
RILL_PYTHON_API std::unique_ptr<PluginLoader> make_plugin_loader();

/// Every plugin loader a program with Python support uses, in the order they are asked: C++
/// libraries (`*.so`), then Python modules and packages. The CLI and rill.Graph both use it.
RILL_PYTHON_API std::vector<std::unique_ptr<PluginLoader>> plugin_loaders();

/// Starts the embedded interpreter (with the `rill` and `megflow` modules built in) unless Python
/// already runs in this process. Call from the main thread; returns with the GIL released.
RILL_PYTHON_API void ensure_interpreter();

/// Stops the Python executor and finalizes an interpreter ensure_interpreter() started; no-op
/// otherwise. Call from the main thread once no graph runs.
RILL_PYTHON_API void shutdown_interpreter();

}  // namespace rill::python

#include "module.hpp"

#include "async_api.hpp"
#include "convert.hpp"
#include "envelope.hpp"
#include "greenlet.hpp"
#include "ports.hpp"
#include "python_executor.hpp"
#include "registration.hpp"

namespace rill::python {

extern const char* const kFuncOpSource;  // py/func_op.py, embedded at build time
void bind_graph(py::module_& m);
void shutdown_at_exit();

namespace {

/// Runs embedded Python source as module `name` (registered in sys.modules).
py::module_ source_module(const char* name, const char* file, const char* source) {
  py::module_ mod = py::reinterpret_steal<py::module_>(PyModule_New(name));
  if (!mod) throw py::error_already_set();
  py::dict ns = mod.attr("__dict__");
  ns["__file__"] = file;
  ns["__builtins__"] = py::module_::import("builtins");
  py::module_::import("sys").attr("modules")[name] = mod;
  py::object code = py::module_::import("builtins").attr("compile")(source, file, "exec");
  py::module_::import("builtins").attr("exec")(code, ns);
  return mod;
}

const char* const kExports[] = {
    "register",  "res_register", "collect",    "Envelope",      "Graph",    "Future",     "Waker",
    "yield_now", "sleep",        "join",       "create_future", "block_on", "Receiver",   "Sender",
    "Stopped",   "ConfigError",  "GraphError", "Opaque",        "version",  "__version__"};

}  // namespace

void define_rill_module(py::module_& m) {
  m.doc() = "rill: streaming pipelines of C++ and Python nodes (MegFlow-compatible API).";
  if (!greenlet::import_api()) throw py::error_already_set();
  bind_opaque(m);
  bind_envelope(m);
  bind_ports(m);
  bind_async(m);
  bind_registration(m);
  bind_graph(m);
  m.attr("__version__") = RILL_VERSION;
  m.def(
      "version", [] { return std::string(RILL_VERSION); }, "rill's version.");
  // Submodule rill.func_op (also megflow.func_op). It imports from rill, which the import system
  // registers only once this init returns: register it now so that import finds this module.
  py::module_::import("sys").attr("modules")["rill"] = m;
  m.attr("func_op") = source_module("rill.func_op", "<rill>/func_op.py", kFuncOpSource);
  py::module_::import("atexit").attr("register")(py::cpp_function(&shutdown_at_exit));
}

void define_megflow_module(py::module_& m) {
  m.doc() = "MegFlow's Python API, served by rill.";
  py::module_ rill = py::module_::import("rill");
  for (const char* name : kExports) m.attr(name) = rill.attr(name);
  m.attr("func_op") = rill.attr("func_op");
  py::module_::import("sys").attr("modules")["megflow.func_op"] = rill.attr("func_op");
}

namespace {

PyObject* init_module(const char* name, PyModuleDef* def, void (*define)(py::module_&)) {
  try {
    auto m = py::module_::create_extension_module(name, nullptr, def);
    define(m);
    return m.release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_ImportError, e.what());
  }
  return nullptr;
}

}  // namespace

// Module definitions must outlive their modules.
PyModuleDef rill_def;
PyModuleDef megflow_def;

PyObject* init_rill_module() { return init_module("rill", &rill_def, &define_rill_module); }
PyObject* init_megflow_module() {
  return init_module("megflow", &megflow_def, &define_megflow_module);
}

}  // namespace rill::python

#include "module.hpp"

#include "async_api.hpp"
#include "convert.hpp"
#include "embedded_py.hpp"
#include "envelope.hpp"
#include "greenlet.hpp"
#include "ports.hpp"
#include "python_executor.hpp"
#include "registration.hpp"

namespace rill::python {

void bind_graph(py::module_& m);
void bind_vision(py::module_& m);
void shutdown_at_exit();

namespace {

/// A new, empty module `name` ("pkg.sub") registered in sys.modules, so that `import pkg.sub` and
/// `from pkg.sub import x` find it although its parent is an extension module, not a package.
py::module_ new_module(const std::string& name) {
  py::module_ mod = py::reinterpret_steal<py::module_>(PyModule_New(name.c_str()));
  if (!mod) throw py::error_already_set();
  // A spec, as every imported module has one (importlib.util.find_spec reads it).
  mod.attr("__spec__") =
      py::module_::import("importlib.machinery").attr("ModuleSpec")(name, py::none());
  py::module_::import("sys").attr("modules")[py::str(name)] = mod;
  return mod;
}

/// Runs the embedded py/<stem>.py as module `name`.
py::module_ source_module(const std::string& name, std::string_view stem) {
  const EmbeddedPy* py_file = nullptr;
  for (const auto& e : kEmbeddedPy) {
    if (e.stem == stem) py_file = &e;
  }
  if (py_file == nullptr) throw std::logic_error("no embedded py/" + std::string(stem) + ".py");
  py::module_ mod = new_module(name);
  const std::string file = "<rill>/" + std::string(stem) + ".py";
  py::dict ns = mod.attr("__dict__");
  ns["__file__"] = file;
  ns["__builtins__"] = py::module_::import("builtins");
  py::module_ builtins = py::module_::import("builtins");
  py::object code = builtins.attr("compile")(
      py::str(py_file->source.data(), py_file->source.size()), file, "exec");
  builtins.attr("exec")(code, ns);
  return mod;
}

/// Makes `mod` the submodule `sub` of `parent`: its attribute, and in sys.modules as "parent.sub"
/// (also when `mod` is known by another name, as rill.func_op is).
py::module_ add_submodule(py::module_& parent, const char* sub, py::module_ mod) {
  parent.attr(sub) = mod;
  const std::string full = py::str(parent.attr("__name__")).cast<std::string>() + "." + sub;
  py::module_::import("sys").attr("modules")[py::str(full)] = mod;
  return mod;
}

const char* const kRegistryNames[] = {"register", "res_register", "collect"};

/// Everything of rill's own that MegFlow's native module (megflow.megflow) holds, or that rill
/// adds beside it; the registry functions live in megflow.registry, as in MegFlow.
const char* const kNativeNames[] = {"Envelope",    "Graph",      "Future", "Waker",
                                    "yield_now",   "sleep",      "join",   "create_future",
                                    "block_on",    "Receiver",   "Sender", "Stopped",
                                    "ConfigError", "GraphError", "Opaque", "version"};

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
  m.attr("func_op") = source_module("rill.func_op", "func_op");
  // rill.vision: the C++ vision operators on numpy frames (vision_binding.cpp).
  py::module_ vision = add_submodule(m, "vision", new_module("rill.vision"));
  bind_vision(vision);
  py::module_::import("atexit").attr("register")(py::cpp_function(&shutdown_at_exit));
}

void define_megflow_module(py::module_& m) {
  m.doc() = "MegFlow's Python API, served by rill.";
  py::module_ rill = py::module_::import("rill");
  // MegFlow's package layout: its __init__ re-exports megflow.registry and the native
  // megflow.megflow; func_op and command_line are imported by name. Real plugins import from
  // each, so each is a module of its own, holding rill's objects under MegFlow's names.
  py::module_ registry = add_submodule(m, "registry", new_module("megflow.registry"));
  for (const char* name : kRegistryNames) registry.attr(name) = rill.attr(name);
  py::module_ native = add_submodule(m, "megflow", new_module("megflow.megflow"));
  for (const char* name : kNativeNames) native.attr(name) = rill.attr(name);
  add_submodule(m, "func_op", rill.attr("func_op").cast<py::module_>());
  add_submodule(m, "command_line", source_module("megflow.command_line", "command_line"));
  for (const char* name : kRegistryNames) m.attr(name) = rill.attr(name);
  for (const char* name : kNativeNames) m.attr(name) = rill.attr(name);
  m.attr("__version__") = rill.attr("__version__");
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

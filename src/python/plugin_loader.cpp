// PythonPluginLoader: MegFlow's plugin discovery (each `*.py` file or package directly in the
// plugin directory, imported relative to the module path) for `rill run -p` and rill.Graph.

#include <filesystem>
#include <system_error>

#include <pybind11/pybind11.h>

#include <rill/python/python.hpp>

#include "fiber.hpp"
#include "gil.hpp"
#include "python_executor.hpp"
#include "registration.hpp"

namespace rill::python {
namespace py = pybind11;
namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& file, const fs::path& root) {
  auto rel = file.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

/// Where an import failed: the SyntaxError's own position, else the innermost traceback frame
/// inside the plugin (file or package), else the innermost frame, else the plugin itself.
SourceLoc locate(const PyError& err, const fs::path& entry) {
  SourceLoc loc{entry.string(), 0, 0};
  if (!err.value) return loc;
  py::handle value(err.value.get());
  if (PyErr_GivenExceptionMatches(err.type.get(), PyExc_SyntaxError) != 0) {
    try {
      if (!value.attr("filename").is_none()) loc.file = py::str(value.attr("filename"));
      if (!value.attr("lineno").is_none()) loc.line = value.attr("lineno").cast<int>();
      if (!value.attr("offset").is_none()) loc.col = value.attr("offset").cast<int>();
      return loc;
    } catch (const py::error_already_set&) {
      PyErr_Clear();
    }
  }
  SourceLoc innermost = loc;
  bool found_inside = false;
  for (PyObject* tb = err.traceback.get(); tb != nullptr && tb != Py_None;) {
    auto* t = reinterpret_cast<PyTracebackObject*>(tb);
    PyCodeObject* code = PyFrame_GetCode(t->tb_frame);
    std::string file = py::str(code->co_filename);
    Py_DECREF(code);
    SourceLoc here{file, t->tb_lineno, 0};
    innermost = here;
    std::error_code ec;
    const fs::path f = fs::weakly_canonical(file, ec);
    if (f == entry || inside(f, entry)) {
      loc = here;
      found_inside = true;
    }
    tb = reinterpret_cast<PyObject*>(t->tb_next);
  }
  return found_inside ? loc : innermost;
}

class PythonPluginLoader final : public PluginLoader {
 public:
  [[nodiscard]] bool accepts(const fs::path& entry) const override {
    std::error_code ec;
    if (entry.filename().string().rfind('.', 0) == 0) return false;  // hidden
    if (entry.extension() == ".py") return fs::is_regular_file(entry, ec);
    return fs::is_directory(entry, ec) && fs::exists(entry / "__init__.py", ec);
  }

  bool load(const fs::path& raw_entry, const PluginContext& context, Registry& registry,
            Diagnostics& diags) override {
    ensure_interpreter();
    PythonExecutor::instance();
    std::error_code ec;
    const fs::path entry = fs::weakly_canonical(raw_entry, ec);
    const fs::path root = fs::weakly_canonical(
        context.module_path.empty() ? fs::current_path(ec) : context.module_path, ec);
    if (!inside(entry, root)) {
      diags.error(SourceLoc{raw_entry.string(), 0, 0},
                  "module not found: the plugin is not inside the module path " + root.string() +
                      " (set it with -m)",
                  "plugin");
      return false;
    }
    fs::path rel = entry.lexically_relative(root);
    if (rel.extension() == ".py") rel.replace_extension();
    std::string module;
    for (const auto& part : rel) module += (module.empty() ? "" : ".") + part.string();

    GilHold gil;
    auto& regs = Registrations::instance();
    try {
      py::list sys_path = py::module_::import("sys").attr("path");
      if (!sys_path.contains(py::str(root.string()))) sys_path.insert(0, py::str(root.string()));
      regs.importing = module;
      py::module_::import("importlib").attr("import_module")(module);
      regs.importing.clear();
    } catch (py::error_already_set& e) {
      regs.importing.clear();
      e.restore();
      PyError err = PyError::fetch();
      const std::string text = err.format();
      std::string last =
          text.substr(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);
      diags.error(locate(err, entry), "cannot import Python plugin '" + module + "': " + last,
                  "plugin");
      diags.note(SourceLoc{raw_entry.string(), 0, 0}, text, "plugin");
      return false;
    }
    regs.add_to(registry, module);
    return true;
  }
};

}  // namespace

std::unique_ptr<PluginLoader> make_plugin_loader() {
  return std::make_unique<PythonPluginLoader>();
}

std::vector<std::unique_ptr<PluginLoader>> plugin_loaders() {
  std::vector<std::unique_ptr<PluginLoader>> loaders;
  loaders.push_back(make_native_plugin_loader());
  loaders.push_back(make_plugin_loader());  // starts Python only when a plugin needs it
  return loaders;
}

}  // namespace rill::python

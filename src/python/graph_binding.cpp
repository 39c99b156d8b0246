// rill.Graph / megflow.Graph: build and run a graph from a Python host (docs/python.md).

#include <filesystem>
#include <map>
#include <set>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <rill/config/toml_loader.hpp>
#include <rill/core/graph.hpp>
#include <rill/media/nodes.hpp>
#include <rill/python/python.hpp>
#include <rill/vision/nodes.hpp>

#include "call_args.hpp"
#include "fiber.hpp"
#include "gil.hpp"
#include "ports.hpp"
#include "python_executor.hpp"
#include "registration.hpp"

namespace rill::python {
namespace py = pybind11;
namespace fs = std::filesystem;

namespace {

using namespace std::chrono_literals;

PyObject* config_error = nullptr;  // rill.ConfigError
PyObject* graph_error = nullptr;   // rill.GraphError

[[noreturn]] void raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

struct WaitRequest final : Request {
  explicit WaitRequest(Graph* g) : graph(g) {}
  Task<> perform() override { result = co_await graph->wait_async(); }
  Graph* graph;
  RunResult result;
};

class PyGraph;
std::set<PyGraph*>* live_graphs = new std::set<PyGraph*>;  // guarded by the GIL; leaked

class PyGraph {
 public:
  PyGraph(std::optional<std::string> config_path, std::optional<std::string> config_str,
          std::optional<std::string> dynamic_path, std::optional<std::string> dynamic_str,
          std::optional<std::string> plugin_path, std::optional<std::string> module_path,
          bool dump) {
    std::error_code ec;
    if (plugin_path && !config_path && !config_str) {
      // MegFlow's default: <abs plugin dir>/<dir name>.toml
      fs::path dir = fs::absolute(*plugin_path, ec).lexically_normal();
      if (dir.filename().empty()) dir = dir.parent_path();
      config_path = (dir / (dir.filename().string() + ".toml")).string();
    }
    if (!config_path && !config_str) {
      throw py::type_error("Graph() needs config_path, config_str or plugin_path");
    }
    Diagnostics diags;
    auto registry = std::make_shared<Registry>();
    register_builtin_nodes(*registry);
    media::register_media_nodes(*registry);
    vision::register_vision_nodes(*registry);
    PythonExecutor::instance();
    Registrations::instance().add_to(*registry, "");  // the host script's own registrations
    if (plugin_path) {
      PluginContext context;
      context.module_path = module_path ? fs::path(*module_path) : fs::current_path(ec);
      load_plugin_dirs({*plugin_path}, context, plugin_loaders(), *registry, diags);
    }
    config::TomlLoadOptions options;
    // As MegFlow: dynamic_str wins over dynamic_path when both are given.
    if (dynamic_str) {
      options.dynamic_text = *dynamic_str;
    } else if (dynamic_path) {
      options.dynamic_path = *dynamic_path;
    }
    std::optional<GraphSpec> spec;
    if (config_str) {
      spec = config::load_toml_string(*config_str, "<config_str>", fs::current_path(ec).string(),
                                      options, diags);
    } else {
      spec = config::load_toml_file(*config_path, options, diags);
    }
    if (spec && diags.error_count() == 0) {
      GilRelease unlocked;  // planning may start threads that want the GIL (none today)
      graph_ = Graph::create(*spec, registry, diags);
    }
    if (!graph_) raise(config_error, diags.format());
    if (!diags.items().empty()) {
      py::module_::import("warnings").attr("warn")(diags.format());
    }
    if (dump) {
      py::module_::import("warnings")
          .attr("warn")(
              "Graph(dump=True): rill draws graphs with `rill graph -c CONFIG` (DOT or Mermaid) or "
              "`megflow_run --dump`; ignored here");
    }
    // One end per input and output held from the start (MegFlow): inputs stay open until
    // close()/wait(), outputs can be read whenever the host gets to them.
    for (const auto& name : graph_->input_names()) {
      inputs_[name] = std::make_shared<SendEnd>(graph_->input(name));
    }
    for (const auto& name : graph_->output_names()) {
      outputs_[name] = std::make_shared<RecvEnd>(graph_->output(name));
    }
    live_graphs->insert(this);
    GilRelease unlocked;
    graph_->start();
  }

  ~PyGraph() {
    live_graphs->erase(this);
    if (!graph_) return;
    if (abandoned_) {
      (void)graph_.release();  // nodes may never end now that the Python executor is gone
      return;
    }
    GilRelease unlocked;
    inputs_.clear();
    graph_->close_inputs();
    graph_.reset();  // stops and waits
  }

  std::vector<std::string> inputs() const { return graph_->input_names(); }
  std::vector<std::string> outputs() const { return graph_->output_names(); }

  py::object input(const std::string& name) {
    auto it = inputs_.find(name);
    return it == inputs_.end() ? py::none() : wrap_sender(it->second);
  }
  py::object output(const std::string& name) {
    auto it = outputs_.find(name);
    return it == outputs_.end() ? py::none() : wrap_receiver(it->second);
  }

  void close() {
    for (auto& [name, end] : inputs_) end->release();
    graph_->close_inputs();
  }

  void stop() { graph_->stop(); }

  void wait() {
    close();
    // As MegFlow: the held output ends go too, or a node sending to an output nobody reads any
    // more would block the end of the run.
    for (auto& [name, end] : outputs_) end->release();
    if (Fiber* f = Fiber::current()) {
      // Inside a node or join/block_on: suspend the fiber, never the thread it shares.
      auto req = std::make_unique<WaitRequest>(graph_.get());
      if (!f->wait_for(req.get())) throw py::error_already_set();
      if (!req->result.ok) raise(graph_error, req->result.format());
      return;
    }
    check_may_block("Graph.wait()");
    std::optional<RunResult> r;
    try {
      wait_interruptibly([&](std::chrono::milliseconds slice) {
        r = graph_->wait_for(slice);
        return r.has_value();
      });
    } catch (py::error_already_set&) {
      graph_->stop();  // Ctrl-C: the graph winds down while the exception propagates
      throw;
    }
    if (!r->ok) raise(graph_error, r->format());
  }

  bool finished() const { return graph_->finished(); }

  /// At interpreter exit: stop, give the run a moment to end, and never wait for it again.
  void abandon() {
    close();
    graph_->stop();
    {
      GilRelease unlocked;
      graph_->wait_for(5s);
    }
    abandoned_ = true;
  }

 private:
  bool abandoned_ = false;
  std::unique_ptr<Graph> graph_;
  std::map<std::string, std::shared_ptr<SendEnd>> inputs_;
  std::map<std::string, std::shared_ptr<RecvEnd>> outputs_;
};

/// Graph(...) with MegFlow's parameter list (flow-python's Graph.__new__), bound by hand so that
/// a wrong argument is a TypeError naming it.
std::unique_ptr<PyGraph> make_graph(const py::args& args, const py::kwargs& kwargs) {
  static constexpr std::string_view kParams[] = {"config_path", "config_str",  "dynamic_path",
                                                 "dynamic_str", "plugin_path", "module_path",
                                                 "dump"};
  constexpr std::string_view kFn = "Graph";
  std::vector<py::object> a = bind_arguments(kFn, kParams, args, kwargs);
  return std::make_unique<PyGraph>(
      optional_path(a[0], kFn, kParams[0]), optional_str(a[1], kFn, kParams[1]),
      optional_path(a[2], kFn, kParams[2]), optional_str(a[3], kFn, kParams[3]),
      optional_path(a[4], kFn, kParams[4]), optional_path(a[5], kFn, kParams[5]),
      optional_bool(a[6], false, kFn, kParams[6]));
}

}  // namespace

void stop_live_graphs() {
  auto graphs = *live_graphs;
  for (PyGraph* g : graphs) g->abandon();
}

void bind_graph(py::module_& m) {
  static py::exception<std::runtime_error> cfg(m, "ConfigError", PyExc_ValueError);
  static py::exception<std::runtime_error> run(m, "GraphError", PyExc_RuntimeError);
  config_error = cfg.ptr();
  graph_error = run.ptr();
  py::class_<PyGraph>(m, "Graph",
                      "A graph built from a TOML config and started at once. Errors in the "
                      "config or plugins raise ConfigError; a failed run raises GraphError from "
                      "wait().")
      .def(py::init(&make_graph),
           "Graph(config_path=None, config_str=None, dynamic_path=None, dynamic_str=None, "
           "plugin_path=None, module_path=None, dump=False): MegFlow's parameters, in MegFlow's "
           "order, positional or by keyword. Paths are str or os.PathLike; config_str wins over "
           "config_path, dynamic_str over dynamic_path; without either config, the config is "
           "<plugin_path>/<its name>.toml.")
      .def("inputs", &PyGraph::inputs, "Names of the main graph's inputs.")
      .def("outputs", &PyGraph::outputs, "Names of the main graph's outputs.")
      .def("input", &PyGraph::input, py::arg("key"), "The Sender of input `key`, or None.")
      .def("output", &PyGraph::output, py::arg("key"), "The Receiver of output `key`, or None.")
      .def("close", &PyGraph::close, "Closes every input; the graph ends once it drained.")
      .def("stop", &PyGraph::stop, "Stops gracefully: inputs closed, sources stopped.")
      .def("wait", &PyGraph::wait,
           "close(), then blocks until the run ends; raises GraphError "
           "if it failed.")
      .def_property_readonly("finished", &PyGraph::finished)
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PyGraph& g, const py::args&) { g.wait(); });
}

}  // namespace rill::python

#include "rill/core/graph.hpp"

#include <fmt/format.h>

#include "runtime/plan.hpp"
#include "runtime/runtime.hpp"

namespace rill {

std::string RunResult::format() const {
  if (ok) return "ok";
  return node.empty() ? message : fmt::format("node {}: {}", node, message);
}

class Runtime : public detail::Runtime {
 public:
  using detail::Runtime::Runtime;
};

std::unique_ptr<Graph> Graph::create(const GraphSpec& spec,
                                     std::shared_ptr<const Registry> registry, Diagnostics& diags,
                                     GraphOptions options) {
  std::vector<std::string> extra;
  extra.reserve(options.executors.size());
  for (const auto& [name, ex] : options.executors) extra.push_back(name);
  auto plan = detail::make_plan(spec, std::move(registry), extra, diags);
  if (!plan) return nullptr;
  try {
    auto rt = std::make_unique<Runtime>(std::move(plan), std::move(options));
    return std::unique_ptr<Graph>(new Graph(std::move(rt)));
  } catch (const std::exception& e) {
    // Node construction and resource failures surface here, before anything runs.
    diags.error({spec.file, 0, 0}, e.what());
    return nullptr;
  }
}

Graph::Graph(std::unique_ptr<Runtime> rt) : rt_(std::move(rt)) {}
Graph::~Graph() = default;

std::vector<std::string> Graph::input_names() const { return rt_->input_names(); }
std::vector<std::string> Graph::output_names() const { return rt_->output_names(); }
Sender<Envelope> Graph::input(const std::string& name) { return rt_->input(name); }
Receiver<Envelope> Graph::output(const std::string& name) { return rt_->output(name); }
void Graph::start() { rt_->start(); }
void Graph::stop() { rt_->stop(); }
void Graph::close_inputs() { rt_->close_inputs(); }
Task<RunResult> Graph::wait_async() { return rt_->wait_async(); }
RunResult Graph::wait() { return rt_->wait(); }
std::optional<RunResult> Graph::wait_for(std::chrono::milliseconds timeout) {
  return rt_->wait_for(timeout);
}
RunResult Graph::run() {
  start();
  return wait();
}
bool Graph::finished() const { return rt_->finished(); }
std::vector<NodeStats> Graph::snapshot() const { return rt_->snapshot(); }
std::size_t Graph::live_node_count() const {
  return static_cast<std::size_t>(rt_->live_nodes.load());
}

}  // namespace rill

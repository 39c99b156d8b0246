// Engine set-up and tear-down: threads, method instances, initialisation, thread priorities,
// and the small accessors the Workflow facade forwards to.
#include <exception>
#include <mutex>
#include <sstream>

#include <spdlog/spdlog.h>

#include "hobotxstream/profiler.h"
#include "runtime/engine.hpp"

namespace rill::sdk::detail {

namespace {

std::atomic<int> g_instances{0};  // XStream numbers SDK instances for thread names

std::string describe_init(const config::WorkflowNode& spec) {
  return spec.method_config
             ? "InitFromJsonString(method_config), then Init(\"" + spec.method_config_file + "\")"
             : "Init(\"" + spec.method_config_file + "\")";
}

}  // namespace

Engine::Engine(const config::WorkflowSpec& spec, std::shared_ptr<::Profiler> profiler)
    : spec_(spec),
      plan_(Plan::build(spec_)),
      profiler_(std::move(profiler)),
      instance_no_(g_instances.fetch_add(1)),
      next_sequence_(std::make_unique<std::atomic<std::int64_t>[]>(
          static_cast<std::size_t>(spec_.source_number))) {}

Engine::~Engine() {
  // Stop every mailbox, then wait for all to go quiet, before destroying any: a running job may
  // still post to another mailbox (which refuses it once stopped).
  for (auto& [i, t] : shared_threads_) t->stop();
  for (auto& t : private_threads_) t->stop();
  for (auto& [i, t] : shared_threads_) t->wait_idle();
  for (auto& t : private_threads_) t->wait_idle();
  shared_threads_.clear();
  private_threads_.clear();
  callbacks_.clear();
  for (std::size_t n = 0; n < nodes_.size(); ++n) {
    for (auto& src : nodes_[n]->ordered) src->buffer.clear();
    for (std::size_t i = 0; i < nodes_[n]->instances.size(); ++i) {
      if (i < initialised_[n].size() && initialised_[n][i]) {
        try {
          nodes_[n]->instances[i]->Finalize();
        } catch (const std::exception& e) {
          spdlog::error("xstream: node '{}': Finalize threw: {}", nodes_[n]->spec->unique_name,
                        e.what());
        }
      }
    }
  }
}

Mailbox* Engine::shared_thread(int index) {
  auto& t = shared_threads_[index];
  if (!t) {
    t = std::make_unique<Mailbox>(
        "sdk_" + std::to_string(instance_no_) + "_thread_" + std::to_string(index), this);
  }
  return t.get();
}

void Engine::assign_threads(NodeRuntime& node) {
  const config::WorkflowNode& spec = *node.spec;
  const std::string prefix = "sdk_" + std::to_string(instance_no_) + "_";
  if (!spec.thread_list.empty()) {
    for (int idx : spec.thread_list) node.threads.push_back(shared_thread(idx));
    return;
  }
  if (!spec.threads_declared && !spec.thread_priority) {
    // No thread keys: a strand on the shared workers (see rill/sdk/workflow.hpp).
    if (!strand_executor_) strand_executor_ = strand_executor();
    private_threads_.push_back(
        std::make_unique<Mailbox>(prefix + spec.unique_name, this, strand_executor_.get()));
    node.threads.push_back(private_threads_.back().get());
    return;
  }
  for (int i = 0; i < spec.thread_count; ++i) {
    private_threads_.push_back(std::make_unique<Mailbox>(
        prefix + spec.unique_name + "_thread_" + std::to_string(i), this));
    node.threads.push_back(private_threads_.back().get());
  }
}

int Engine::open(const WorkflowOptions& options, Diagnostics& diags) {
  const MethodFactory factory = options.factory ? options.factory : default_method_factory();
  if (spec_.sched_upper || spec_.sched_down) {
    warn(
        "optional.sched_upper/sched_down have no effect: rill has no scheduler or result "
        "thread (nodes are scheduled and results delivered on the node threads)");
  }
  bool ok = true;
  initialised_.resize(spec_.nodes.size());
  for (std::size_t n = 0; n < spec_.nodes.size() && ok; ++n) {
    auto node = std::make_unique<NodeRuntime>();
    node->index = static_cast<int>(n);
    node->plan = &plan_.nodes[n];
    node->spec = &spec_.nodes[n];
    assign_threads(*node);
    NodeRuntime& nr = *node;
    nodes_.push_back(std::move(node));
    ok = create_instances(nr, factory, diags) && init_instances(nr, diags);
    if (ok) apply_priority(nr);
  }
  return ok ? 0 : -1;
}

bool Engine::create_instances(NodeRuntime& node, const MethodFactory& factory, Diagnostics& diags) {
  const config::WorkflowNode& spec = *node.spec;
  bool threw = false;
  auto create = [&]() -> MethodPtr {
    try {
      return factory(spec.method_type);
    } catch (const std::exception& e) {
      diags.error(spec.loc, "node '" + spec.unique_name + "': creating method '" +
                                spec.method_type + "' threw: " + e.what());
      threw = true;
      return nullptr;
    }
  };
  MethodPtr first = create();
  if (!first) {
    if (!threw) {
      diags.error(spec.loc, "node '" + spec.unique_name + "': unknown method type '" +
                                spec.method_type +
                                "' (no registered method or CreateMethod "
                                "factory knows it)");
    }
    return false;
  }
  node.info = first->GetMethodInfo();
  const int count = node.instance_count(spec_.source_number);
  if (node.info.is_src_ctx_dept && !node.info.is_thread_safe_ &&
      static_cast<int>(node.threads.size()) > spec_.source_number) {
    diags.error(spec.loc, "node '" + spec.unique_name + "': method '" + spec.method_type +
                              "' keeps one instance per source and is not thread-safe, so it "
                              "cannot use " +
                              std::to_string(node.threads.size()) + " threads for " +
                              std::to_string(spec_.source_number) + " source(s)");
    return false;
  }
  node.instances.push_back(std::move(first));
  while (static_cast<int>(node.instances.size()) < count) {
    MethodPtr m = create();
    if (!m) {
      if (threw) return false;
      diags.error(spec.loc, "node '" + spec.unique_name +
                                "': the factory returned no instance "
                                "of '" +
                                spec.method_type + "' the second time");
      return false;
    }
    node.instances.push_back(std::move(m));
  }
  if (node.info.is_need_reorder) {
    for (int s = 0; s < spec_.source_number; ++s) {
      node.ordered.push_back(std::make_unique<NodeRuntime::OrderedSource>());
    }
  }
  return true;
}

bool Engine::init_instances(NodeRuntime& node, Diagnostics& diags) {
  const config::WorkflowNode& spec = *node.spec;
  auto& done = initialised_[static_cast<std::size_t>(node.index)];
  done.assign(node.instances.size(), false);
  std::mutex diags_mu;
  auto init_one = [&](std::size_t i) {
    Method& m = *node.instances[i];
    int rc = -1;
    std::string error;
    try {
      if (spec.method_config) rc = m.InitFromJsonString(*spec.method_config);
      if (rc != 0) rc = m.Init(spec.method_config_file);
    } catch (const std::exception& e) {
      error = std::string(" threw: ") + e.what();
    }
    std::lock_guard g(diags_mu);
    if (rc == 0 && error.empty()) {
      done[i] = true;
      return;
    }
    if (error.empty()) error = " returned " + std::to_string(rc);
    diags.error(spec.loc, "node '" + spec.unique_name + "': method '" + spec.method_type +
                              "' instance " + std::to_string(i) + ": " + describe_init(spec) +
                              error);
  };
  // Several instances that are not thread-safe are each initialised on the thread they are bound
  // to (a method may keep thread-bound state, e.g. an accelerator context); otherwise here.
  const bool on_own_thread = node.instances.size() > 1 && !node.info.is_thread_safe_;
  for (std::size_t i = 0; i < node.instances.size(); ++i) {
    if (on_own_thread) {
      node.threads[i % node.threads.size()]->call([&init_one, i] { init_one(i); });
    } else {
      init_one(i);
    }
  }
  return std::all_of(done.begin(), done.end(), [](bool b) { return b; });
}

void Engine::apply_priority(NodeRuntime& node) {
  if (!node.spec->thread_priority) return;
  const config::ThreadPriority& p = *node.spec->thread_priority;
  ExecutorOptions options;
  options.policy = p.policy;
  options.priority = p.priority;
  for (Mailbox* t : node.threads) {
    SchedResult r;
    t->call([&] { r = apply_thread_options(options); });
    if (!r.applied) {
      warn("node '" + node.spec->unique_name + "': thread_priority " +
           std::string(to_string(p.policy)) + " " + std::to_string(p.priority) +
           " not applied to " + t->name() + ": " + r.warning);
    }
  }
}

void Engine::warn(std::string text) {
  spdlog::warn("xstream: {}", text);
  warnings_.push_back(std::move(text));
}

void Engine::set_output_callback(std::shared_ptr<const Callback> cb) {
  std::lock_guard g(callback_lock_);
  output_callback_ = std::move(cb);
}

bool Engine::has_output_callback() const {
  std::lock_guard g(callback_lock_);
  return output_callback_ != nullptr;
}

NodeRuntime* Engine::find_node(const std::string& name) const {
  const int n = plan_.find_node(name);
  if (n < 0 || static_cast<std::size_t>(n) >= nodes_.size()) return nullptr;
  return nodes_[static_cast<std::size_t>(n)].get();
}

int Engine::set_node_callback(const std::string& name, std::shared_ptr<const Callback> cb) {
  NodeRuntime* node = find_node(name);
  if (node == nullptr) return -1;
  std::lock_guard g(node->callback_lock);
  node->callback = std::move(cb);
  return 0;
}

int Engine::update_params(const std::string& name, const ParamPtr& param) {
  NodeRuntime* node = find_node(name);
  if (node == nullptr) return 1;
  std::unique_lock lock(node->params_lock);  // waits for running DoProcess calls of the node
  for (const MethodPtr& m : node->instances) {
    try {
      if (m->UpdateParameter(param) != 0) return -1;
    } catch (const std::exception& e) {
      spdlog::error("xstream: node '{}': UpdateParameter threw: {}", name, e.what());
      return -1;
    }
  }
  return 0;
}

std::vector<NodeStats> Engine::stats() const {
  std::vector<NodeStats> out;
  for (const auto& n : nodes_) {
    const LatencyStat& t = n->process_time;
    const std::uint64_t calls = t.count();
    const std::uint64_t failed = n->failed.load();
    const std::uint64_t skipped = n->skipped.load();
    out.push_back(NodeStats{.path = n->spec->unique_name,
                            .type = n->spec->method_type,
                            .received = calls + skipped,
                            .sent = calls - std::min(calls, failed),
                            .calls = calls,
                            .errors = failed,
                            .skipped = skipped,
                            .busy_ns = t.sum(),
                            .min_call_ns = t.min(),
                            .max_call_ns = t.max(),
                            .own_thread = n->threads.front()->dedicated()});
  }
  return out;
}

FrameStats Engine::frame_stats() const {
  return FrameStats{
      .completed = frame_latency_.count(),
      .latency_sum_ns = frame_latency_.sum(),
      .min_ns = frame_latency_.min(),
      .max_ns = frame_latency_.max(),
      .seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - opened_at_).count()};
}

void Engine::log_profile_summary() const {
  // XStream's line format (`name | tid | C | ts | value`), so the chrome-trace conversion shows
  // each figure as a counter; tid "summary" sets them apart from the running counters.
  std::stringstream lines;
  const std::int64_t now = getMicroSecond();
  auto line = [&](const std::string& name, double value) {
    lines << name << " | summary | C | " << now << " | " << value << "\n";
  };
  auto us = [](std::uint64_t ns) { return static_cast<double>(ns) / 1e3; };
  for (const NodeStats& n : stats()) {
    if (n.calls == 0) continue;
    line(n.path + " avg_us", us(n.busy_ns / n.calls));
    line(n.path + " min_us", us(n.min_call_ns));
    line(n.path + " max_us", us(n.max_call_ns));
  }
  const FrameStats f = frame_stats();
  if (f.completed > 0) {
    line("workflow fps", static_cast<double>(f.completed) / f.seconds);
    line("workflow avg_us", us(f.latency_sum_ns / f.completed));
    line("workflow min_us", us(f.min_ns));
    line("workflow max_us", us(f.max_ns));
  }
  profiler_->Log(lines);
}

}  // namespace rill::sdk::detail

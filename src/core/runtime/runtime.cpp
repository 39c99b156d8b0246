#include "runtime/runtime.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "runtime/node_runner.hpp"

namespace rill::detail {

Runtime::Runtime(std::unique_ptr<Plan> plan, GraphOptions options)
    : plan_(std::move(plan)), options_(std::move(options)) {
  if (options_.executor) {
    pool_ = options_.executor;
  } else if (options_.threads > 0) {
    ExecutorOptions o;
    o.name = "rill";
    o.threads = options_.threads;
    pool_ = std::make_shared<ThreadPool>(std::move(o));
  } else {
    pool_ = default_executor();  // shared with every other graph and XStream workflow
  }
  // Layers' process-wide executors (the Python layer's "python"), then the graph's own, which
  // win on a name clash. Held here so they outlive every node that runs on them.
  for (const auto& name : provided_executor_names()) named_[name] = provided_executor(name);
  for (auto& [name, ex] : options_.executors) named_[name] = ex;
  for (const auto& e : plan_->executors)
    named_[e.options.name] = std::make_shared<ThreadPool>(e.options);

  try {
    build();
  } catch (...) {
    // A node constructor or a resource failed half-way: what was built must not outlive us.
    release_unstarted();
    throw;
  }
}

void Runtime::build() {
  global_view_ =
      ResourceView::make(nullptr, nullptr, plan_->global_resources, plan_->global_resource_types);
  for (std::size_t i = 0; i < plan_->globals.size(); ++i) {
    auto sn = std::make_shared<SharedNode>(*this, plan_->globals[i], plan_->global_input_caps[i],
                                           plan_->global_output_caps[i]);
    sn->self_ = sn;
    shared_.push_back(std::move(sn));
  }
  for (auto& sn : shared_) sn->build();

  const PlanGraph& mg = *plan_->main;
  BoundaryIn in;
  BoundaryOut out;
  for (std::size_t i = 0; i < mg.inputs.size(); ++i) {
    auto [s, r] = make_channel<Envelope>(mg.input_caps[i]);
    host_in_[mg.inputs[i]] = std::move(s);
    in[mg.inputs[i]] = std::move(r);
  }
  for (std::size_t i = 0; i < mg.outputs.size(); ++i) {
    auto [s, r] = make_channel<Envelope>(mg.output_caps[i]);
    host_out_[mg.outputs[i]] = std::move(r);
    out[mg.outputs[i]] = std::move(s);
  }
  main_ = std::make_shared<GraphInstance>(*this, mg, mg.name, Map{}, global_view_, nullptr, false);
  main_->build(std::move(in), std::move(out));
}

Runtime::~Runtime() {
  if (started_ && !done_.is_set()) {
    stop();
    done_.wait_blocking();
  }
  // Executors are destroyed after the graph objects that reference them.
  if (started_) {
    main_.reset();
    shared_.clear();
    // The pools are not ours to join: wait until no worker is still inside one of the graph's
    // tasks.
    tasks_.wait_idle();
  } else {
    release_unstarted();
  }
}

void Runtime::release_unstarted() noexcept {
  // Built, never run: the only tasks are shared-node forwarders parked on the clients' port
  // ends, and they hold the client instances. Releasing the ends lets them finish.
  if (main_) main_->abandon();
  for (auto& sn : shared_) sn->abandon();
  main_.reset();
  shared_.clear();
  tasks_.wait_idle();
}

Sender<Envelope> Runtime::input(const std::string& name) {
  std::lock_guard g(host_mu_);
  auto it = host_in_.find(name);
  if (it == host_in_.end() || !it->second.valid()) return {};
  return it->second;
}

Receiver<Envelope> Runtime::output(const std::string& name) {
  std::lock_guard g(host_mu_);
  auto it = host_out_.find(name);
  if (it == host_out_.end() || !it->second.valid()) return {};
  return it->second;
}

std::vector<std::string> Runtime::input_names() const { return plan_->main->inputs; }
std::vector<std::string> Runtime::output_names() const { return plan_->main->outputs; }

Executor* Runtime::executor_for(const PlanNode& n, std::shared_ptr<Executor>* owned) {
  if (!n.executor.empty() && n.executor != "default") {
    if (Executor* ex = named_executor(n.executor)) return ex;
  }
  if (n.type && !n.type->executor.empty()) {
    if (Executor* ex = named_executor(n.type->executor)) return ex;
  }
  if (n.exclusive && owned) {
    *owned = blocking_.acquire(n.name);
    return owned->get();
  }
  return pool_.get();
}

Executor* Runtime::named_executor(const std::string& name) const {
  auto it = named_.find(name);
  return it == named_.end() ? nullptr : it->second.get();
}

void Runtime::start() {
  {
    std::lock_guard g(host_mu_);
    if (started_) return;
    started_ = true;
    // The runtime's own ends go: inputs the host never took close now (so a graph whose inputs
    // nobody feeds ends by itself), outputs nobody reads discard.
    host_in_.clear();
    host_out_.clear();
  }
  shared_running_.store(static_cast<int>(shared_.size()));
  for (auto& sn : shared_) {
    sn->start([this](const InstanceResult& r) { on_shared_done(r); });
  }
  main_->start([this](const InstanceResult& r) { on_main_done(r); });
}

void Runtime::on_main_done(const InstanceResult& r) {
  {
    std::lock_guard g(result_mu_);
    if (!r.ok && result_.ok) {
      result_.ok = false;
      result_.node = r.node;
      result_.message = r.message;
    }
  }
  // Shared nodes end after the main graph, whether it succeeded or not (MegFlow left them
  // running when it failed).
  main_finished_.store(true);
  for (auto& sn : shared_) sn->shutdown();
  if (shared_running_.load() == 0) done_.set();
}

void Runtime::on_shared_done(const InstanceResult& r) {
  {
    std::lock_guard g(result_mu_);
    if (!r.ok && result_.ok) {
      result_.ok = false;
      result_.node = r.node;
      result_.message = r.message;
    }
  }
  if (shared_running_.fetch_sub(1) == 1 && main_finished_.load()) done_.set();
  // (if the main graph is still running, on_main_done sets done_ once it ends)
}

void Runtime::stop() {
  if (!started_) return;
  main_->close();
  for (auto& sn : shared_) sn->holder()->propagate_stop();
}

void Runtime::close_inputs() {
  if (started_) main_->close_inputs();
}

Task<RunResult> Runtime::wait_async() {
  co_await done_.wait();
  std::lock_guard g(result_mu_);
  co_return result_;
}

RunResult Runtime::wait() {
  done_.wait_blocking();
  std::lock_guard g(result_mu_);
  return result_;
}

std::optional<RunResult> Runtime::wait_for(std::chrono::milliseconds timeout) {
  if (!done_.wait_blocking_for(timeout)) return std::nullopt;
  std::lock_guard g(result_mu_);
  return result_;
}

std::vector<NodeStats> Runtime::snapshot() const {
  std::vector<NodeStats> out;
  main_->collect(out);
  for (const auto& sn : shared_) sn->holder()->collect(out);
  return out;
}

}  // namespace rill::detail

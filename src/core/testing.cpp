// NodeHarness: one node under drive_node (the graph runtime's driver) with test-fed channels.

#include "rill/core/testing.hpp"

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "context_wiring.hpp"
#include "harness_ends.hpp"
#include "runtime/node_runner.hpp"

namespace rill::testing {

namespace {

using Tags = std::vector<std::optional<std::uint64_t>>;

using OutEnd = detail::HarnessOutEnd;

}  // namespace

struct NodeHarness::Impl {
  explicit Impl(std::string name) : node(std::move(name)) {}

  std::shared_ptr<const Registry> registry;  // keeps the type (and its factory) alive
  HarnessOptions options;
  std::unique_ptr<ManualExecutor> manual;
  Executor* executor = nullptr;
  detail::DrivenNode node;
  std::map<std::string, Tags, std::less<>> tags;
  std::vector<std::pair<std::string, std::unique_ptr<DynOutput>>> dyn_outs;
  std::vector<std::pair<std::string, std::unique_ptr<DynInput>>> dyn_ins;
  std::map<std::string, std::vector<Sender<Envelope>>, std::less<>> ins;
  std::map<std::string, std::vector<OutEnd>, std::less<>> outs;
  std::atomic<bool> stopping{false};
  std::atomic<bool> done{false};
  bool started = false;
  mutable std::mutex mu;
  std::string error;  // guarded by mu

  Sender<Envelope>& in_end(std::string_view port, std::size_t end) {
    auto it = ins.find(port);
    if (it == ins.end() || end >= it->second.size()) {
      throw std::out_of_range(
          fmt::format("harness: no input end {}:{} (started: {})", port, end, started));
    }
    return it->second[end];
  }
  OutEnd& out_end(std::string_view port, std::size_t end) {
    auto it = outs.find(port);
    if (it == outs.end() || end >= it->second.size()) {
      throw std::out_of_range(
          fmt::format("harness: no output end {}:{} (started: {})", port, end, started));
    }
    return it->second[end];
  }
  Tags tags_of(const PortDecl& d) const {
    if (auto it = tags.find(d.name); it != tags.end()) return it->second;
    if (d.kind == PortKind::kDict) return {};
    return {std::nullopt};
  }
};

NodeHarness::NodeHarness(std::shared_ptr<const Registry> registry, std::string_view type, Map args,
                         HarnessOptions options)
    : impl_(std::make_unique<Impl>(options.name)) {
  const NodeType* t = registry->find_node(type);
  if (t == nullptr) throw std::invalid_argument(fmt::format("no node type '{}'", type));
  for (const ArgProblem& p : check_args(t->contract, args)) {
    if (!p.warning) {
      throw std::invalid_argument(fmt::format("node {} ({}): {}", options.name, type, p.message));
    }
  }
  Impl& m = *impl_;
  m.registry = std::move(registry);
  m.options = std::move(options);
  if (m.options.executor == nullptr) {
    m.manual = std::make_unique<ManualExecutor>();
    m.executor = m.manual.get();
  } else {
    m.executor = m.options.executor;
  }
  m.node.type = t;
  m.node.on_error = m.options.on_error;
  m.node.config =
      NodeConfig{m.options.name, "test/" + m.options.name, normalize_args(t->contract, args)};
  detail::ContextWiring::set_path(m.node.ctx, m.node.config.path);
  m.node.node = t->factory(m.node.config);
}

NodeHarness::~NodeHarness() {
  // A destructor must not throw; a harness that cannot wind its node down says so instead.
  try {
    wind_down();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rill::testing::NodeHarness: winding down failed: %s\n", e.what());
  }
}

void NodeHarness::wind_down() {
  Impl& m = *impl_;
  if (!m.started || m.done.load()) return;
  // Let the node end as a graph's would when its inputs close and nobody reads its outputs.
  close_inputs();
  m.outs.clear();
  if (!run_until_finished(std::chrono::seconds(10))) {
    // Still running on another executor: freeing its state now would be a use-after-free.
    [[maybe_unused]] Impl* leaked = impl_.release();
  }
}

NodeHarness& NodeHarness::ends(std::string_view port,
                               std::vector<std::optional<std::uint64_t>> tags) {
  impl_->tags[std::string(port)] = std::move(tags);
  return *this;
}

NodeHarness& NodeHarness::dyn_output(std::string_view port, std::unique_ptr<DynOutput> impl) {
  impl_->dyn_outs.emplace_back(std::string(port), std::move(impl));
  return *this;
}

NodeHarness& NodeHarness::dyn_input(std::string_view port, std::unique_ptr<DynInput> impl) {
  impl_->dyn_ins.emplace_back(std::string(port), std::move(impl));
  return *this;
}

void NodeHarness::start() {
  using detail::ContextWiring;
  Impl& m = *impl_;
  if (m.started) throw std::logic_error("harness: start() called twice");
  m.started = true;
  Context& ctx = m.node.ctx;
  const NodeType& t = *m.node.type;
  ContextWiring::declare_ports(ctx, t);
  for (const PortDecl& d : t.inputs()) {
    if (d.kind == PortKind::kDyn) continue;
    auto& senders = m.ins[d.name];
    for (const auto& tag : m.tags_of(d)) {
      auto [tx, rx] = make_channel<Envelope>(m.options.cap);
      ContextWiring::bind_input(ctx, d.name, std::move(rx), tag);
      senders.push_back(std::move(tx));
    }
  }
  for (const PortDecl& d : t.outputs()) {
    if (d.kind == PortKind::kDyn) continue;
    auto& receivers = m.outs[d.name];
    for (const auto& tag : m.tags_of(d)) {
      auto [tx, rx] = make_channel<Envelope>(m.options.cap);
      ContextWiring::bind_output(ctx, d.name, std::move(tx), tag);
      receivers.push_back(OutEnd{std::move(rx)});
    }
  }
  for (auto& [port, impl] : m.dyn_outs) ContextWiring::bind_dyn_output(ctx, port, std::move(impl));
  for (auto& [port, impl] : m.dyn_ins) ContextWiring::bind_dyn_input(ctx, port, std::move(impl));
  ContextWiring::seal(ctx);
  if (t.inputs().empty()) ContextWiring::set_stop_flag(ctx, &m.stopping);
  Impl* self = &m;
  auto fail = [self](const std::string& path, const std::string& message) {
    std::lock_guard g(self->mu);
    if (self->error.empty()) self->error = path + ": " + message;
  };
  spawn(*m.executor, detail::drive_node(&m.node, fail), [self](std::exception_ptr e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        std::lock_guard g(self->mu);
        if (self->error.empty()) self->error = ex.what();
      } catch (...) {
        std::lock_guard g(self->mu);
        if (self->error.empty()) self->error = "unknown exception";
      }
    }
    self->done.store(true);
  });
}

SendStatus NodeHarness::send(std::string_view port, Envelope e, std::size_t end) {
  return impl_->in_end(port, end).try_send(e);
}

void NodeHarness::send_marker(std::string_view port, std::size_t end) {
  impl_->in_end(port, end).send_marker();
}

void NodeHarness::close(std::string_view port, std::size_t end) {
  impl_->in_end(port, end).release();
}

void NodeHarness::close_inputs() {
  for (auto& [port, senders] : impl_->ins) {
    for (auto& s : senders) s.release();
  }
}

bool NodeHarness::step() { return impl_->manual && impl_->manual->run_one(); }

std::size_t NodeHarness::drain() { return impl_->manual ? impl_->manual->drain() : 0; }

bool NodeHarness::run_until_finished(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::size_t ran = drain();
    if (impl_->done.load()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Timers and other executors wake the node from other threads: give them a moment.
    if (ran == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

std::vector<Envelope> NodeHarness::take(std::string_view port, std::size_t end) {
  return impl_->out_end(port, end).take();
}

std::size_t NodeHarness::markers(std::string_view port, std::size_t end) const {
  return impl_->out_end(port, end).markers;
}

bool NodeHarness::ended(std::string_view port, std::size_t end) const {
  return impl_->out_end(port, end).ended;
}

bool NodeHarness::finished() const { return impl_->done.load(); }

std::string NodeHarness::error() const {
  std::lock_guard g(impl_->mu);
  return impl_->error;
}

const Context& NodeHarness::context() const { return impl_->node.ctx; }

const NodeConfig& NodeHarness::config() const { return impl_->node.config; }

}  // namespace rill::testing

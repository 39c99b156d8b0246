#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "context_wiring.hpp"
#include "cycle_clock.hpp"
#include "runtime/dyn_ports.hpp"
#include "runtime/node_runner.hpp"
#include "runtime/runtime.hpp"

namespace rill::detail {

// ---------------------------------------------------------------------------------------------
// NodeSlot

NodeSlot::NodeSlot(GraphInstance* g, const PlanNode* p, int clone_index, std::string path)
    : DrivenNode(p->name), graph(g), plan(p), clone(clone_index) {
  type = p->type;
  on_error = p->on_error;
  ContextWiring::set_path(ctx, std::move(path));
  ContextWiring::set_host(ctx, this);
}

namespace {

/// drive_node with failures reported to the node's graph instance, which the task keeps alive.
Task<> run_slot(std::shared_ptr<GraphInstance> graph, NodeSlot* s) {
  GraphInstance* g = graph.get();
  co_await drive_node(
      s, [g](const std::string& path, const std::string& message) { g->fail(path, message); },
      g->runtime().trace());
}

}  // namespace

Value NodeSlot::resource(std::string_view name) {
  // Only what the node lists in `res` (plus captured globals, already in plan->res) is visible.
  if (std::find(plan->res.begin(), plan->res.end(), name) == plan->res.end()) return Value();
  auto cell = graph->view()->find(std::string(name));
  return cell ? cell->get() : Value();
}

Task<> NodeSlot::wait_closed() { co_await graph->closed_event().wait(); }

bool NodeSlot::stop_requested() const { return graph->stopping(); }

// ---------------------------------------------------------------------------------------------
// GraphInstance

GraphInstance::GraphInstance(Runtime& rt, const PlanGraph& plan, std::string path,
                             Map inherited_args, std::shared_ptr<const ResourceView> view,
                             GraphInstance* parent, bool dynamic)
    : rt_(rt),
      plan_(plan),
      path_(std::move(path)),
      inherited_args_(std::move(inherited_args)),
      parent_view_(std::move(view)),
      parent_(parent),
      dynamic_(dynamic) {}

GraphInstance::~GraphInstance() = default;

Map GraphInstance::child_args(const PlanNode& n) const {
  // A subgraph node's extra args flow into every node inside (inner keys win), as in MegFlow.
  Value merged = merge_values(Value(inherited_args_), Value(n.args));
  return merged.is_map() ? merged.as_map() : Map{};
}

void GraphInstance::build(BoundaryIn in, BoundaryOut out) {
  view_ = ResourceView::make(parent_view_, nullptr, plan_.resources, plan_.resource_types);

  // One channel per edge. Graph inputs/outputs reuse the channel the owner provides (static
  // subgraphs splice into their parent's connections); an unprovided one is closed (input) or
  // discards (output); MegFlow panics. A connection with no senders is closed at once and one
  // with no receivers discards (in MegFlow both hang), so neither can hang the graph.
  const std::size_t n_edges = plan_.edges.size();
  std::vector<Sender<Envelope>> tx(n_edges);
  std::vector<Receiver<Envelope>> rx(n_edges);
  for (std::size_t i = 0; i < n_edges; ++i) {
    const PlanEdge& e = plan_.edges[i];
    if (e.input >= 0) {
      auto it = in.find(e.name);
      if (it != in.end() && it->second.valid()) {
        inputs_.emplace_back(it->second);
        if (!e.receivers.empty()) rx[i] = std::move(it->second);
      }
    } else if (e.output >= 0) {
      auto it = out.find(e.name);
      if (it != out.end() && it->second.valid() && !e.senders.empty())
        tx[i] = std::move(it->second);
    } else if (!e.senders.empty() && !e.receivers.empty()) {
      auto [s, r] = make_channel<Envelope>(e.cap);
      tx[i] = std::move(s);
      rx[i] = std::move(r);
    }
  }
  in.clear();
  out.clear();

  // Subscriber channels of dyn input ports, created before any dyn output needs them.
  for (const auto& link : plan_.dyn_links) {
    if (link.owner_output) continue;
    auto [s, r] = make_channel<DynInput::Item>(1u << 16);
    dyn_subscribers_[link.target].emplace_back(link.target_port, std::move(s));
    dyn_receivers_[{link.owner, link.port}] = std::move(r);
  }

  for (std::size_t j = 0; j < plan_.nodes.size(); ++j) {
    const PlanNode& n = plan_.nodes[j];
    if (n.kind == PlanNodeKind::kNative) {
      build_native(static_cast<int>(j), n, tx, rx);
    } else if (n.kind == PlanNodeKind::kSubgraph) {
      build_subgraph(static_cast<int>(j), n, tx, rx);
    }
  }
  build_clients(tx, rx);
  dyn_subscribers_.clear();  // only dyn outputs keep them now: no publisher left = end
  dyn_receivers_.clear();
}

void GraphInstance::build_native(int index, const PlanNode& n, std::vector<Sender<Envelope>>& tx,
                                 std::vector<Receiver<Envelope>>& rx) {
  for (int c = 0; c < n.cloned; ++c) {
    std::string path = n.cloned > 1 ? fmt::format("{}/{}#{}", path_, n.name, c)
                                    : fmt::format("{}/{}", path_, n.name);
    auto slot = std::make_unique<NodeSlot>(this, &n, c, path);
    Context& ctx = slot->ctx;
    ContextWiring::declare_ports(ctx, *n.type);
    for (std::size_t i = 0; i < plan_.edges.size(); ++i) {
      const PlanEdge& e = plan_.edges[i];
      if (e.dyn) continue;
      for (const auto& ep : e.receivers) {
        if (ep.node == index) ContextWiring::bind_input(ctx, ep.port, rx[i], ep.tag);
      }
      for (const auto& ep : e.senders) {
        if (ep.node == index) ContextWiring::bind_output(ctx, ep.port, tx[i], ep.tag);
      }
    }
    for (const auto& link : plan_.dyn_links) {
      if (link.owner != index) continue;
      if (link.owner_output) {
        auto subs = dyn_subscribers_[link.target];  // copies: this port is now a publisher
        auto port = std::make_unique<DynOutputImpl>(this, &link, std::move(subs));
        slot->dyn_sent.push_back(port->retired_sent_);
        ContextWiring::bind_dyn_output(ctx, link.port, std::move(port));
      } else {
        ContextWiring::bind_dyn_input(
            ctx, link.port,
            std::make_unique<DynInputImpl>(link.port, dyn_receivers_[{index, link.port}]));
      }
    }
    ContextWiring::seal(ctx);
    if (n.type->inputs().empty()) ContextWiring::set_stop_flag(ctx, &stopping_);
    try {
      // Arguments inherited from enclosing subgraph nodes were not checked by the planner (only
      // the node's own were, where they are written): check the merged set here.
      slot->config = NodeConfig{n.name, path, normalize_args(n.type->contract, child_args(n))};
      slot->node = n.type->factory(slot->config);
    } catch (const std::exception& ex) {
      throw std::runtime_error(fmt::format("node {}: construction failed: {}", path, ex.what()));
    }
    if (!slot->node)
      throw std::runtime_error(fmt::format("node {}: factory returned nothing", path));
    slot->executor = rt_.executor_for(n, &slot->owned_executor);
    if (n.isolated()) isolated_.push_back(slot.get());
    slots_.push_back(std::move(slot));
    rt_.live_nodes.fetch_add(1, std::memory_order_relaxed);
  }
}

void GraphInstance::build_subgraph(int index, const PlanNode& n, std::vector<Sender<Envelope>>& tx,
                                   std::vector<Receiver<Envelope>>& rx) {
  if (!n.graph) return;
  for (int c = 0; c < n.cloned; ++c) {
    std::string path = n.cloned > 1 ? fmt::format("{}/{}#{}", path_, n.name, c)
                                    : fmt::format("{}/{}", path_, n.name);
    BoundaryIn cin;
    BoundaryOut cout;
    for (std::size_t i = 0; i < plan_.edges.size(); ++i) {
      const PlanEdge& e = plan_.edges[i];
      for (const auto& ep : e.receivers) {
        if (ep.node == index) cin[ep.port] = rx[i];
      }
      for (const auto& ep : e.senders) {
        if (ep.node == index) cout[ep.port] = tx[i];
      }
    }
    auto view = ResourceView::make(view_, &n.res, {}, {});
    auto child =
        std::make_shared<GraphInstance>(rt_, *n.graph, path, child_args(n), view, this, false);
    child->build(std::move(cin), std::move(cout));
    std::lock_guard g(mu_);
    children_.push_back(std::move(child));
  }
}

void GraphInstance::build_clients(std::vector<Sender<Envelope>>& tx,
                                  std::vector<Receiver<Envelope>>& rx) {
  std::map<int, std::vector<std::pair<std::string, Receiver<Envelope>>>> ins;
  std::map<int, std::vector<std::pair<std::string, Sender<Envelope>>>> outs;
  for (std::size_t i = 0; i < plan_.edges.size(); ++i) {
    const PlanEdge& e = plan_.edges[i];
    for (const auto& ep : e.receivers) {
      if (ep.global >= 0) ins[ep.global].emplace_back(ep.port, rx[i]);
    }
    for (const auto& ep : e.senders) {
      if (ep.global >= 0) outs[ep.global].emplace_back(ep.port, tx[i]);
    }
  }
  std::set<int> globals;
  for (auto& [g, v] : ins) globals.insert(g);
  for (auto& [g, v] : outs) globals.insert(g);
  for (int g : globals) {
    keep_.push_back(rt_.shared(g)->add_client(*this, std::move(ins[g]), std::move(outs[g])));
  }
}

void GraphInstance::start(DoneFn on_done) {
  on_done_ = std::move(on_done);
  auto self = shared_from_this();
  add_pending();  // held until everything below is launched, so an early finisher cannot end us
  std::vector<std::shared_ptr<GraphInstance>> kids;
  {
    std::lock_guard g(mu_);
    kids = children_;
  }
  for (auto& k : kids) {
    add_pending();
    // Static children stay listed once they finished, so the graph's snapshot (`--dump`) still
    // shows their nodes; only dynamic instances leave (start_dynamic).
    k->start([self](const InstanceResult& r) {
      if (!r.ok) self->fail(r.node, r.message);
      self->done_pending();
    });
  }
  for (auto& slot : slots_) {
    if (slot->plan->isolated()) {
      isolated_pending_.fetch_add(1);
    } else {
      add_pending();
    }
    NodeSlot* s = slot.get();
    rt_.spawn(*s->executor, run_slot(self, s), [self, s](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          self->fail(s->ctx.path(), ex.what());
        } catch (...) {
          self->fail(s->ctx.path(), "unknown exception");
        }
      }
      self->rt_.live_nodes.fetch_sub(1, std::memory_order_relaxed);
      if (s->plan->isolated()) {
        if (self->isolated_pending_.fetch_sub(1) == 1 && self->finished_.load()) self->finish();
      } else {
        self->done_pending();
      }
    });
  }
  done_pending();
}

void GraphInstance::done_pending() {
  if (pending_.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  // All counted work is done: close the context (wakes isolated nodes), then report once the
  // isolated nodes are gone too.
  finished_.store(true);
  stopping_.store(true);
  closed_.set();
  if (isolated_pending_.load() == 0) finish();
}

void GraphInstance::finish() {
  bool expected = false;
  if (!reported_.compare_exchange_strong(expected, true)) return;
  {
    std::lock_guard g(mu_);
    inputs_.clear();
  }
  DoneFn fn = std::move(on_done_);
  InstanceResult r;
  {
    std::lock_guard g(result_mu_);
    r = result_;
  }
  if (fn) fn(r);
}

void GraphInstance::close() {
  stopping_.store(true);
  for (auto& h : inputs_snapshot()) h.close();
  propagate_stop();
}

void GraphInstance::close_inputs() {
  for (auto& h : inputs_snapshot()) h.close();
}

void GraphInstance::abandon() {
  for (auto& s : slots_) ContextWiring::release_ports(s->ctx);
  std::vector<std::shared_ptr<GraphInstance>> kids;
  {
    std::lock_guard g(mu_);
    kids = children_;
  }
  for (auto& k : kids) k->abandon();
}

void GraphInstance::propagate_stop() {
  stopping_.store(true);
  std::vector<std::shared_ptr<GraphInstance>> kids;
  {
    std::lock_guard g(mu_);
    kids = children_;
  }
  for (auto& k : kids) k->propagate_stop();
}

std::vector<ChannelHandle<Envelope>> GraphInstance::inputs_snapshot() {
  std::lock_guard g(mu_);
  return inputs_;
}

void GraphInstance::fail(const std::string& node, const std::string& message) {
  {
    std::lock_guard g(result_mu_);
    if (result_.ok) {
      result_.ok = false;
      result_.node = node;
      result_.message = message;
    }
  }
  close();
}

std::shared_ptr<GraphInstance> GraphInstance::make_dynamic(const PlanDynLink& link,
                                                           const PlanGraph& alt, std::uint64_t key,
                                                           BoundaryOut* in_senders,
                                                           BoundaryIn* out_receivers) {
  const PlanNode& dn = plan_.nodes[static_cast<std::size_t>(link.target)];
  BoundaryIn cin;
  BoundaryOut cout;
  for (const auto& name : alt.inputs) {
    auto [s, r] = make_channel<Envelope>(link.cap);
    (*in_senders)[name] = std::move(s);
    cin[name] = std::move(r);
  }
  for (const auto& name : alt.outputs) {
    auto [s, r] = make_channel<Envelope>(link.cap);
    (*out_receivers)[name] = std::move(r);
    cout[name] = std::move(s);
  }
  // The instance sees the dyn-port owner's resources plus the dynamic node's own `res`.
  const PlanNode& owner = plan_.nodes[static_cast<std::size_t>(link.owner)];
  std::vector<std::string> allowed = owner.res;
  allowed.insert(allowed.end(), dn.res.begin(), dn.res.end());
  auto view = ResourceView::make(view_, &allowed, {}, {});
  std::string path = fmt::format("{}/{}[{}]", path_, dn.name, key);
  auto child = std::make_shared<GraphInstance>(rt_, alt, path, child_args(dn), view, this, true);
  child->build(std::move(cin), std::move(cout));
  return child;
}

void GraphInstance::start_dynamic(const std::shared_ptr<GraphInstance>& child,
                                  std::function<void(const InstanceResult&)> on_finished) {
  auto self = shared_from_this();
  {
    std::lock_guard g(mu_);
    children_.push_back(child);
  }
  add_pending();
  if (stopping()) child->propagate_stop();
  child->start([self, child, on_finished = std::move(on_finished)](const InstanceResult& r) {
    // One stream's failure is reported but does not stop the others (nor the parent).
    if (!r.ok)
      spdlog::error("dynamic instance {} failed: {}: {}", child->path(), r.node, r.message);
    {
      std::lock_guard g(self->mu_);
      auto& c = self->children_;
      c.erase(std::remove(c.begin(), c.end(), child), c.end());
    }
    if (on_finished) on_finished(r);
    self->done_pending();
  });
}

void GraphInstance::collect(std::vector<NodeStats>& out) const {
  for (const auto& s : slots_) {
    const Context& ctx = s->ctx;
    const NodeCounters& c = ctx.counters();
    NodeStats n;
    n.path = ctx.path();
    n.type = s->plan->type ? s->plan->type->name : std::string();
    n.received = ContextWiring::received(ctx);
    n.sent = ContextWiring::sent(ctx);
    // What a dyn port sends goes into per-instance ports: the finished instances' total, kept
    // by the slot, plus the live ones' while the port exists.
    for (const auto& retired : s->dyn_sent) n.sent += retired->load(std::memory_order_relaxed);
    for (DynOutput* d : ContextWiring::dyn_outputs(ctx)) {
      if (const auto* impl = dynamic_cast<const DynOutputImpl*>(d)) n.sent += impl->live_sent();
    }
    n.calls = c.execs.load(std::memory_order_relaxed);
    n.errors = c.errors.load(std::memory_order_relaxed);
    n.busy_ns = CycleClock::to_ns(c.busy_ticks.load(std::memory_order_relaxed));
    n.max_input_depth = ContextWiring::max_input_depth(ctx);
    out.push_back(std::move(n));
  }
  std::vector<std::shared_ptr<GraphInstance>> kids;
  {
    std::lock_guard g(mu_);
    kids = children_;
  }
  for (const auto& k : kids) k->collect(out);
}

}  // namespace rill::detail

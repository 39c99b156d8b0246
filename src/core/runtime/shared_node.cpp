#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "runtime/runtime.hpp"

namespace rill::detail {

/// One client graph instance of a shared node.
struct SharedNode::Client {
  std::uint64_t id = 0;
  std::shared_ptr<GraphInstance> instance;  // kept alive while its forwarders run
  std::map<std::string, Sender<Envelope>> outputs;
  std::atomic<int> open_inputs{0};
  bool warned_marker = false;
};

SharedNode::SharedNode(Runtime& rt, const PlanNode& plan,
                       const std::map<std::string, std::size_t>& in_caps,
                       const std::map<std::string, std::size_t>& out_caps)
    : rt_(rt), plan_(plan) {
  // The node lives in a one-node "shell" graph whose inputs/outputs are the node's ports.
  shell_.name = plan.name;
  shell_.loc = plan.loc;
  PlanNode n = plan;
  n.res = rt.global_view()->names();  // shared nodes see every global resource, as in MegFlow
  shell_.nodes.push_back(std::move(n));
  std::vector<std::string> ins, outs;
  if (plan.kind == PlanNodeKind::kNative) {
    for (const auto& p : plan.type->inputs()) ins.push_back(p.name);
    for (const auto& p : plan.type->outputs()) outs.push_back(p.name);
  } else {
    ins = plan.graph->inputs;
    outs = plan.graph->outputs;
  }
  auto cap_of = [](const std::map<std::string, std::size_t>& caps, const std::string& p) {
    auto it = caps.find(p);
    return it == caps.end() ? std::size_t{1} : it->second;  // never referenced (MegFlow panics)
  };
  for (std::size_t i = 0; i < ins.size(); ++i) {
    PlanEdge e;
    e.name = ins[i];
    e.cap = cap_of(in_caps, ins[i]);
    e.input = static_cast<int>(i);
    e.receivers.push_back(PlanEndpoint{0, -1, ins[i], PortKind::kUnit, std::nullopt, plan.loc});
    shell_.inputs.push_back(ins[i]);
    shell_.input_caps.push_back(e.cap);
    shell_.edges.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < outs.size(); ++i) {
    PlanEdge e;
    e.name = outs[i];
    e.cap = cap_of(out_caps, outs[i]);
    e.output = static_cast<int>(i);
    e.senders.push_back(PlanEndpoint{0, -1, outs[i], PortKind::kUnit, std::nullopt, plan.loc});
    shell_.outputs.push_back(outs[i]);
    shell_.output_caps.push_back(e.cap);
    shell_.edges.push_back(std::move(e));
  }
}

SharedNode::~SharedNode() = default;

void SharedNode::build() {
  holder_ = std::make_shared<GraphInstance>(rt_, shell_, "shared", Map{}, rt_.global_view(),
                                            nullptr, false);
  BoundaryIn in;
  BoundaryOut out;
  for (std::size_t i = 0; i < shell_.inputs.size(); ++i) {
    auto [s, r] = make_channel<Envelope>(shell_.input_caps[i]);
    mux_[shell_.inputs[i]] = std::move(s);
    in[shell_.inputs[i]] = std::move(r);
  }
  for (std::size_t i = 0; i < shell_.outputs.size(); ++i) {
    auto [s, r] = make_channel<Envelope>(shell_.output_caps[i]);
    outs_[shell_.outputs[i]] = std::move(r);
    out[shell_.outputs[i]] = std::move(s);
    flush_cursor_[shell_.outputs[i]] = 0;
  }
  holder_->build(std::move(in), std::move(out));
}

void SharedNode::start(std::function<void(const InstanceResult&)> on_done) {
  on_done_ = std::move(on_done);
  auto self = self_.lock();
  // Routers + the node itself; the shared node is done when all have ended.
  routers_.store(static_cast<int>(outs_.size()) + 1);
  auto one_done = [self](const InstanceResult* r) {
    if (r && !r->ok) self->node_result_ = *r;
    if (self->routers_.fetch_sub(1) == 1 && self->on_done_) self->on_done_(self->node_result_);
  };
  for (auto& [port, rx] : outs_) {
    rt_.spawn(*rt_.executor_for(shell_.nodes[0], nullptr), route(this, port),
              [self, one_done](std::exception_ptr) { one_done(nullptr); });
  }
  holder_->start([one_done](const InstanceResult& r) { one_done(&r); });
}

void SharedNode::abandon() {
  if (holder_) holder_->abandon();
}

void SharedNode::shutdown() {
  std::lock_guard g(mu_);
  for (auto& [p, s] : mux_) s.release();
}

std::shared_ptr<void> SharedNode::add_client(
    GraphInstance& client, std::vector<std::pair<std::string, Receiver<Envelope>>> inputs,
    std::vector<std::pair<std::string, Sender<Envelope>>> outputs) {
  auto c = std::make_shared<Client>();
  c->instance = client.shared_from_this();
  for (auto& [port, tx] : outputs) c->outputs[port] = std::move(tx);
  {
    std::lock_guard g(mu_);
    c->id = next_client_++;
    clients_[c->id] = c;
  }
  auto self = self_.lock();
  c->open_inputs.store(static_cast<int>(inputs.size()));
  if (inputs.empty()) {
    // A client that feeds none of the node's inputs has, from the node's view, already ended
    // (MegFlow panics): its outputs close once everything before its flush has gone through.
    if (!mux_.empty()) client_inputs_done(c->id);
  }
  for (auto& [port, rx] : inputs) {
    client.add_pending();
    rt_.spawn(*rt_.executor_for(shell_.nodes[0], nullptr), forward(c, self, std::move(rx), port),
              [c](std::exception_ptr) { c->instance->done_pending(); });
  }
  // The client instance keeps nothing: forwarders and routers hold the client state.
  return nullptr;
}

Task<> SharedNode::forward(std::shared_ptr<Client> c, std::shared_ptr<SharedNode> self,
                           Receiver<Envelope> rx, std::string port) {
  Sender<Envelope>* mux = nullptr;
  {
    std::lock_guard g(self->mu_);
    auto it = self->mux_.find(port);
    if (it != self->mux_.end()) mux = &it->second;
  }
  for (;;) {
    auto e = co_await rx.recv();
    if (!e) {
      if (rx.last_status() == RecvStatus::kMarker) {
        if (!c->warned_marker) {
          spdlog::warn(
              "shared node {}: a flush marker reached it from client {}; nested shared "
              "graphs are not supported, ignoring it",
              self->name(), c->id);
          c->warned_marker = true;
        }
        continue;
      }
      break;
    }
    e->info().set_transfer_addr(c->id);
    if (mux) co_await mux->send(std::move(*e));
  }
  if (c->open_inputs.fetch_sub(1) == 1) self->client_inputs_done(c->id);
}

void SharedNode::client_inputs_done(std::uint64_t id) {
  std::lock_guard g(mu_);
  if (outs_.empty()) {
    clients_.erase(id);  // nothing to route back: the client is finished with us
  } else {
    flush_order_.push_back(id);
  }
  // The marker follows every message this client sent, through every input of the node.
  for (auto& [p, s] : mux_) s.send_marker();
}

Task<> SharedNode::route(SharedNode* self, std::string port) {
  Receiver<Envelope>& rx = self->outs_[port];
  for (;;) {
    auto e = co_await rx.recv();
    if (e) {
      auto id = e->info().transfer_addr();
      std::shared_ptr<Client> c;
      if (id) {
        std::lock_guard g(self->mu_);
        auto it = self->clients_.find(*id);
        if (it != self->clients_.end()) c = it->second;
      }
      if (!c) {
        spdlog::error(
            "shared node {}: output on '{}' has {} transfer_addr; dropped (nodes inside "
            "a shared node must forward or repack the envelope they received)",
            self->name(), port, id ? "an unknown" : "no");
        continue;
      }
      auto out = c->outputs.find(port);
      if (out != c->outputs.end()) {
        e->info().set_transfer_addr(std::nullopt);
        co_await out->second.send(std::move(*e));
      }
      continue;
    }
    if (rx.last_status() == RecvStatus::kMarker) {
      // The k-th marker on this output is the k-th client flush: close that client's end.
      std::shared_ptr<Client> c;
      {
        std::lock_guard g(self->mu_);
        std::size_t& cur = self->flush_cursor_[port];
        if (cur < self->flush_order_.size()) {
          auto it = self->clients_.find(self->flush_order_[cur]);
          if (it != self->clients_.end()) c = it->second;
          ++cur;
        }
      }
      if (c) {
        // Routers of other ports touch the same client: its output map is guarded by mu_.
        std::lock_guard g(self->mu_);
        if (auto out = c->outputs.find(port); out != c->outputs.end()) out->second.release();
        bool all_closed = true;
        for (auto& [p, s] : c->outputs) all_closed = all_closed && !s.valid();
        if (all_closed) self->clients_.erase(c->id);
      }
      continue;
    }
    break;  // the node's output ended: release every client's end on this port
  }
  std::lock_guard g(self->mu_);
  for (auto& [id, c] : self->clients_) {
    if (auto out = c->outputs.find(port); out != c->outputs.end()) out->second.release();
  }
}

}  // namespace rill::detail

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "context_wiring.hpp"
#include "rill/core/node.hpp"

namespace rill {

Task<RecvResult<Envelope>> InputPort::recv_for(std::chrono::nanoseconds timeout) {
  RecvResult<Envelope> r = co_await rx_.recv_for(timeout);
  if (r.status != RecvStatus::kTimeout) note(r.status);
  co_return r;
}

Task<BatchResult<Envelope>> InputPort::batch_recv(std::size_t n, std::chrono::nanoseconds timeout) {
  BatchResult<Envelope> r = co_await rx_.batch_recv(n, timeout);
  for (std::size_t i = 0; i < r.values.size(); ++i) counters_.add();
  if (r.closed) note(rx_.last_status());
  co_return r;
}

Context::Context(std::string name, Map args)
    : name_(std::move(name)), path_(name_), args_(std::move(args)) {}
Context::~Context() = default;

Context::InputGroup* Context::find_in(std::string_view name) {
  for (auto& g : inputs_) {
    if (g.decl.name == name) return &g;
  }
  return nullptr;
}

Context::OutputGroup* Context::find_out(std::string_view name) {
  for (auto& g : outputs_) {
    if (g.decl.name == name) return &g;
  }
  return nullptr;
}

void Context::undeclared(std::string_view what, std::string_view name) const {
  throw std::out_of_range(fmt::format(
      "node {} uses {} port '{}', which its node type does not declare", path_, what, name));
}

InputPort& Context::input(std::string_view name) {
  InputGroup* g = find_in(name);
  if (!g) undeclared("input", name);
  return g->ends.empty() ? unconnected_in_ : g->ends.front();
}

OutputPort& Context::output(std::string_view name) {
  OutputGroup* g = find_out(name);
  if (!g) undeclared("output", name);
  return g->ends.empty() ? unconnected_out_ : g->ends.front();
}

std::span<InputPort> Context::inputs(std::string_view name) {
  InputGroup* g = find_in(name);
  if (!g) undeclared("input", name);
  return g->ends;
}

std::span<OutputPort> Context::outputs(std::string_view name) {
  OutputGroup* g = find_out(name);
  if (!g) undeclared("output", name);
  return g->ends;
}

DynOutput& Context::dyn_output(std::string_view name) {
  for (auto& [n, p] : dyn_out_named_) {
    if (n == name) return *p;
  }
  undeclared("dyn output", name);
}

DynInput& Context::dyn_input(std::string_view name) {
  for (auto& [n, p] : dyn_in_named_) {
    if (n == name) return *p;
  }
  undeclared("dyn input", name);
}

Value Context::resource(std::string_view name) { return host_ ? host_->resource(name) : Value(); }

bool Context::all_inputs_ended() const {
  for (const auto& g : inputs_) {
    for (const auto& e : g.ends) {
      if (!e.ended()) return false;
    }
  }
  return true;
}

std::uint64_t Context::markers_seen() const {
  std::uint64_t m = 0;
  for (const auto& g : inputs_) {
    for (const auto& e : g.ends) m += e.markers();
  }
  return m;
}

std::vector<std::string> Context::resource_names() const {
  return host_ ? host_->resource_names() : std::vector<std::string>{};
}

Task<> Context::wait_closed() {
  if (host_) co_await host_->wait_closed();
}

bool Context::stop_requested() const { return host_ && host_->stop_requested(); }

// ---------------------------------------------------------------------------------------------
// ContextWiring

namespace detail {

namespace {
// A declared `inp:dyn` nothing is connected to: no instance will ever send anything back, so it
// ends at once, as an unconnected unit input does.
class UnconnectedDynInput final : public DynInput {
 public:
  explicit UnconnectedDynInput(std::string name) : name_(std::move(name)) {}
  Task<std::optional<Item>> next() override { co_return std::nullopt; }
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::string name_;
};
}  // namespace

void ContextWiring::declare_ports(Context& c, const NodeType& type) {
  // Dyn ports are not channel groups: they are bound as DynOutput / DynInput objects.
  for (const PortDecl& d : type.inputs()) {
    if (d.kind == PortKind::kDyn) {
      bool bound = false;
      for (const auto& [n, p] : c.dyn_in_named_) bound = bound || n == d.name;
      if (!bound) {
        c.dyn_in_named_.emplace_back(d.name, std::make_unique<UnconnectedDynInput>(d.name));
      }
    } else if (!c.find_in(d.name)) {
      c.inputs_.push_back({d, {}});
    }
  }
  for (const PortDecl& d : type.outputs()) {
    if (d.kind != PortKind::kDyn && !c.find_out(d.name)) c.outputs_.push_back({d, {}});
  }
}

void ContextWiring::bind_input(Context& c, std::string_view port, Receiver<Envelope> rx,
                               std::optional<std::uint64_t> tag) {
  Context::InputGroup* g = c.find_in(port);
  if (!g) c.undeclared("input", port);
  g->ends.emplace_back(std::string(port), std::move(rx), tag);
}

void ContextWiring::bind_output(Context& c, std::string_view port, Sender<Envelope> tx,
                                std::optional<std::uint64_t> tag) {
  Context::OutputGroup* g = c.find_out(port);
  if (!g) c.undeclared("output", port);
  g->ends.emplace_back(std::string(port), std::move(tx), tag);
}

void ContextWiring::bind_dyn_output(Context& c, std::string_view port,
                                    std::unique_ptr<DynOutput> p) {
  c.dyn_out_named_.emplace_back(std::string(port), std::move(p));
}

void ContextWiring::bind_dyn_input(Context& c, std::string_view port, std::unique_ptr<DynInput> p) {
  for (auto& [n, existing] : c.dyn_in_named_) {
    if (n == port) {  // replaces declare_ports' unconnected placeholder
      existing = std::move(p);
      return;
    }
  }
  c.dyn_in_named_.emplace_back(std::string(port), std::move(p));
}

namespace {
// Tagged ends first in tag order, then untagged in binding (declaration) order; MegFlow's order
// followed hash-map iteration.
template <typename End>
void sort_ends(std::vector<End>& ends) {
  std::stable_sort(ends.begin(), ends.end(), [](const End& a, const End& b) {
    if (a.tag() && b.tag()) return *a.tag() < *b.tag();
    return a.tag().has_value() && !b.tag().has_value();
  });
}
}  // namespace

void ContextWiring::seal(Context& c) {
  for (auto& g : c.inputs_) sort_ends(g.ends);
  for (auto& g : c.outputs_) sort_ends(g.ends);
}

void ContextWiring::set_stop_flag(Context& c, const std::atomic<bool>* flag) {
  for (auto& g : c.outputs_) {
    for (auto& e : g.ends) e.set_stop_flag(flag);
  }
  c.unconnected_out_.set_stop_flag(flag);
}

void ContextWiring::release_ports(Context& c) {
  // Release each channel end but keep the port objects: their message counters are what
  // Graph::snapshot() reports, and it must still report them after the run (`rill run --dump`).
  for (auto& g : c.inputs_) {
    for (auto& e : g.ends) e.close();
  }
  for (auto& g : c.outputs_) {
    for (auto& e : g.ends) e.close();
  }
  c.dyn_out_named_.clear();
  c.dyn_in_named_.clear();
}

std::vector<InputPort*> ContextWiring::input_ends(Context& c) {
  std::vector<InputPort*> out;
  for (auto& g : c.inputs_) {
    for (auto& e : g.ends) out.push_back(&e);
  }
  return out;
}

std::vector<OutputPort*> ContextWiring::output_ends(Context& c) {
  std::vector<OutputPort*> out;
  for (auto& g : c.outputs_) {
    for (auto& e : g.ends) out.push_back(&e);
  }
  return out;
}

std::vector<DynOutput*> ContextWiring::dyn_outputs(const Context& c) {
  std::vector<DynOutput*> out;
  out.reserve(c.dyn_out_named_.size());
  for (const auto& [n, p] : c.dyn_out_named_) out.push_back(p.get());
  return out;
}

std::uint64_t ContextWiring::received(const Context& c) {
  std::uint64_t n = 0;
  for (const auto& g : c.inputs_) {
    for (const auto& e : g.ends) n += e.received();
  }
  return n;
}

std::uint64_t ContextWiring::sent(const Context& c) {
  std::uint64_t n = 0;
  for (const auto& g : c.outputs_) {
    for (const auto& e : g.ends) n += e.sent();
  }
  return n;
}

std::size_t ContextWiring::max_input_depth(const Context& c) {
  std::size_t depth = 0;
  for (const auto& g : c.inputs_) {
    for (const auto& e : g.ends) depth = std::max(depth, e.stats().depth);
  }
  return depth;
}

}  // namespace detail

}  // namespace rill

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

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

void Context::declare_input(const PortDecl& decl) {
  if (decl.kind == PortKind::kDyn) return;  // dyn ports live in dyn_in_named_
  if (!find_in(decl.name)) inputs_.push_back({decl, {}});
}

void Context::declare_output(const PortDecl& decl) {
  if (decl.kind == PortKind::kDyn) return;
  if (!find_out(decl.name)) outputs_.push_back({decl, {}});
}

void Context::bind_input(std::string_view name, Receiver<Envelope> rx,
                         std::optional<std::uint64_t> tag) {
  InputGroup* g = find_in(name);
  if (!g) throw std::out_of_range(fmt::format("node {} has no input port '{}'", path_, name));
  g->ends.emplace_back(std::string(name), std::move(rx), tag);
}

void Context::bind_output(std::string_view name, Sender<Envelope> tx,
                          std::optional<std::uint64_t> tag) {
  OutputGroup* g = find_out(name);
  if (!g) throw std::out_of_range(fmt::format("node {} has no output port '{}'", path_, name));
  g->ends.emplace_back(std::string(name), std::move(tx), tag);
}

void Context::bind_dyn_output(std::string_view name, std::unique_ptr<DynOutput> port) {
  dyn_out_named_.emplace_back(std::string(name), std::move(port));
}

void Context::bind_dyn_input(std::string_view name, std::unique_ptr<DynInput> port) {
  dyn_in_named_.emplace_back(std::string(name), std::move(port));
}

namespace {
// Tagged ends first in tag order, then untagged in binding (declaration) order: spec Q20.
template <typename End>
void sort_ends(std::vector<End>& ends) {
  std::stable_sort(ends.begin(), ends.end(), [](const End& a, const End& b) {
    if (a.tag() && b.tag()) return *a.tag() < *b.tag();
    return a.tag().has_value() && !b.tag().has_value();
  });
}
}  // namespace

void Context::seal() {
  for (auto& g : inputs_) sort_ends(g.ends);
  for (auto& g : outputs_) sort_ends(g.ends);
}

InputPort& Context::input(std::string_view name) {
  InputGroup* g = find_in(name);
  if (!g) throw std::out_of_range(fmt::format("node {} has no input port '{}'", path_, name));
  return g->ends.empty() ? unconnected_in_ : g->ends.front();
}

OutputPort& Context::output(std::string_view name) {
  OutputGroup* g = find_out(name);
  if (!g) throw std::out_of_range(fmt::format("node {} has no output port '{}'", path_, name));
  return g->ends.empty() ? unconnected_out_ : g->ends.front();
}

std::span<InputPort> Context::inputs(std::string_view name) {
  InputGroup* g = find_in(name);
  if (!g) throw std::out_of_range(fmt::format("node {} has no input port '{}'", path_, name));
  return g->ends;
}

std::span<OutputPort> Context::outputs(std::string_view name) {
  OutputGroup* g = find_out(name);
  if (!g) throw std::out_of_range(fmt::format("node {} has no output port '{}'", path_, name));
  return g->ends;
}

OutputPort* Context::output_tagged(std::string_view name, std::uint64_t tag) {
  for (auto& e : outputs(name)) {
    if (e.tag() == tag) return &e;
  }
  return nullptr;
}

InputPort* Context::input_tagged(std::string_view name, std::uint64_t tag) {
  for (auto& e : inputs(name)) {
    if (e.tag() == tag) return &e;
  }
  return nullptr;
}

DynOutput& Context::dyn_output(std::string_view name) {
  for (auto& [n, p] : dyn_out_named_) {
    if (n == name) return *p;
  }
  throw std::out_of_range(fmt::format("node {} has no dyn output port '{}'", path_, name));
}

DynInput& Context::dyn_input(std::string_view name) {
  for (auto& [n, p] : dyn_in_named_) {
    if (n == name) return *p;
  }
  throw std::out_of_range(fmt::format("node {} has no dyn input port '{}'", path_, name));
}

std::vector<DynOutput*> Context::dyn_outputs() const {
  std::vector<DynOutput*> out;
  for (const auto& [n, p] : dyn_out_named_) out.push_back(p.get());
  return out;
}

std::size_t Context::input_end_count() const {
  std::size_t n = 0;
  for (const auto& g : inputs_) n += g.ends.size();
  return n;
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

void Context::release_ports() {
  // Release each channel end but keep the port objects: their message counters are what
  // Graph::snapshot() reports, and it must still report them after the run (`rill run --dump`).
  for (auto& g : inputs_) {
    for (auto& e : g.ends) e.close();
  }
  for (auto& g : outputs_) {
    for (auto& e : g.ends) e.close();
  }
  dyn_out_named_.clear();
  dyn_in_named_.clear();
}

void Context::set_stop_flag(const std::atomic<bool>* flag) {
  for (auto& g : outputs_) {
    for (auto& e : g.ends) e.set_stop_flag(flag);
  }
  unconnected_out_.set_stop_flag(flag);
}

}  // namespace rill

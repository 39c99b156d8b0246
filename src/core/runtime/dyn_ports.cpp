#include "runtime/dyn_ports.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "runtime/runtime.hpp"

namespace rill::detail {

Task<> DynInstanceImpl::wait() { co_await done_.wait(); }

DynOutputImpl::DynOutputImpl(
    GraphInstance* owner, const PlanDynLink* link,
    std::vector<std::pair<std::string, Sender<DynInput::Item>>> subscribers)
    : owner_(owner), link_(link), subscribers_(std::move(subscribers)) {}

std::shared_ptr<DynInstance> DynOutputImpl::create(std::uint64_t key,
                                                   const std::optional<std::string>& tag) {
  const PlanNode& dn = owner_->plan().nodes[static_cast<std::size_t>(link_->target)];
  const PlanGraph* alt = dn.alternatives.empty() ? nullptr : dn.alternatives.front();
  if (tag && !tag->empty()) {
    alt = nullptr;
    for (const PlanGraph* a : dn.alternatives) {
      if (a->name == *tag) alt = a;
    }
    if (!alt) {
      std::string names;
      for (const PlanGraph* a : dn.alternatives) names += (names.empty() ? "" : "|") + a->name;
      throw std::runtime_error(fmt::format("tag '{}' names none of the alternatives {} of node {}",
                                           *tag, names, dn.name));
    }
  }
  if (!alt) throw std::runtime_error(fmt::format("node {} has no graph to instantiate", dn.name));

  BoundaryOut in_senders;
  BoundaryIn out_receivers;
  auto inst = owner_->make_dynamic(*link_, *alt, key, &in_senders, &out_receivers);
  auto handle = std::make_shared<DynInstanceImpl>(key, retired_sent_);
  if (auto it = in_senders.find(link_->target_port); it != in_senders.end()) {
    handle->input_ = OutputPort(link_->target_port, std::move(it->second));
  }
  in_senders.clear();  // inputs nobody feeds are closed
  for (auto& [port, sub] : subscribers_) {
    auto it = out_receivers.find(port);
    if (it == out_receivers.end()) continue;
    DynInput::Item item{key, InputPort(port, it->second)};
    sub.try_send(std::move(item));  // queue sized far beyond live instances
  }
  out_receivers.clear();  // outputs nobody collects discard
  {
    std::lock_guard g(mu_);
    std::erase_if(live_, [](const auto& w) { return w.expired(); });
    live_.push_back(handle);
  }
  owner_->start_dynamic(inst, [handle](const InstanceResult&) { handle->done_.set(); });
  return handle;
}

void DynOutputImpl::send_marker() {
  std::vector<std::shared_ptr<DynInstanceImpl>> live;
  {
    std::lock_guard g(mu_);
    for (auto& w : live_) {
      if (auto h = w.lock()) live.push_back(std::move(h));
    }
  }
  for (auto& h : live) h->input_.send_marker();
}

std::uint64_t DynOutputImpl::live_sent() const {
  std::uint64_t total = 0;
  std::lock_guard g(mu_);
  for (const auto& w : live_) {
    if (auto h = w.lock()) total += h->input_.sent();
  }
  return total;
}

Task<std::optional<DynInput::Item>> DynInputImpl::next() {
  auto v = co_await rx_.recv();
  co_return v;
}

std::optional<DynInput::Item> DynInputImpl::try_next() {
  std::optional<Item> v;
  if (rx_.try_recv(v) != RecvStatus::kValue) return std::nullopt;
  return v;
}

}  // namespace rill::detail

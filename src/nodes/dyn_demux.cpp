// DynDemux: one dynamic subgraph instance per to_addr key.

#include <algorithm>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "builtin_nodes.hpp"

namespace rill::nodes {

void DynDemux::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

void DynDemux::close_key(std::uint64_t key) {
  auto it = live_.find(key);
  if (it == live_.end()) return;  // unknown key: ignored (MegFlow blocks if nothing is live)
  it->second->close();
  // Kept, not awaited: waiting here (as MegFlow does) would stall every other key's routing.
  closing_.push_back(std::move(it->second));
  live_.erase(it);
  if (closing_.size() >= prune_at_) prune_closing();
}

void DynDemux::prune_closing() {
  std::erase_if(closing_, [](const std::shared_ptr<DynInstance>& i) { return i->done(); });
  // Amortised: scan again only after the list doubled, so pruning stays O(1) per close.
  prune_at_ = std::max<std::size_t>(64, closing_.size() * 2);
}

Task<> DynDemux::exec(Context& ctx) {
  while (auto e = co_await inp_->recv()) {
    std::optional<std::uint64_t> key = e->info().to_addr();
    if (!key) {
      throw std::runtime_error(
          "DynDemux: envelope has no to_addr (it selects the dynamic subgraph instance)");
    }
    if (e->empty()) {
      close_key(*key);  // the empty envelope itself is not forwarded
      continue;
    }
    auto it = live_.find(*key);
    if (it == live_.end()) {
      std::shared_ptr<DynInstance> inst = out_->create(*key, e->info().tag());
      if (!inst) {
        throw std::runtime_error(
            fmt::format("DynDemux: creating the subgraph instance for key {} failed", *key));
      }
      it = live_.emplace(*key, std::move(inst)).first;
    }
    // A send into an instance that already ended reports kClosed; the message is dropped, as
    // MegFlow ignores send errors.
    DynInstance* inst = it->second.get();
    co_await inst->input().send(std::move(*e));
  }
  if (!inp_->ended()) co_return;  // a flush marker: the driver forwards it to every instance

  // End of our input: no instance can receive more, so close them all (MegFlow left open ones open
  // and hung) and wait for every one, including those closed by an empty envelope, before the node
  // may finish.
  for (auto& [key, inst] : live_) {
    inst->close();
    closing_.push_back(std::move(inst));
  }
  live_.clear();
  std::exception_ptr first_error;
  for (const auto& inst : closing_) {
    try {
      co_await inst->wait();
    } catch (...) {
      if (!first_error) first_error = std::current_exception();
    }
  }
  closing_.clear();
  if (first_error) std::rethrow_exception(first_error);
}

void DynDemux::finalize(Context& ctx) {
  for (auto& [key, inst] : live_) inst->close();
  live_.clear();
  closing_.clear();
}

}  // namespace rill::nodes

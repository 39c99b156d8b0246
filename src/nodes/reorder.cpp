// Reorder: restore partial_id order.

#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "builtin_nodes.hpp"

namespace rill::nodes {

void Reorder::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> Reorder::exec(Context& ctx) {
  while (auto e = co_await inp_->recv()) {
    std::optional<std::uint64_t> id = e->info().partial_id();
    if (!id) throw std::runtime_error("Reorder: envelope has no partial_id");
    if (*id < next_) {
      throw std::runtime_error(fmt::format(
          "Reorder: partial_id {} arrived after it was already emitted (duplicate or late; next "
          "expected id is {})",
          *id, next_));
    }
    if (*id > next_) {
      if (!pending_.try_emplace(*id, std::move(*e)).second) {
        throw std::runtime_error(fmt::format("Reorder: duplicate partial_id {}", *id));
      }
      continue;
    }
    ++next_;
    co_await out_->send(std::move(*e));
    // The arrival may have closed a gap: flush the contiguous run now at the buffer's front.
    while (!pending_.empty() && pending_.begin()->first == next_) {
      auto node = pending_.extract(pending_.begin());
      ++next_;
      co_await out_->send(std::move(node.mapped()));
    }
  }
  if (!pending_.empty()) {
    const bool marker = inp_->last_status() == RecvStatus::kMarker;
    throw std::runtime_error(
        fmt::format("Reorder: {} with partial_id {} missing ({} envelope(s) buffered, ids {}..{})",
                    marker ? "flush marker arrived" : "stream ended", next_, pending_.size(),
                    pending_.begin()->first, pending_.rbegin()->first));
  }
}

}  // namespace rill::nodes

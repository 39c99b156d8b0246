// Bcast: one input copied to every end of a list output.

#include "builtin_nodes.hpp"

namespace rill::nodes {

void Bcast::init(Context& ctx) {
  inp_ = &ctx[kIn];
  outs_ = ctx[kOut];
}

Task<> Bcast::exec(Context& ctx) {
  while (auto e = co_await inp_->recv()) {
    if (outs_.empty()) continue;
    // Copies share the payload; the last end gets the original, saving one Info copy.
    for (std::size_t i = 0; i + 1 < outs_.size(); ++i) co_await outs_[i].send(*e);
    co_await outs_.back().send(std::move(*e));
  }
}

}  // namespace rill::nodes

// Demux: route by to_addr to the dict output with that tag.

#include <stdexcept>

#include "builtin_nodes.hpp"

namespace rill::nodes {

void Demux::init(Context& ctx) {
  inp_ = &ctx[kIn];
  // Resolved once: a demux may have many tags. The first end bound with a tag wins.
  for (OutputPort& end : ctx[kOut]) {
    if (end.tag()) by_tag_.try_emplace(*end.tag(), &end);
  }
}

Task<> Demux::exec(Context& ctx) {
  while (auto e = co_await inp_->recv()) {
    std::optional<std::uint64_t> to = e->info().to_addr();
    if (!to) {
      throw std::runtime_error(
          "Demux: envelope has no to_addr (Demux routes by to_addr to the out:{} tag)");
    }
    auto it = by_tag_.find(*to);
    if (it == by_tag_.end()) continue;  // MegFlow: no output with that tag → dropped silently
    co_await it->second->send(std::move(*e));
  }
}

}  // namespace rill::nodes

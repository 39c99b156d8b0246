// Transform / Noop: the identity node.

#include "builtin_nodes.hpp"

namespace rill::nodes {

void Transform::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> Transform::exec(Context& ctx) {
  while (auto e = co_await inp_->recv()) co_await out_->send(std::move(*e));
}

}  // namespace rill::nodes

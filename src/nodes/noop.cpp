// NoopProducer / NoopConsumer: a source that emits nothing and a sink that discards.

#include "builtin_nodes.hpp"

namespace rill::nodes {

// A source's exec runs exactly once; returning at once ends its stream, so downstream sees
// end-of-stream as soon as the driver releases the output.
Task<> NoopProducer::exec(Context& ctx) { co_return; }

void NoopConsumer::init(Context& ctx) { inp_ = &ctx[kIn]; }

Task<> NoopConsumer::exec(Context& ctx) {
  // Bind the result: GCC 12 miscompiles `while (co_await x)` whose value is a discarded
  // temporary with a destructor (bad resume index; see docs/architecture.md).
  while (auto e = co_await inp_->recv()) {
  }
}

}  // namespace rill::nodes

// Batch: dynamic batching with a size limit and a timeout.

#include "builtin_nodes.hpp"

namespace rill::nodes {

Batch::Batch(const NodeConfig& config)
    : batch_size_(static_cast<std::size_t>(config.arg(kBatchSize))),
      timeout_(std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::duration<double, std::milli>(config.arg(kTimeout)))) {}

void Batch::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> Batch::exec(Context& ctx) {
  for (;;) {
    BatchResult<Envelope> batch = co_await inp_->batch_recv(batch_size_, timeout_);
    if (!batch.values.empty()) {
      List msgs;
      msgs.reserve(batch.values.size());
      for (Envelope& e : batch.values) msgs.push_back(std::move(e.msg()));
      // The values were moved out of the envelopes, but their Info is untouched.
      Envelope out(Value(std::move(msgs)), batch.values.front().info());
      co_await out_->send(std::move(out));
    }
    // End-of-stream or a marker: the partial batch went out first, so a flush marker still
    // follows every message that preceded it.
    if (batch.closed) co_return;
  }
}

}  // namespace rill::nodes

// Batch: dynamic batching with a size limit and a timeout.

#include <stdexcept>

#include <fmt/format.h>

#include "builtin_nodes.hpp"

namespace rill::nodes {

Batch::Batch(const NodeConfig& config) {
  if (const Value* v = config.args.find("batch_size")) {
    if (!v->is_int() || v->as_int() < 1) {
      throw std::runtime_error(fmt::format("Batch {}: batch_size must be an integer >= 1, got {}",
                                           config.path, v->debug_string()));
    }
    batch_size_ = static_cast<std::size_t>(v->as_int());
  }
  if (const Value* v = config.args.find("timeout")) {
    if (!v->is_number() || v->as_double() < 0) {
      throw std::runtime_error(fmt::format(
          "Batch {}: timeout must be a number of milliseconds >= 0, got {}", config.path,
          v->debug_string()));
    }
    timeout_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double, std::milli>(v->as_double()));
  }
}

void Batch::init(Context& ctx) {
  inp_ = &ctx.input("inp");
  out_ = &ctx.output("out");
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

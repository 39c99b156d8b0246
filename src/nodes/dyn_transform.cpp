// DynOutTransform / DynInTransform: adapters between plain ports and dynamic subgraphs.

#include <algorithm>
#include <cassert>
#include <limits>
#include <mutex>
#include <stdexcept>

#include "builtin_nodes.hpp"
#include "rill/core/event.hpp"

namespace rill::nodes {

// ---- DynOutTransform ----

void DynOutTransform::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> DynOutTransform::exec(Context& ctx) {
  // Created on the first exec rather than in init so the instance starts from the node's
  // executor, like every instance DynDemux creates.
  if (!instance_) {
    instance_ = out_->create(0, std::nullopt);
    if (!instance_)
      throw std::runtime_error("DynOutTransform: creating the subgraph instance failed");
  }
  while (auto e = co_await inp_->recv()) co_await instance_->input().send(std::move(*e));
  if (!inp_->ended()) co_return;  // a flush marker: the driver forwards it to the instance
  instance_->close();
  co_await instance_->wait();
  instance_.reset();  // closed and finished: finalize has nothing left to close
}

void DynOutTransform::finalize(Context& ctx) {
  // Only reached with a live instance when exec failed or the graph stopped early.
  if (instance_) instance_->close();
}

// ---- DynInTransform ----

namespace {

/// What DynInTransform's exec shares with its forwarders: the join count, the first error, and
/// the marker merge. Lives on the heap, owned jointly, so no forwarder outlives it.
class MergeState {
 public:
  static constexpr std::size_t kExecSlot = std::numeric_limits<std::size_t>::max();

  /// A forwarder for `slot` is about to start. It starts at the markers already emitted: an
  /// instance created later cannot owe markers sent before it existed.
  void add(std::size_t slot) {
    std::lock_guard g(mu_);
    ++running_;
    seen_.emplace(slot, emitted_);
  }

  /// The forwarder for `slot` saw a flush marker from its instance.
  void on_marker(std::size_t slot, OutputPort* out) {
    std::lock_guard g(mu_);
    ++seen_[slot];
    emit_ready_locked(out);
  }

  /// The forwarder for `slot` (or exec itself, kExecSlot) ended. Sets done() when it was the
  /// last one; `out` is not touched after that, since the node may then finish.
  void finish(std::size_t slot, OutputPort* out, std::exception_ptr error) {
    bool last = false;
    {
      std::lock_guard g(mu_);
      if (seen_.erase(slot) > 0) emit_ready_locked(out);  // a departed instance holds nothing back
      if (error && !error_) error_ = error;
      last = --running_ == 0;
    }
    if (last) done_.set();
  }

  Event& done() { return done_; }
  /// The first forwarder error; read after done().
  std::exception_ptr error() {
    std::lock_guard g(mu_);
    return error_;
  }

 private:
  // One marker goes out per marker every live instance has produced (a fan-in barrier).
  void emit_ready_locked(OutputPort* out) {
    if (seen_.empty()) return;
    std::uint64_t min_seen = std::numeric_limits<std::uint64_t>::max();
    for (const auto& [slot, n] : seen_) min_seen = std::min(min_seen, n);
    for (; emitted_ < min_seen; ++emitted_) out->send_marker();
  }

  std::mutex mu_;
  std::size_t running_ = 1;                              // the forwarders plus exec's own loop
  std::unordered_map<std::size_t, std::uint64_t> seen_;  // live forwarder slot → markers seen
  std::uint64_t emitted_ = 0;
  std::exception_ptr error_;
  Event done_;
};

/// Copies one instance's output into `out` until the instance's output ends.
Task<> forward(InputPort port, OutputPort* out, std::shared_ptr<MergeState> state,
               std::size_t slot) {
  for (;;) {
    std::optional<Envelope> e = co_await port.recv();
    if (e) {
      co_await out->send(std::move(*e));
    } else if (port.last_status() == RecvStatus::kMarker) {
      state->on_marker(slot, out);
    } else {
      co_return;
    }
  }
}

}  // namespace

void DynInTransform::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> DynInTransform::exec(Context& ctx) {
  Executor* ex = Executor::current();
  if (!ex) throw std::logic_error("DynInTransform: exec must run on an executor");
  auto state = std::make_shared<MergeState>();
  std::exception_ptr error;
  try {
    for (std::size_t slot = 0;; ++slot) {
      std::optional<DynInput::Item> item = co_await inp_->next();
      if (!item) break;
      state->add(slot);
      spawn(*ex, forward(std::move(item->port), out_, state, slot),
            [state, slot, out = out_](std::exception_ptr e) { state->finish(slot, out, e); });
    }
  } catch (...) {
    // Still join below: the forwarders write to out_, which lives only as long as the node.
    error = std::current_exception();
  }
  state->finish(MergeState::kExecSlot, out_, nullptr);
  co_await state->done().wait();
  if (error) std::rethrow_exception(error);
  if (std::exception_ptr e = state->error()) std::rethrow_exception(e);
}

}  // namespace rill::nodes

#include "runtime/node_runner.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "context_wiring.hpp"
#include "cycle_clock.hpp"
#include "rill/core/timer.hpp"
#include "rill/core/trace.hpp"

namespace rill::detail {

namespace {

std::string describe(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

/// After each exec: once every input end has seen k markers, k markers go to every output.
/// The ends are looked up once: a wired Context never moves its ports, and this runs after every
/// exec call (once per message for nodes written one message per call).
class MarkerRelay {
 public:
  explicit MarkerRelay(Context& ctx)
      : inputs_(ContextWiring::input_ends(ctx)),
        outputs_(ContextWiring::output_ends(ctx)),
        dyns_(ContextWiring::dyn_outputs(ctx)) {}

  void propagate() {
    std::uint64_t m = std::numeric_limits<std::uint64_t>::max();
    bool any = false;
    for (InputPort* e : inputs_) {
      if (e->ended()) continue;  // an ended input cannot hold back other inputs' markers
      m = std::min(m, e->markers());
      any = true;
    }
    if (!any || m <= propagated_) return;
    for (; propagated_ < m; ++propagated_) {
      for (OutputPort* e : outputs_) e->send_marker();
      for (DynOutput* d : dyns_) d->send_marker();
    }
  }

 private:
  std::vector<InputPort*> inputs_;
  std::vector<OutputPort*> outputs_;
  std::vector<DynOutput*> dyns_;
  std::uint64_t propagated_ = 0;
};

bool call_init(DrivenNode* s, std::string* error) {
  try {
    s->node->init(s->ctx);
    return true;
  } catch (const std::exception& ex) {
    *error = ex.what();
  } catch (...) {
    *error = "unknown exception";
  }
  return false;
}

void call_finalize(DrivenNode* s) {
  if (!s->node) return;
  try {
    s->node->finalize(s->ctx);
  } catch (const std::exception& ex) {
    spdlog::error("node {}: finalize failed: {}", s->ctx.path(), ex.what());
  } catch (...) {
    spdlog::error("node {}: finalize failed", s->ctx.path());
  }
}

/// Rebuilds the node after a failure (on_error = "restart"). False when it cannot be rebuilt.
bool rebuild(DrivenNode* s, std::string* error) {
  call_finalize(s);
  try {
    s->node = s->type->factory(s->config);
  } catch (const std::exception& ex) {
    *error = ex.what();
    s->node.reset();
    return false;
  }
  return s->node && call_init(s, error);
}

}  // namespace

Task<> drive_node(DrivenNode* s, NodeFailure fail, TraceRecorder* trace) {
  Context& ctx = s->ctx;
  const bool source = !ctx.has_inputs();
  MarkerRelay markers(ctx);
  int restarts = 0;
  int since_yield = 0;
  std::string error;
  bool alive = call_init(s, &error);
  if (!alive) {
    spdlog::error("node {}: init failed: {}", ctx.path(), error);
    fail(ctx.path(), "init failed: " + error);
  }
  while (alive) {
    std::exception_ptr err;
    const TraceRecorder::Span span =
        trace != nullptr ? TraceRecorder::begin() : TraceRecorder::Span{};
    const std::uint64_t t0 = CycleClock::now();
    try {
      co_await s->node->exec(ctx);
    } catch (...) {  // NOLINT(bugprone-empty-catch): not empty (clang-tidy misreads co_await)
      err = std::current_exception();
    }
    if (trace != nullptr) trace->end(span, ctx.path());
    NodeCounters& st = ctx.counters();
    st.busy_ticks.store(st.busy_ticks.load(std::memory_order_relaxed) + (CycleClock::now() - t0),
                        std::memory_order_relaxed);
    st.execs.store(st.execs.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    if (err) {
      st.errors.fetch_add(1, std::memory_order_relaxed);
      std::string msg = describe(err);
      switch (s->on_error) {
        case OnError::kStop:
          spdlog::error("node {}: {}", ctx.path(), msg);
          fail(ctx.path(), msg);
          alive = false;
          break;
        case OnError::kSkip:
          spdlog::warn("node {}: {} (message skipped, on_error = \"skip\")", ctx.path(), msg);
          break;
        case OnError::kRestart: {
          ++restarts;
          st.restarts.fetch_add(1, std::memory_order_relaxed);
          spdlog::warn("node {}: {} (restarting, attempt {})", ctx.path(), msg, restarts);
          // Back off so a node that fails on every message does not spin: 10 ms doubling to 1 s.
          auto delay = std::chrono::milliseconds(10 << std::min(restarts - 1, 6));
          co_await sleep_for(std::min<std::chrono::nanoseconds>(delay, std::chrono::seconds(1)));
          if (!rebuild(s, &error)) {
            spdlog::error("node {}: restart failed: {}", ctx.path(), error);
            fail(ctx.path(), "restart failed: " + error);
            alive = false;
          }
          break;
        }
      }
    } else if (restarts > 0 && st.execs.load(std::memory_order_relaxed) % 128 == 0) {
      restarts = 0;  // healthy again: the next failure backs off from the start
    }
    if (!alive) break;
    markers.propagate();
    if (source || ctx.all_inputs_ended()) break;
    if (++since_yield >= 64) {
      // A node whose exec never suspends must not monopolise its worker.
      since_yield = 0;
      co_await yield_now();
    }
  }
  call_finalize(s);
  s->node.reset();
  ContextWiring::release_ports(ctx);
}

}  // namespace rill::detail

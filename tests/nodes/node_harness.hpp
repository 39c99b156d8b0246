#pragma once
// Test harness for built-in nodes: builds a node through the built-in registry with a Context
// declaring its ports, and drives it by the runtime's node contract (init, exec until every input
// ended — once for a source — with flush-marker propagation after each exec, finalize, release
// of the outputs).

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "rill/core/channel.hpp"
#include "rill/core/envelope.hpp"
#include "rill/core/event.hpp"
#include "rill/core/executor.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"
#include "rill/core/task.hpp"

namespace rill::testing {

/// A node instance and its Context; the Context's ports are declared but not yet bound.
struct NodeUnderTest {
  std::unique_ptr<Node> node;
  std::unique_ptr<Context> ctx;
};

/// Builds built-in node `type` (as a graph would, through its registered factory).
inline NodeUnderTest make_node(const std::string& type, Map args = {}) {
  const NodeType* t = builtin_registry()->find_node(type);
  if (!t) throw std::invalid_argument("no built-in node type " + type);
  NodeConfig config{"test_" + type, "main/test_" + type, args};
  auto ctx = std::make_unique<Context>(config.name, std::move(args));
  ctx->set_path(config.path);
  for (const PortDecl& p : t->inputs) ctx->declare_input(p);
  for (const PortDecl& p : t->outputs) ctx->declare_output(p);
  return {t->factory(config), std::move(ctx)};
}

/// The runtime driver's contract for one node, as the graph runtime applies it.
inline Task<> drive(Node* node, Context* ctx) {
  std::exception_ptr error;
  try {
    node->init(*ctx);
    if (!ctx->has_inputs()) {
      co_await node->exec(*ctx);  // a source runs exactly once
    } else {
      std::uint64_t flushed = 0;
      for (;;) {
        co_await node->exec(*ctx);
        bool all_ended = true;
        std::uint64_t min_markers = std::numeric_limits<std::uint64_t>::max();
        for (auto& group : ctx->input_groups()) {
          for (auto& end : group.ends) {
            all_ended = all_ended && end.ended();
            min_markers = std::min(min_markers, end.markers());
          }
        }
        if (min_markers != std::numeric_limits<std::uint64_t>::max()) {
          for (; flushed < min_markers; ++flushed) {
            for (auto& group : ctx->output_groups()) {
              for (auto& end : group.ends) end.send_marker();
            }
            for (DynOutput* dyn : ctx->dyn_outputs()) dyn->send_marker();
          }
        }
        if (all_ended) break;
      }
    }
  } catch (...) {
    error = std::current_exception();
  }
  node->finalize(*ctx);
  for (auto& group : ctx->output_groups()) {
    for (auto& end : group.ends) end.close();  // downstream sees end-of-stream
  }
  if (error) std::rethrow_exception(error);
}

/// How a driven node ended.
struct RunState {
  std::atomic<bool> done{false};
  std::exception_ptr error;  ///< written before `done` and `finished`
  Event finished;            ///< for tests that run the node on a thread pool

  /// The error's what(), or "" when the run succeeded.
  [[nodiscard]] std::string error_message() const {
    if (!error) return {};
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      return e.what();
    } catch (...) {
      return "non-standard exception";
    }
  }
};

/// Spawns drive() for `n` on `ex`; the returned state fills in when the run ends.
inline std::shared_ptr<RunState> start(Executor& ex, NodeUnderTest& n) {
  auto state = std::make_shared<RunState>();
  spawn(ex, drive(n.node.get(), n.ctx.get()), [state](std::exception_ptr e) {
    state->error = e;
    state->done.store(true);
    state->finished.set();
  });
  return state;
}

/// What a receiver holds right now: the values, and whether it reported end-of-stream.
struct Drained {
  std::vector<Envelope> values;
  bool ended = false;
};

/// Takes everything queued on `rx` without waiting (markers are skipped and counted).
inline Drained take_all(Receiver<Envelope>& rx, int* markers = nullptr) {
  Drained d;
  for (;;) {
    std::optional<Envelope> out;
    RecvStatus s = rx.try_recv(out);
    if (s == RecvStatus::kValue) {
      d.values.push_back(std::move(*out));
    } else if (s == RecvStatus::kMarker) {
      if (markers) ++*markers;
    } else {
      d.ended = s == RecvStatus::kEnd;
      return d;
    }
  }
}

/// Options for a small test pool.
inline ExecutorOptions pool_options(std::string name, int threads) {
  ExecutorOptions o;
  o.name = std::move(name);
  o.threads = threads;
  return o;
}

/// An envelope carrying int `v`.
inline Envelope msg(std::int64_t v) { return Envelope(Value(v)); }

}  // namespace rill::testing

#pragma once
// Graph: a running instance of a GraphSpec's main graph, with its shared (global) nodes and
// resources. This is the host-side API (MegFlow's MainGraph / megflow.Graph).

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "rill/core/channel.hpp"
#include "rill/core/diagnostic.hpp"
#include "rill/core/envelope.hpp"
#include "rill/core/graph_spec.hpp"
#include "rill/core/node_stats.hpp"
#include "rill/core/registry.hpp"
#include "rill/core/task.hpp"

namespace rill {

class Runtime;
class TraceRecorder;

struct GraphOptions {
  /// 0 (the default): nodes without an executor of their own run on the process's shared pool,
  /// default_executor(), with every other graph and XStream workflow. N > 0: on a pool of N
  /// threads owned by this graph.
  int threads = 0;
  /// When set, the executor of nodes without one of their own instead (`threads` is ignored):
  /// rill::testing::GraphHarness passes a ManualExecutor to step a graph deterministically.
  std::shared_ptr<Executor> executor;
  /// Extra executors by name (e.g. "python" from the Python layer); the config's [[executors]]
  /// are added to these.
  std::vector<std::pair<std::string, std::shared_ptr<Executor>>> executors;
  /// When set, every node `exec` call is recorded into it (`rill run --trace`); null = off.
  std::shared_ptr<TraceRecorder> trace;
};

/// Outcome of a run: ok, or the first error with the path of the node that raised it.
struct RunResult {
  bool ok = true;
  std::string node;     ///< e.g. "main/sub/err"
  std::string message;  ///< the error text (exception what(), Python traceback, ...)
  [[nodiscard]] std::string format() const;
};

/// Lifecycle: create() validates and plans (nothing runs on a config with errors); input() and
/// output() hand out host ends before or after start(); start() launches shared nodes and the
/// main graph; wait() blocks until everything ended; stop() asks for a graceful end (inputs
/// closed, sources stop at their next send, in-flight messages drain). Destroying a running
/// Graph stops and waits.
/// Thread safety: all members may be called from any non-worker thread.
class Graph {
 public:
  /// Plans `spec` against `registry`. On errors returns nullptr and fills `diags`.
  static std::unique_ptr<Graph> create(const GraphSpec& spec,
                                       std::shared_ptr<const Registry> registry, Diagnostics& diags,
                                       GraphOptions options = {});
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  [[nodiscard]] std::vector<std::string> input_names() const;
  [[nodiscard]] std::vector<std::string> output_names() const;
  /// A new sender end into main-graph input `name` (invalid Sender when unknown). Ends taken
  /// before start() keep the input open; if none was taken by then, the input closes at start.
  Sender<Envelope> input(const std::string& name);
  /// A new receiver end on main-graph output `name` (invalid Receiver when unknown).
  Receiver<Envelope> output(const std::string& name);

  void start();
  /// Graceful stop; returns at once (use wait()).
  void stop();
  /// Closes the main graph's inputs (MegFlow's `Graph.close()`): messages in flight drain and the
  /// graph ends once its nodes do; unlike stop(), sources are not told to stop. Returns at once.
  void close_inputs();
  /// Awaitable wait(): completes (on the awaiting coroutine's executor) when the run has ended.
  Task<RunResult> wait_async();
  /// Blocks until the run has ended; returns its result.
  RunResult wait();
  /// As wait(), giving up after `timeout` (then returns std::nullopt).
  std::optional<RunResult> wait_for(std::chrono::milliseconds timeout);
  /// start() + wait().
  RunResult run();

  [[nodiscard]] bool finished() const;
  [[nodiscard]] std::vector<NodeStats> snapshot() const;
  /// Node instances alive now (static, dynamic and shared).
  [[nodiscard]] std::size_t live_node_count() const;

 private:
  explicit Graph(std::unique_ptr<Runtime> rt);
  std::unique_ptr<Runtime> rt_;
};

}  // namespace rill

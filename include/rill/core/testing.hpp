#pragma once
// rill::testing: run one node under the production driver loop (the one graphs use: init, exec
// until the inputs end, flush-marker propagation, on_error, finalize) with channels the test
// feeds and drains, stepping deterministically on a manual executor (NodeHarness); or a small
// graph under the graph runtime, the same way (GraphHarness, below).
//
//   rill::testing::NodeHarness h("Batch", {{"batch_size", 2}});
//   h.start();
//   h.send("inp", rill::Envelope(rill::Value(1)));
//   h.send("inp", rill::Envelope(rill::Value(2)));
//   h.drain();
//   auto out = h.take("out");  // one envelope holding [1, 2]
//   h.close("inp");
//   h.drain();
//   EXPECT_TRUE(h.finished());
//
// For node and plugin authors: build your plugin's registry (or use the built-in one) and test
// your node exactly as a graph will run it.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rill/core/envelope.hpp"
#include "rill/core/executor.hpp"
#include "rill/core/graph.hpp"
#include "rill/core/graph_spec.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"

namespace rill::testing {

struct HarnessOptions {
  /// Where the node runs; null = the harness's own ManualExecutor (step()/drain() drive it).
  Executor* executor = nullptr;
  /// Capacity of every channel the harness creates.
  std::size_t cap = 1024;
  OnError on_error = OnError::kStop;
  /// Instance name; the node's path is "test/<name>".
  std::string name = "node";
};

/// Lifecycle: construct (the node is built and its arguments checked, as a graph would), wire
/// list/dict/dyn ports if the test needs other than one end each, start(), feed and step, then
/// read what came out. Destroying a harness whose node has not finished closes its inputs and,
/// on the manual executor, drains it to the end.
/// Thread safety: one test thread; with a thread-pool executor, the node runs concurrently and
/// take()/finished() may be polled.
class NodeHarness {
 public:
  /// Builds node type `type` of `registry` with `args`. Throws std::invalid_argument for an
  /// unknown type or arguments its contract rejects (the message is the planner's).
  NodeHarness(std::shared_ptr<const Registry> registry, std::string_view type, Map args = {},
              HarnessOptions options = {});
  /// The same with the built-in registry (defined in rill_nodes: link it to use this one).
  explicit NodeHarness(std::string_view type, Map args = {}, HarnessOptions options = {})
      : NodeHarness(builtin_registry(), type, std::move(args), std::move(options)) {}
  ~NodeHarness();
  NodeHarness(const NodeHarness&) = delete;
  NodeHarness& operator=(const NodeHarness&) = delete;

  // ---- wiring, before start() ----
  /// Gives list/dict port `port` one end per tag (in this order). Default: one untagged end per
  /// unit or list port, none for a dict port. An empty list leaves the port unconnected.
  NodeHarness& ends(std::string_view port, std::vector<std::optional<std::uint64_t>> tags);
  /// Binds a test double for a dyn port.
  NodeHarness& dyn_output(std::string_view port, std::unique_ptr<DynOutput> impl);
  NodeHarness& dyn_input(std::string_view port, std::unique_ptr<DynInput> impl);

  /// Spawns the driver on the executor. On the manual executor nothing runs until step/drain.
  void start();

  // ---- feeding inputs ----
  /// Queues `e` on input `port` (end `end` of a list port). kFull when the channel is full (drain
  /// the node first), kClosed after close().
  SendStatus send(std::string_view port, Envelope e, std::size_t end = 0);
  void send_marker(std::string_view port, std::size_t end = 0);
  /// End-of-stream on one input end.
  void close(std::string_view port, std::size_t end = 0);
  /// End-of-stream on every input end.
  void close_inputs();

  // ---- stepping (manual executor) ----
  /// Resumes one ready coroutine; false when none was ready.
  bool step();
  /// Runs until nothing is ready; returns how many resumptions ran.
  std::size_t drain();
  /// Drains (manual executor) or waits until the node has finished, at most `timeout` (for nodes
  /// with timers or a thread-pool executor). True when it finished.
  bool run_until_finished(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // ---- outputs ----
  /// Everything queued on output `port` (end `end`) now; flush markers are counted, not returned.
  std::vector<Envelope> take(std::string_view port, std::size_t end = 0);
  /// Markers take() has met on that end so far.
  [[nodiscard]] std::size_t markers(std::string_view port, std::size_t end = 0) const;
  /// True once take() met end-of-stream on that end.
  [[nodiscard]] bool ended(std::string_view port, std::size_t end = 0) const;

  // ---- outcome ----
  [[nodiscard]] bool finished() const;
  /// The failure the driver reported ("" when none): what a graph would fail with.
  [[nodiscard]] std::string error() const;
  [[nodiscard]] const Context& context() const;
  [[nodiscard]] const NodeConfig& config() const;

 private:
  /// The destructor's work: lets the node end as a graph's would. May throw.
  void wind_down();

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A small graph (a GraphSpec, e.g. from rill::config::load_toml_string) under the graph runtime
/// itself, every node without an executor of its own on the harness's ManualExecutor: the test
/// feeds the main graph's inputs, steps, and reads its outputs.
///
///   auto spec = rill::config::load_toml_string(toml, "t.toml", "", {}, diags);
///   rill::testing::GraphHarness h(*spec);
///   h.start();
///   h.send("inp", rill::Envelope(rill::Value(1)));
///   h.drain();
///   auto out = h.take("out");
///   h.close_inputs();
///   h.drain();
///   EXPECT_TRUE(h.finished() && h.result().ok);
///
/// Nodes on named executors, exclusive nodes and timers run on other threads: use
/// run_until_finished() for those. Destroying a harness whose graph has not ended stops it and
/// steps it to its end, as destroying a Graph would wait for it.
/// Thread safety: one test thread.
class GraphHarness {
 public:
  /// Plans `spec` against `registry`. Throws std::invalid_argument with the located diagnostics
  /// when it has errors.
  GraphHarness(const GraphSpec& spec, std::shared_ptr<const Registry> registry);
  /// The same with the built-in registry (defined in rill_nodes: link it to use this one).
  explicit GraphHarness(const GraphSpec& spec) : GraphHarness(spec, builtin_registry()) {}
  ~GraphHarness();
  GraphHarness(const GraphHarness&) = delete;
  GraphHarness& operator=(const GraphHarness&) = delete;

  void start();

  // ---- the main graph's inputs (its ends are taken at construction) ----
  /// kFull when the input's channel is full (drain first), kClosed after close().
  SendStatus send(std::string_view input, Envelope e);
  void send_marker(std::string_view input);
  void close(std::string_view input);
  void close_inputs();
  /// Graceful stop, as Graph::stop(): sources end at their next send, in-flight messages drain.
  void stop();

  // ---- stepping ----
  bool step();
  std::size_t drain();
  /// Drains, and waits for other threads' work, until the graph ended or `timeout` passed.
  bool run_until_finished(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // ---- the main graph's outputs ----
  std::vector<Envelope> take(std::string_view output);
  [[nodiscard]] std::size_t markers(std::string_view output) const;
  [[nodiscard]] bool ended(std::string_view output) const;

  // ---- outcome ----
  [[nodiscard]] bool finished() const;
  /// The run's result; meaningful once finished().
  [[nodiscard]] RunResult result() const;
  /// The graph itself, e.g. for snapshot() or live_node_count().
  [[nodiscard]] Graph& graph();

 private:
  /// The destructor's work: lets the graph end as a graph's would. May throw.
  void wind_down();

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rill::testing

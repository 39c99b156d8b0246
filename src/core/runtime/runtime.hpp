#pragma once
// The running side of a Graph: graph instances (main, static, dynamic, shared), node slots and
// their runners, shared-node multiplexers, executors.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "rill/core/channel.hpp"
#include "rill/core/event.hpp"
#include "rill/core/executor.hpp"
#include "rill/core/graph.hpp"
#include "rill/core/node.hpp"
#include "runtime/node_runner.hpp"
#include "runtime/plan.hpp"
#include "runtime/resources.hpp"
#include "runtime/task_tracker.hpp"

namespace rill::detail {

class GraphInstance;
class Runtime;
class SharedNode;

using BoundaryIn = std::map<std::string, Receiver<Envelope>>;
using BoundaryOut = std::map<std::string, Sender<Envelope>>;

/// One node instance (one clone) with its Context; the runtime side of ContextHost.
struct NodeSlot final : DrivenNode, ContextHost {
  NodeSlot(GraphInstance* g, const PlanNode* p, int clone_index, std::string path);
  Value resource(std::string_view name) override;
  [[nodiscard]] std::vector<std::string> resource_names() const override { return plan->res; }
  Task<> wait_closed() override;
  [[nodiscard]] bool stop_requested() const override;

  GraphInstance* graph;
  const PlanNode* plan;
  int clone;
  Executor* executor = nullptr;
  std::shared_ptr<Executor> owned_executor;  // exclusive nodes: a dedicated thread
  /// Per dyn output port: messages sent into its finished instances (DynOutputImpl); kept here
  /// because the port itself is released when the node ends.
  std::vector<std::shared_ptr<const std::atomic<std::uint64_t>>> dyn_sent;
};

/// Result of one graph instance: ok or the first error.
struct InstanceResult {
  bool ok = true;
  std::string node;
  std::string message;
};

/// A running instance of a PlanGraph. Counts its unfinished work (node runners, child instances,
/// shared-node forwarders); when that reaches zero the instance closes its context, waits for
/// its isolated nodes and reports to its owner.
///
/// Lifecycle: build() wires everything, start() launches it; it reports through `on_done` once.
/// Thread safety: completion accounting is atomic; children lists are guarded by mu_.
class GraphInstance : public std::enable_shared_from_this<GraphInstance> {
 public:
  using DoneFn = std::function<void(const InstanceResult&)>;

  GraphInstance(Runtime& rt, const PlanGraph& plan, std::string path, Map inherited_args,
                std::shared_ptr<const ResourceView> view, GraphInstance* parent, bool dynamic);
  ~GraphInstance();

  /// Creates channels, node slots, child instances and shared-node clients. Throws on failure
  /// (a node factory or resource error), naming the node.
  void build(BoundaryIn in, BoundaryOut out);
  void start(DoneFn on_done);
  /// Closes the context: stop flag for sources, graph inputs closed; children follow.
  void close();
  /// Closes the instance's input channels only: what is in flight drains, sources keep running.
  void close_inputs();
  /// For a graph destroyed without having started: releases every node's port ends, here and in
  /// static children, so the shared-node forwarders parked on them end instead of keeping this
  /// instance (and themselves) alive forever.
  void abandon();
  /// Records an error (first wins) and closes.
  void fail(const std::string& node, const std::string& message);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const PlanGraph& plan() const { return plan_; }
  [[nodiscard]] Runtime& runtime() { return rt_; }
  [[nodiscard]] const std::atomic<bool>* stop_flag() const { return &stopping_; }
  [[nodiscard]] bool stopping() const { return stopping_.load(std::memory_order_relaxed); }
  Event& closed_event() { return closed_; }
  [[nodiscard]] const std::shared_ptr<const ResourceView>& view() const { return view_; }
  [[nodiscard]] bool is_dynamic() const { return dynamic_; }

  /// Work accounting: every started unit calls add_pending() before and done_pending() after.
  void add_pending() { pending_.fetch_add(1, std::memory_order_relaxed); }
  void done_pending();

  /// Builds (does not start) a dynamic instance of `alt` for `link`; the ends feeding its inputs
  /// and draining its outputs come back through `in_senders` / `out_receivers`.
  std::shared_ptr<GraphInstance> make_dynamic(const PlanDynLink& link, const PlanGraph& alt,
                                              std::uint64_t key, BoundaryOut* in_senders,
                                              BoundaryIn* out_receivers);
  /// Starts a dynamic instance built by make_dynamic as a child of this instance.
  void start_dynamic(const std::shared_ptr<GraphInstance>& child,
                     std::function<void(const InstanceResult&)> on_finished);
  /// Sets the stop flag here and in every child (sources end; in-flight messages drain).
  void propagate_stop();

  void collect(std::vector<NodeStats>& out) const;
  [[nodiscard]] std::size_t live_nodes() const;

 private:
  friend struct DynOutputImpl;
  friend struct DynInputImpl;
  void build_native(int index, const PlanNode& n, std::vector<Sender<Envelope>>& tx,
                    std::vector<Receiver<Envelope>>& rx);
  void build_subgraph(int index, const PlanNode& n, std::vector<Sender<Envelope>>& tx,
                      std::vector<Receiver<Envelope>>& rx);
  void build_clients(std::vector<Sender<Envelope>>& tx, std::vector<Receiver<Envelope>>& rx);
  Map child_args(const PlanNode& n) const;
  void finish();
  std::vector<ChannelHandle<Envelope>> inputs_snapshot();

  Runtime& rt_;
  const PlanGraph& plan_;
  std::string path_;
  Map inherited_args_;
  std::shared_ptr<const ResourceView> parent_view_;
  std::shared_ptr<const ResourceView> view_;
  GraphInstance* parent_;
  bool dynamic_;

  std::vector<std::unique_ptr<NodeSlot>> slots_;
  std::vector<NodeSlot*> isolated_;
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<GraphInstance>> children_;  // static and live dynamic instances
  std::vector<ChannelHandle<Envelope>> inputs_;           // to close the graph's inputs
  // During build only: subscriber channels of dyn input ports, by dynamic node / by owner port.
  std::map<int, std::vector<std::pair<std::string, Sender<DynInput::Item>>>> dyn_subscribers_;
  std::map<std::pair<int, std::string>, Receiver<DynInput::Item>> dyn_receivers_;
  std::vector<std::shared_ptr<void>> keep_;  // shared-node client state

  std::atomic<int> pending_{0};
  std::atomic<int> isolated_pending_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> finished_{false};
  std::atomic<bool> reported_{false};
  Event closed_;
  std::mutex result_mu_;
  InstanceResult result_;
  DoneFn on_done_;
};

/// A shared (top-level) node serving many client graph instances: client messages are stamped with
/// the client id (transfer_addr) and multiplexed into the node's input channels; outputs are routed
/// back by transfer_addr; when a client's inputs end, a flush marker follows its messages through
/// the node, and when it re-emerges the client's outputs are closed.
class SharedNode {
 public:
  SharedNode(Runtime& rt, const PlanNode& plan, const std::map<std::string, std::size_t>& in_caps,
             const std::map<std::string, std::size_t>& out_caps);
  ~SharedNode();
  void build();
  void start(std::function<void(const InstanceResult&)> on_done);
  /// Ends the node's inputs (after the main graph finished).
  void shutdown();
  /// The never-started counterpart of shutdown(): see GraphInstance::abandon().
  void abandon();

  /// Registers a client. `inputs` are the client's channel ends feeding the node's input ports
  /// (port → receiver), `outputs` the ends the node's outputs go to (port → sender).
  /// Returns the state the client instance must keep alive.
  std::shared_ptr<void> add_client(GraphInstance& client,
                                   std::vector<std::pair<std::string, Receiver<Envelope>>> inputs,
                                   std::vector<std::pair<std::string, Sender<Envelope>>> outputs);

  [[nodiscard]] const std::string& name() const { return plan_.name; }
  GraphInstance* holder() { return holder_.get(); }

 private:
  struct Client;
  struct Router;
  static Task<> forward(std::shared_ptr<Client> c, std::shared_ptr<SharedNode> self,
                        Receiver<Envelope> rx, std::string port);
  static Task<> route(SharedNode* self, std::string port);
  void client_inputs_done(std::uint64_t id);

  Runtime& rt_;
  const PlanNode& plan_;
  PlanGraph shell_;  // a one-node graph holding the shared node (or its subgraph)
  std::shared_ptr<GraphInstance> holder_;
  std::map<std::string, Sender<Envelope>> mux_;     // into the node's inputs
  std::map<std::string, Receiver<Envelope>> outs_;  // from the node's outputs
  std::mutex mu_;
  std::map<std::uint64_t, std::shared_ptr<Client>> clients_;
  std::vector<std::uint64_t> flush_order_;
  std::map<std::string, std::size_t> flush_cursor_;
  std::uint64_t next_client_ = 0;
  std::atomic<int> routers_{0};
  std::function<void(const InstanceResult&)> on_done_;
  std::atomic<bool> node_done_{false};
  InstanceResult node_result_;
  friend class Runtime;

 public:
  std::weak_ptr<SharedNode> self_;
};

/// Owns everything one Graph runs: executors, global resources, shared nodes, the main
/// instance, and the host's ends of the main graph's inputs/outputs.
class Runtime {
 public:
  Runtime(std::unique_ptr<Plan> plan, GraphOptions options);
  ~Runtime();

  Sender<Envelope> input(const std::string& name);
  Receiver<Envelope> output(const std::string& name);
  [[nodiscard]] std::vector<std::string> input_names() const;
  [[nodiscard]] std::vector<std::string> output_names() const;
  void start();
  void stop();
  void close_inputs();
  Task<RunResult> wait_async();
  RunResult wait();
  std::optional<RunResult> wait_for(std::chrono::milliseconds timeout);
  [[nodiscard]] bool finished() const { return done_.is_set(); }
  std::vector<NodeStats> snapshot() const;

  /// Builds the shared nodes and the main instance (the constructor's fallible part).
  void build();
  /// Tears down a graph that never started (destructor, or a constructor that failed).
  void release_unstarted() noexcept;

  /// Starts a task that belongs to this graph; the destructor waits until it is gone.
  void spawn(Executor& ex, Task<> task, std::function<void(std::exception_ptr)> on_done) {
    tasks_.spawn(ex, std::move(task), std::move(on_done));
  }
  /// The executor a node instance runs on (named, the type's own, blocking, or default).
  Executor* executor_for(const PlanNode& n, std::shared_ptr<Executor>* owned);
  /// A graph executor or a provided one (provide_executor), or nullptr.
  [[nodiscard]] Executor* named_executor(const std::string& name) const;
  SharedNode* shared(int index) { return shared_[static_cast<std::size_t>(index)].get(); }
  [[nodiscard]] const std::shared_ptr<const ResourceView>& global_view() const {
    return global_view_;
  }
  [[nodiscard]] const Plan& plan() const { return *plan_; }
  /// The recorder of node activations, or null when tracing is off.
  [[nodiscard]] TraceRecorder* trace() const { return options_.trace.get(); }
  std::atomic<std::int64_t> live_nodes{0};

 private:
  void on_main_done(const InstanceResult& r);
  void on_shared_done(const InstanceResult& r);

  std::unique_ptr<Plan> plan_;
  GraphOptions options_;
  /// The default executor: the process's (default_executor()) unless options give one or ask
  /// for a pool of the graph's own (threads).
  std::shared_ptr<Executor> pool_;
  std::map<std::string, std::shared_ptr<Executor>> named_;
  BlockingPool blocking_;
  std::shared_ptr<const ResourceView> global_view_;
  std::vector<std::shared_ptr<SharedNode>> shared_;
  std::shared_ptr<GraphInstance> main_;
  TaskTracker tasks_;
  std::mutex host_mu_;
  std::map<std::string, Sender<Envelope>> host_in_;
  std::map<std::string, Receiver<Envelope>> host_out_;
  bool started_ = false;
  std::atomic<int> shared_running_{0};
  std::atomic<bool> main_finished_{false};
  std::mutex result_mu_;
  RunResult result_;
  Event done_;
};

}  // namespace rill::detail

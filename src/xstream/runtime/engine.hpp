#pragma once
// Engine: runs frames through a workflow's nodes. There is no scheduler thread: whichever thread
// makes a slot ready (the submitting thread for workflow inputs, a node thread for a node's
// outputs) counts down what waits on it, dispatches nodes whose inputs are all ready to their
// threads, completes skipped nodes inline, and posts reports to the callback queue. A frame so
// costs one hand-off per node instead of XStream's three (pool → daemon → scheduler).

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rill/config/workflow.hpp"
#include "rill/core/diagnostic.hpp"
#include "rill/sdk/workflow.hpp"
#include "runtime/callback_queue.hpp"
#include "runtime/node_runtime.hpp"
#include "runtime/plan.hpp"

namespace rill::sdk::detail {

class Engine final : public JobRunner {
 public:
  Engine(const config::WorkflowSpec& spec, std::shared_ptr<::Profiler> profiler);
  ~Engine() override;

  /// Creates threads and method instances and initialises them. 0 or -1 (see Workflow::open).
  int open(const WorkflowOptions& options, Diagnostics& diags);

  /// Admits a frame: its sequence id, or a negative error code. On success `*frame` is set and
  /// the frame's inputs are already being processed.
  std::int64_t admit(const FrameInput& input, bool sync, FrameRef* frame);

  std::uint64_t run(Job& job, JobScratch& scratch) noexcept override;

  void set_output_callback(std::shared_ptr<const Callback> cb);
  [[nodiscard]] bool has_output_callback() const;
  int set_node_callback(const std::string& node, std::shared_ptr<const Callback> cb);
  int update_params(const std::string& node, const ParamPtr& param);
  [[nodiscard]] NodeRuntime* find_node(const std::string& node) const;
  [[nodiscard]] std::int64_t in_flight() const { return in_flight_.load(); }
  void set_free_frame_data(bool on) { free_frame_data_.store(on); }
  void set_time_monitor(int seconds) { time_monitor_s_.store(seconds); }
  [[nodiscard]] std::vector<NodeStats> stats() const;
  [[nodiscard]] FrameStats frame_stats() const;
  /// Writes the summary lines (latency avg/min/max per node and for frames) to the profiler.
  void log_profile_summary() const;
  [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  // Frame flow, in the order a frame meets them.
  void slots_ready(const FrameRef& frame, const std::vector<int>& slots);
  void inputs_ready(NodeRuntime& node, const FrameRef& frame);
  /// Skips the node (outputs written, returns false: caller completes it) or posts its job.
  bool start(NodeRuntime& node, const FrameRef& frame);
  void complete(NodeRuntime& node, const FrameRef& frame);
  void frame_done(const FrameRef& frame);
  void release_read_slots(const NodeRuntime& node, FrameState& frame);

  // Set-up (engine_setup.cpp).
  Mailbox* shared_thread(int index);
  void assign_threads(NodeRuntime& node);
  bool create_instances(NodeRuntime& node, const MethodFactory& factory, Diagnostics& diags);
  bool init_instances(NodeRuntime& node, Diagnostics& diags);
  void apply_priority(NodeRuntime& node);
  void warn(std::string text);

  config::WorkflowSpec spec_;
  Plan plan_;
  std::shared_ptr<::Profiler> profiler_;
  const int instance_no_;
  std::vector<std::unique_ptr<NodeRuntime>> nodes_;
  /// What strands run on (strand_executor()); declared before the mailboxes, which use it.
  std::shared_ptr<Executor> strand_executor_;
  std::map<int, std::unique_ptr<Mailbox>> shared_threads_;  ///< thread_list index -> thread
  std::vector<std::unique_ptr<Mailbox>> private_threads_;   ///< thread_count threads, strands
  std::vector<std::vector<bool>> initialised_;  ///< per node, per instance: Finalize() is due
  CallbackQueue callbacks_;

  mutable rill::detail::SpinLock callback_lock_;
  std::shared_ptr<const Callback> output_callback_;  // guarded by callback_lock_

  std::atomic<std::int64_t> in_flight_{0};
  std::unique_ptr<std::atomic<std::int64_t>[]> next_sequence_;  ///< per source
  std::atomic<std::uint64_t> next_global_{0};
  LatencyStat frame_latency_;  ///< admission to completion
  std::chrono::steady_clock::time_point opened_at_ = std::chrono::steady_clock::now();
  std::atomic<bool> free_frame_data_{false};
  std::atomic<int> time_monitor_s_{0};
  std::vector<std::string> warnings_;
};

}  // namespace rill::sdk::detail

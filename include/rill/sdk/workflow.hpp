#pragma once
// Workflow: runs an XStream-style JSON workflow (rill/config/workflow.hpp) on behalf of a C++
// program: frames in (submit / predict), output groups and per-node results out (callbacks),
// parameters changed at run time, a profiler. xstream::XStreamSDK (the compatibility headers) is
// a thin adapter over this class.
//
// Execution: each node is served by its threads (`thread_count` private ones, or `thread_list`
// threads shared by the workflow's nodes), as in XStream, so a Method that is not thread-safe is
// only ever called on the thread its instance is bound to. There is no scheduler thread: the
// thread that finishes a node marks its output slots ready, decides which nodes became runnable,
// hands them to their threads, and assembles outputs. Callbacks of one workflow never run
// concurrently and run in completion order.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <rill/config/workflow.hpp>
#include <rill/core/diagnostic.hpp>
#include <rill/core/node_stats.hpp>
#include <rill/sdk/data.hpp>
#include <rill/sdk/method_registry.hpp>

class Profiler;  // hobotxstream/profiler.h (XStream declares it in the global namespace)

namespace rill::sdk {

struct WorkflowOptions {
  /// Creates method instances; empty = default_method_factory().
  MethodFactory factory;
};

/// Per-node statistics: the one type both runtimes report (rill/core/node_stats.hpp). For a
/// workflow node: path = unique name, type = method type, calls = DoProcess calls, received =
/// frames that reached the node (calls + skipped), sent = calls that did not fail, errors =
/// DoProcess threw or returned too few outputs, busy/min/max = time inside DoProcess.
using NodeStats = rill::NodeStats;

/// Frames completed since open(), and their latency from submission to completion.
struct FrameStats {
  std::uint64_t completed = 0;
  std::uint64_t latency_sum_ns = 0;
  std::uint64_t min_ns = 0;
  std::uint64_t max_ns = 0;
  double seconds = 0;  ///< since open()
};

using OutputCallback = std::function<void(FrameOutputPtr)>;

/// Lifecycle: construct, open() once, then submit/predict from any threads; the destructor
/// stops the node threads (queued work is dropped, running DoProcess calls finish) and calls
/// Finalize() on every method instance. Thread safety: every member may be called from any
/// thread once open() returned 0, except that the destructor must not race other calls.
class Workflow {
 public:
  Workflow();
  ~Workflow();
  Workflow(const Workflow&) = delete;
  Workflow& operator=(const Workflow&) = delete;

  /// Builds the nodes, creates every method instance and initialises it (on the thread it is
  /// bound to when a node has several instances that are not thread-safe). Returns 0, -2 when
  /// already open, or -1 when a method type is unknown, an instance cannot be created or its
  /// Init fails; each problem is in `diags`, located at the node.
  int open(const config::WorkflowSpec& spec, const WorkflowOptions& options, Diagnostics& diags);
  [[nodiscard]] bool is_open() const;

  /// Submits a frame (async). Returns its sequence id within its source (0, 1, ...), or
  /// kTooManyInFlight when max_running_count frames are in flight, or kInvalidInput when the
  /// frame carries no data, names a slot that is not a workflow input, or has a source_id_ out of
  /// range, or -1 when no output callback is set. `input` is copied; the caller may reuse it at
  /// once. Declared inputs the frame does not carry count as ready without data (their consumers
  /// skip).
  std::int64_t submit(const FrameInput& input);

  /// Runs a frame to completion on the calling thread's behalf and returns one FrameOutput per
  /// output group, ordered by group name. No callbacks fire for it. On rejection returns a
  /// single FrameOutput carrying kInvalidInput or kTooManyInFlight.
  std::vector<FrameOutputPtr> predict(const FrameInput& input);

  /// The callback every output group of every submitted frame is delivered to, as soon as the
  /// group's slots are all ready. Replaces the previous one; empty removes it. May be set
  /// before open().
  void set_output_callback(OutputCallback callback);
  /// A callback for every completion of `node` in submitted frames (skips included). Returns -1
  /// for an unknown node; an empty callback removes it.
  int set_node_callback(const std::string& node, OutputCallback callback);

  /// Frames accepted and not yet complete.
  [[nodiscard]] std::int64_t frames_in_flight() const;

  /// Calls UpdateParameter(param) on every instance of `node` while none of them is inside
  /// DoProcess. Returns 0, 1 for an unknown node, -1 when an instance refuses (or not open).
  int update_params(const std::string& node, const ParamPtr& param);
  /// GetParameter() / GetVersion() of the node's first instance; nullptr / "" when unknown.
  [[nodiscard]] ParamPtr params(const std::string& node) const;
  [[nodiscard]] std::string method_version(const std::string& node) const;

  /// XStream's `free_framedata`: drop intermediate slot data as soon as no node needs it
  /// (applies to frames submitted afterwards; may be set before open()).
  void set_free_frame_data(bool on);
  /// XStream's `time_monitor`: warn once about a frame still incomplete after `seconds`
  /// (0 = off; may be set before open()).
  void set_time_monitor(int seconds);

  /// The workflow's framework profiler (off until started; see hobotxstream/profiler.h). While
  /// it runs, the workflow logs XStream's events.
  [[nodiscard]] const std::shared_ptr<::Profiler>& profiler() const;
  /// Appends summary counters to the running profiler's file: per node and for whole frames,
  /// avg/min/max latency, and frames per second. Done by the destructor when the profiler is
  /// still running; call it before stopping the profiler yourself. No-op when it is stopped.
  void write_profile_summary();

  [[nodiscard]] std::vector<NodeStats> node_stats() const;
  [[nodiscard]] FrameStats frame_stats() const;
  /// Warnings met at open() (e.g. a thread priority the process may not set).
  [[nodiscard]] const std::vector<std::string>& warnings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rill::sdk

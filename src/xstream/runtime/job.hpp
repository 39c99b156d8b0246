#pragma once
// Job: what a node thread is asked to do — run one node on one frame, or a control step
// (initialise an instance, apply a thread priority) that must happen on that thread.

#include <cstdint>
#include <functional>
#include <vector>

#include "rill/core/timer.hpp"
#include "runtime/frame.hpp"

namespace rill::sdk::detail {

struct NodeRuntime;

struct Job {
  NodeRuntime* node = nullptr;
  FrameRef frame;
  int instance = 0;
  /// With free_framedata the node's inputs are taken when it is dispatched (XStream's input[0]),
  /// since the frame may drop them before the job runs; otherwise empty and read at run time.
  std::vector<DataPtr> input;
  TimerId timeout_timer = 0;
  /// When set, the job is this function instead (control steps; rare).
  std::function<void()> control;
};

/// Buffers a mailbox lends to the jobs it runs (one at a time), so that calling a method does
/// not allocate its argument vectors per frame.
struct JobScratch {
  std::vector<std::vector<DataPtr>> input{1};
  std::vector<ParamPtr> param{1};
};

/// Runs node jobs; implemented by the workflow runtime.
class JobRunner {
 public:
  virtual ~JobRunner() = default;
  /// Runs a node job; returns how long the method call took, in ns.
  virtual std::uint64_t run(Job& job, JobScratch& scratch) noexcept = 0;
};

}  // namespace rill::sdk::detail

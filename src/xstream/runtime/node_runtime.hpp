#pragma once
// NodeRuntime: one workflow node at run time — its method instances, the threads serving it and
// the rule binding a frame to a (thread, instance) pair, XStream's:
//
//   src_ctx_dept  thread_safe  instances       frame goes to
//   no            no           T, one/thread   round-robin thread, that thread's instance
//   no            yes          1, shared       round-robin thread
//   yes           no           source_number   thread source mod T, the source's instance
//   yes           yes          source_number   round-robin thread, the source's instance

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "rill/core/detail/spin_lock.hpp"
#include "runtime/callback_queue.hpp"
#include "runtime/latency_stat.hpp"
#include "runtime/mailbox.hpp"
#include "runtime/plan.hpp"
#include "runtime/reorder_buffer.hpp"

namespace rill::sdk::detail {

struct NodeRuntime {
  int index = 0;
  const NodePlan* plan = nullptr;
  const config::WorkflowNode* spec = nullptr;
  MethodInfo info;  ///< of instance #0, read once (XStream requires it constant)
  std::vector<MethodPtr> instances;
  /// Size T: dedicated threads (thread_list ones shared between nodes), or one strand on the
  /// shared workers for a node without thread keys. Owned by the engine.
  std::vector<Mailbox*> threads;
  std::atomic<std::uint32_t> round_robin{0};
  /// Readers: DoProcess calls. Writer: UpdateConfig, so parameters never change mid-call.
  std::shared_mutex params_lock;

  /// Per source, when info.is_need_reorder.
  struct OrderedSource {
    std::mutex mu;
    ReorderBuffer buffer;
  };
  std::vector<std::unique_ptr<OrderedSource>> ordered;

  mutable rill::detail::SpinLock callback_lock;
  std::shared_ptr<const Callback> callback;  // guarded by callback_lock

  std::atomic<std::uint64_t> skipped{0}, failed{0};
  LatencyStat process_time;  ///< DoProcess calls

  /// Picks the thread and instance for a frame of `source`.
  void bind(std::uint32_t source, int* thread, int* instance);
  /// Number of instances the binding rule needs.
  [[nodiscard]] int instance_count(int source_number) const;
  [[nodiscard]] std::shared_ptr<const Callback> current_callback() const;
};

/// Writes the outputs a skipped node leaves in `frame`, as XStream does: nothing for a plain skip;
/// for a disabling DisableParam, what its mode says. Returns false when the mode could not apply
/// (PassThrough or UsePreDefine with the wrong number of data), which XStream only logs.
bool write_skip_outputs(const NodePlan& node, const ParamPtr& param, FrameState& frame);

}  // namespace rill::sdk::detail

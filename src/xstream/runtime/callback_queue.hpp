#pragma once
// CallbackQueue: delivers a workflow's reports to user callbacks one at a time, in the order
// they were posted, on whichever thread posted while none was delivering (a combining queue).
// XStream ran every callback on its one scheduler thread; this keeps that guarantee — callbacks
// never overlap, so user code needs no locks — without a thread hop per frame, and a thread that
// finds another delivering just queues and goes back to running nodes.

#include <deque>
#include <memory>
#include <mutex>

#include "runtime/frame.hpp"

namespace rill::sdk::detail {

using Callback = std::function<void(FrameOutputPtr)>;

/// Thread safety: post() from any thread. A callback that posts again (e.g. by submitting a
/// frame that completes inline) is queued behind itself, never re-entered.
class CallbackQueue {
 public:
  void post(std::shared_ptr<const Callback> callback, Report report);
  /// Drops what is queued (shutdown).
  void clear();

 private:
  struct Item {
    std::shared_ptr<const Callback> callback;
    Report report;
  };
  std::mutex mu_;
  std::deque<Item> items_;   // guarded by mu_
  bool delivering_ = false;  // guarded by mu_
};

}  // namespace rill::sdk::detail

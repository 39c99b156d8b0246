#pragma once
// ReorderBuffer: releases one source's frames to a node in sequence-id order (XStream's
// `is_need_reorder`). A frame arriving early waits; when the awaited one arrives, it and every
// consecutive waiting one are released.
//
// XStream caps the wait at 128 frames (a 129th releases all and skips ahead), because its frames
// can go missing: rejected submissions consume sequence ids and dropped internal tasks lose
// frames, so an awaited id may never come. In rill every accepted frame has the next id of its
// source and reaches every node, so the awaited frame always arrives and the wait is bounded by
// the frames in flight (max_running_count): the buffer has no cap, and order is a guarantee
// rather than a best effort that fails under load.

#include <cstdint>
#include <map>
#include <vector>

#include "runtime/frame.hpp"

namespace rill::sdk::detail {

/// Thread safety: none; the owner serialises calls (NodeRuntime holds a lock per source).
class ReorderBuffer {
 public:
  /// Adds `frame` and appends every frame now releasable, in order, to `released`.
  void push(FrameRef frame, std::vector<FrameRef>& released);
  [[nodiscard]] std::size_t waiting() const { return waiting_.size(); }
  [[nodiscard]] std::int64_t expected() const { return expected_; }
  void clear() { waiting_.clear(); }

 private:
  std::int64_t expected_ = 0;
  std::map<std::int64_t, FrameRef> waiting_;
};

}  // namespace rill::sdk::detail

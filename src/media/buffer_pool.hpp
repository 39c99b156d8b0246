#pragma once
// BufferPool: reuses pixel buffers of the sizes a stream keeps asking for. A fresh allocation of
// a frame-sized block page-faults on first touch (about a quarter of a 720p decode); a recycled
// one does not.

#include <cstddef>
#include <memory>

#include "rill/core/frame.hpp"

namespace rill::media {

/// Thread safety: acquire() from any thread; buffers may be released on any thread, also after
/// the pool's last user is gone (each buffer keeps the pool alive).
class BufferPool {
 public:
  /// The process's pool. Idle buffers beyond `max_idle_bytes` are freed, not kept.
  static BufferPool& shared();

  explicit BufferPool(std::size_t max_idle_bytes);
  ~BufferPool();
  BufferPool(const BufferPool&) = delete;
  BufferPool& operator=(const BufferPool&) = delete;

  /// A buffer of exactly `size` bytes (contents undefined), returned to the pool when its last
  /// reference goes.
  Buffer acquire(std::size_t size);
  /// Bytes held idle right now.
  [[nodiscard]] std::size_t idle_bytes() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

/// A BGR24 frame of the given size whose pixels come from the shared pool.
std::shared_ptr<Frame> pooled_bgr_frame(int width, int height);

}  // namespace rill::media

#include "buffer_pool.hpp"

#include <cstdlib>
#include <map>
#include <mutex>
#include <new>
#include <vector>

namespace rill::media {

struct BufferPool::State {
  explicit State(std::size_t max_idle) : max_idle_bytes(max_idle) {}
  ~State() {
    for (auto& [size, blocks] : idle) {
      for (void* p : blocks) std::free(p);
    }
  }
  void give_back(void* p, std::size_t size) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (idle_bytes + size <= max_idle_bytes) {
        idle[size].push_back(p);
        idle_bytes += size;
        return;
      }
    }
    std::free(p);
  }

  const std::size_t max_idle_bytes;
  mutable std::mutex mu;
  std::map<std::size_t, std::vector<void*>> idle;  // guarded by mu
  std::size_t idle_bytes = 0;                      // guarded by mu
};

BufferPool& BufferPool::shared() {
  // Enough for a few hundred 720p BGR frames in flight across every stream.
  static BufferPool* pool = new BufferPool(std::size_t{512} << 20);  // never destroyed: buffers
  return *pool;  // may be released by threads that outlive static destruction
}

BufferPool::BufferPool(std::size_t max_idle_bytes)
    : state_(std::make_shared<State>(max_idle_bytes)) {}

BufferPool::~BufferPool() = default;

Buffer BufferPool::acquire(std::size_t size) {
  void* p = nullptr;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    auto it = state_->idle.find(size);
    if (it != state_->idle.end() && !it->second.empty()) {
      p = it->second.back();
      it->second.pop_back();
      state_->idle_bytes -= size;
    }
  }
  if (p == nullptr) {
    // 64-byte alignment suits SIMD converters and numpy alike (as Buffer::allocate).
    p = std::aligned_alloc(64, (size + 63) / 64 * 64 + (size == 0 ? 64 : 0));
    if (p == nullptr) throw std::bad_alloc();
  }
  Buffer b;
  b.data = static_cast<std::uint8_t*>(p);
  b.size = size;
  b.owner =
      std::shared_ptr<void>(p, [state = state_, size](void* q) { state->give_back(q, size); });
  return b;
}

std::size_t BufferPool::idle_bytes() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->idle_bytes;
}

std::shared_ptr<Frame> pooled_bgr_frame(int width, int height) {
  Buffer b = BufferPool::shared().acquire(packed_size(PixelFormat::kBGR24, width, height));
  return std::make_shared<Frame>(std::move(b), PixelFormat::kBGR24, width, height,
                                 min_stride(PixelFormat::kBGR24, width));
}

}  // namespace rill::media

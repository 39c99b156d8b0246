#include "pooled_mat.hpp"

#include <memory>

#include "buffer_pool.hpp"

namespace rill::media {
namespace {

class PooledMatAllocator final : public cv::MatAllocator {
 public:
  cv::UMatData* allocate(int dims, const int* sizes, int type, void* data, size_t* step,
                         cv::AccessFlag /*flags*/, cv::UMatUsageFlags /*usage*/) const override {
    // Dense row-major steps, as OpenCV's own allocator lays a fresh Mat out.
    size_t total = CV_ELEM_SIZE(type);
    for (int i = dims - 1; i >= 0; --i) {
      if (step != nullptr) {
        if (data != nullptr && step[i] != cv::Mat::AUTO_STEP) {
          total = step[i];  // caller-provided layout: keep it
        } else {
          step[i] = total;
        }
      }
      total *= static_cast<size_t>(sizes[i]);
    }
    auto* u = new cv::UMatData(this);
    u->size = total;
    if (data != nullptr) {  // wraps user memory: nothing to allocate or free
      u->data = u->origdata = static_cast<uchar*>(data);
      u->flags |= cv::UMatData::USER_ALLOCATED;
      return u;
    }
    Buffer b = BufferPool::shared().acquire(total);
    u->data = u->origdata = b.data;
    u->userdata = new std::shared_ptr<void>(std::move(b.owner));  // the pool's claim
    return u;
  }

  bool allocate(cv::UMatData* u, cv::AccessFlag /*flags*/,
                cv::UMatUsageFlags /*usage*/) const override {
    return u != nullptr;  // host memory only: already allocated
  }

  void deallocate(cv::UMatData* u) const override {
    if (u == nullptr) return;
    delete static_cast<std::shared_ptr<void>*>(u->userdata);  // back to the pool
    u->userdata = nullptr;
    delete u;
  }
};

}  // namespace

cv::MatAllocator* pooled_mat_allocator() {
  static auto* allocator = new PooledMatAllocator();  // NOLINT: intentionally leaked
  return allocator;
}

}  // namespace rill::media

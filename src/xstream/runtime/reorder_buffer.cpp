#include "runtime/reorder_buffer.hpp"

namespace rill::sdk::detail {

void ReorderBuffer::push(FrameRef frame, std::vector<FrameRef>& released) {
  const std::int64_t id = frame->sequence_id;
  if (id != expected_) {
    waiting_.emplace(id, std::move(frame));
    return;
  }
  released.push_back(std::move(frame));
  ++expected_;
  for (auto it = waiting_.begin(); it != waiting_.end() && it->first == expected_;
       it = waiting_.erase(it)) {
    released.push_back(std::move(it->second));
    ++expected_;
  }
}

}  // namespace rill::sdk::detail

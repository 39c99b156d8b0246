#include "runtime/callback_queue.hpp"

#include <spdlog/spdlog.h>

namespace rill::sdk::detail {

void CallbackQueue::post(std::shared_ptr<const Callback> callback, Report report) {
  std::unique_lock lock(mu_);
  items_.push_back(Item{std::move(callback), std::move(report)});
  if (delivering_) return;
  delivering_ = true;
  while (!items_.empty()) {
    Item item = std::move(items_.front());
    items_.pop_front();
    lock.unlock();
    item.report.rename();
    try {
      (*item.callback)(std::move(item.report.output));
    } catch (const std::exception& e) {
      spdlog::error("xstream callback threw: {}", e.what());
    } catch (...) {
      spdlog::error("xstream callback threw a non-std exception");
    }
    lock.lock();
  }
  delivering_ = false;
}

void CallbackQueue::clear() {
  std::deque<Item> dropped;
  std::lock_guard g(mu_);
  dropped.swap(items_);
}

}  // namespace rill::sdk::detail

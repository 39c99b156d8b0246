#include "runtime/node_runtime.hpp"

namespace rill::sdk::detail {

void NodeRuntime::bind(std::uint32_t source, int* thread, int* instance) {
  const auto t = static_cast<std::uint32_t>(threads.size());
  if (info.is_src_ctx_dept) {
    *instance = static_cast<int>(source);
    *thread = static_cast<int>(info.is_thread_safe_
                                   ? round_robin.fetch_add(1, std::memory_order_relaxed) % t
                                   : source % t);
    return;
  }
  *thread = static_cast<int>(round_robin.fetch_add(1, std::memory_order_relaxed) % t);
  *instance = info.is_thread_safe_ ? 0 : *thread;
}

int NodeRuntime::instance_count(int source_number) const {
  if (info.is_src_ctx_dept) return source_number;
  return info.is_thread_safe_ ? 1 : static_cast<int>(threads.size());
}

std::shared_ptr<const Callback> NodeRuntime::current_callback() const {
  std::lock_guard g(callback_lock);
  return callback;
}

namespace {

DataPtr invalid_placeholder() {
  auto d = std::make_shared<Data>();
  d->state_ = DataState::INVALID;
  return d;
}

}  // namespace

bool write_skip_outputs(const NodePlan& node, const ParamPtr& param, FrameState& frame) {
  auto* disable = dynamic_cast<DisableParam*>(param.get());
  if (disable == nullptr || disable->is_enable_this_method_) return true;  // plain skip
  const std::size_t n_in = node.inputs.size();
  const std::size_t n_out = node.outputs.size();
  auto out = [&](std::size_t k) -> DataPtr& { return frame.slot(node.outputs[k]); };
  auto in = [&](std::size_t k) -> const DataPtr& { return frame.slot(node.inputs[k]); };
  switch (disable->mode_) {
    case DisableParam::Mode::Invalid:
      for (std::size_t k = 0; k < n_out; ++k) out(k) = invalid_placeholder();
      return true;
    case DisableParam::Mode::PassThrough:
      if (n_in != n_out) return false;
      for (std::size_t k = 0; k < n_out; ++k) out(k) = in(k);
      return true;
    case DisableParam::Mode::UsePreDefine:
      if (disable->pre_datas_.size() != n_out) return false;
      for (std::size_t k = 0; k < n_out; ++k) out(k) = disable->pre_datas_[k];
      return true;
    case DisableParam::Mode::BestEffortPassThrough:
      for (std::size_t k = 0; k < n_out; ++k) out(k) = k < n_in ? in(k) : invalid_placeholder();
      return true;
  }
  return true;
}

}  // namespace rill::sdk::detail

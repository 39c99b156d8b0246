#include "runtime/frame.hpp"

#include <algorithm>
#include <thread>

#include "rill/core/detail/spin_lock.hpp"

namespace rill::sdk::detail {

FrameState::FrameState(const Plan& p, bool is_sync)
    : plan(&p),
      outputs_missing(p.output_slot_count),
      sync(is_sync),
      cells_(
          std::make_unique<Cell[]>(std::max({p.slots.size(), p.nodes.size(), p.groups.size()}))) {
  for (std::size_t n = 0; n < p.nodes.size(); ++n) {
    cells_[n].node_missing.store(static_cast<int>(p.nodes[n].inputs.size()),
                                 std::memory_order_relaxed);
  }
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    cells_[g].group_missing.store(p.groups[g].distinct_slots, std::memory_order_relaxed);
  }
}

const ParamPtr& FrameState::param_for(int node) const {
  static const ParamPtr kNone;
  return params.empty() ? kNone : params[static_cast<std::size_t>(node)];
}

void FrameState::wait_done() {
  for (int i = 0; i < 4000; ++i) {
    if (done.load(std::memory_order_acquire) != 0) return;
    RILL_CPU_RELAX();
  }
  while (done.load(std::memory_order_acquire) == 0) done.wait(0, std::memory_order_acquire);
}

void Report::rename() const {
  for (std::size_t i = 0; i < output->datas_.size(); ++i) {
    if (output->datas_[i]->name_ != slot_names[i]) output->datas_[i]->name_ = slot_names[i];
  }
}

namespace {

// Appends the slots' data to `r`, with XStream's error arithmetic.
void collect(const FrameState& frame, const std::vector<int>& slots, Report& r) {
  FrameOutput& out = *r.output;
  out.datas_.reserve(slots.size());
  for (int s : slots) {
    const std::string& name = frame.plan->slots[static_cast<std::size_t>(s)].name;
    const DataPtr& d = frame.slot(s);
    if (!d) {
      out.error_code_ += kSlotNotReady;
      out.error_detail_ += name + " is not ready;";
      continue;
    }
    out.error_code_ += d->error_code_;
    out.error_detail_ += d->error_detail_;
    out.datas_.push_back(d);
    r.slot_names.push_back(&name);
  }
}

}  // namespace

Report report_group(const FrameState& frame, int group) {
  const GroupPlan& g = frame.plan->groups[static_cast<std::size_t>(group)];
  Report r{std::make_shared<FrameOutput>(), {}};
  r.output->output_type_ = g.name;
  r.output->context_ = frame.context;
  r.output->sequence_id_ = frame.sequence_id;
  r.output->source_id_ = frame.source_id;
  collect(frame, g.slots, r);
  if (!r.output->datas_.empty()) r.output->global_sequence_id_ = frame.global_sequence_id;
  return r;
}

Report report_node(const FrameState& frame, int node) {
  const NodePlan& n = frame.plan->nodes[static_cast<std::size_t>(node)];
  Report r{std::make_shared<FrameOutput>(), {}};
  r.output->unique_name_ = n.spec->unique_name;
  r.output->context_ = frame.context;
  r.output->sequence_id_ = frame.sequence_id;
  r.output->source_id_ = frame.source_id;
  collect(frame, n.outputs, r);
  return r;
}

}  // namespace rill::sdk::detail

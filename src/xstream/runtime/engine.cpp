#include "runtime/engine.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

#include <spdlog/spdlog.h>

#include "hobotxstream/profiler.h"
#include "rill/core/timer.hpp"

namespace rill::sdk::detail {

namespace {

using Clock = std::chrono::steady_clock;

// One frame rarely completes more than a few groups at once; avoid a heap vector for them.
struct SmallIndexList {
  int items[8];
  int size = 0;
  std::vector<int> more;
  void push(int v) {
    if (size < 8) {
      items[size++] = v;
    } else {
      more.push_back(v);
    }
  }
};

}  // namespace

std::int64_t Engine::admit(const FrameInput& input, bool sync, FrameRef* out) {
  if (input.datas_.empty()) {
    spdlog::warn("xstream: frame rejected: it carries no data (input error)");
    return kInvalidInput;
  }
  if (input.source_id_ >= static_cast<std::uint32_t>(spec_.source_number)) {
    spdlog::warn("xstream: frame rejected: source_id {} is out of range (source_number {})",
                 input.source_id_, spec_.source_number);
    return kInvalidInput;
  }
  // A producer retrying against a full window should not pay for building the frame each time;
  // the fetch_add below is the check that counts.
  if (in_flight_.load(std::memory_order_relaxed) >= spec_.max_running_count) {
    return kTooManyInFlight;
  }
  auto frame = std::make_shared<FrameState>(plan_, sync);
  for (const DataPtr& d : input.datas_) {
    const int slot = d ? plan_.find_input_slot(d->name_) : -1;
    if (slot < 0) {
      spdlog::warn("xstream: frame rejected: {} is not an input of the workflow",
                   d ? "'" + d->name_ + "'" : std::string("a null datum"));
      return kInvalidInput;
    }
    frame->slot(slot) = d;
  }
  if (!input.params_.empty()) {
    frame->params.resize(nodes_.size());
    for (const ParamPtr& p : input.params_) {
      const int n = p ? plan_.find_node(p->unique_name_) : -1;
      if (n >= 0) frame->params[static_cast<std::size_t>(n)] = p;  // later ones win
    }
  }
  if (in_flight_.fetch_add(1, std::memory_order_acq_rel) >= spec_.max_running_count) {
    in_flight_.fetch_sub(1, std::memory_order_acq_rel);
    return kTooManyInFlight;
  }
  if (free_frame_data_.load(std::memory_order_relaxed)) {
    frame->frees_data = true;
    for (std::size_t s = 0; s < plan_.slots.size(); ++s) {
      frame->readers_left(static_cast<int>(s))
          .store(static_cast<int>(plan_.slots[s].consumers.size()), std::memory_order_relaxed);
    }
  }
  frame->source_id = input.source_id_;
  frame->sequence_id = next_sequence_[input.source_id_].fetch_add(1, std::memory_order_relaxed);
  frame->global_sequence_id = next_global_.fetch_add(1, std::memory_order_relaxed);
  frame->context = input.context_;
  frame->submitted = Clock::now();
  if (const int seconds = time_monitor_s_.load(std::memory_order_relaxed); seconds > 0) {
    std::weak_ptr<FrameState> weak = frame;
    frame->monitor_timer = TimerService::instance().schedule_at(
        frame->submitted + std::chrono::seconds(seconds), [weak, seconds] {
          if (auto f = weak.lock(); f && f->done.load() == 0) {
            spdlog::warn("source_id: {}, sequence_id: {}, not finished in {} seconds!!",
                         f->source_id, f->sequence_id, seconds);
          }
        });
  }
  if (profiler_->IsRunning()) profiler_->CreateFpsScope("workflow input");
  *out = frame;
  slots_ready(frame, plan_.input_slots);
  return frame->sequence_id;
}

void Engine::slots_ready(const FrameRef& frame, const std::vector<int>& slots) {
  FrameState& f = *frame;
  SmallIndexList groups;
  int outputs = 0;
  for (int s : slots) {
    const SlotPlan& slot = plan_.slots[static_cast<std::size_t>(s)];
    for (int g : slot.groups) {
      if (f.group_missing(g).fetch_sub(1, std::memory_order_acq_rel) == 1) groups.push(g);
    }
    if (slot.flow_output) ++outputs;
  }
  // Groups first, by name, as XStream emits them; then completion; then the nodes now runnable.
  if (!f.sync && groups.size > 0) {
    std::sort(groups.items, groups.items + groups.size);
    std::sort(groups.more.begin(), groups.more.end());
    std::shared_ptr<const Callback> cb;
    {
      std::lock_guard g(callback_lock_);
      cb = output_callback_;
    }
    if (cb) {
      for (int i = 0; i < groups.size; ++i) callbacks_.post(cb, report_group(f, groups.items[i]));
      for (int g : groups.more) callbacks_.post(cb, report_group(f, g));
    }
  }
  if (outputs > 0 && f.outputs_missing.fetch_sub(outputs, std::memory_order_acq_rel) == outputs) {
    frame_done(frame);
  }
  for (int s : slots) {
    for (int n : plan_.slots[static_cast<std::size_t>(s)].consumers) {
      if (f.node_missing(n).fetch_sub(1, std::memory_order_acq_rel) == 1) {
        inputs_ready(*nodes_[static_cast<std::size_t>(n)], frame);
      }
    }
  }
}

void Engine::inputs_ready(NodeRuntime& node, const FrameRef& frame) {
  if (!node.info.is_need_reorder) {
    if (!start(node, frame)) complete(node, frame);
    return;
  }
  // Released frames are started under the source's lock so that they reach the node's threads
  // in order; skipped ones complete after it, since completing runs downstream work.
  std::vector<FrameRef> released;
  std::vector<FrameRef> skipped;
  {
    NodeRuntime::OrderedSource& src = *node.ordered[frame->source_id];
    std::lock_guard g(src.mu);
    src.buffer.push(frame, released);
    for (FrameRef& r : released) {
      if (!start(node, r)) skipped.push_back(std::move(r));
    }
  }
  for (const FrameRef& s : skipped) complete(node, s);
}

bool Engine::start(NodeRuntime& node, const FrameRef& frame) {
  FrameState& f = *frame;
  const ParamPtr& param = f.param_for(node.index);
  bool skip = param && !param->is_enable_this_method_;
  for (int s : node.plan->inputs) {
    const DataPtr& d = f.slot(s);
    if (!d || d->error_code_ != 0) skip = true;
  }
  if (skip) {
    node.skipped.fetch_add(1, std::memory_order_relaxed);
    if (!write_skip_outputs(*node.plan, param, f)) {
      spdlog::error(
          "xstream: node '{}' is disabled with a mode that needs as many {} as it has "
          "outputs ({}); its outputs stay empty",
          node.spec->unique_name,
          static_cast<DisableParam*>(param.get())->mode_ == DisableParam::Mode::PassThrough
              ? "inputs"
              : "pre_datas_",
          node.plan->outputs.size());
    }
    release_read_slots(node, f);
    return false;
  }
  Job job;
  job.node = &node;
  job.frame = frame;
  if (f.frees_data) {  // free_framedata may drop the slots before the job runs
    job.input.reserve(node.plan->inputs.size());
    for (int s : node.plan->inputs) job.input.push_back(f.slot(s));
  }
  int thread = 0;
  node.bind(f.source_id, &thread, &job.instance);
  if (node.spec->timeout_ms >= 10) {
    job.timeout_timer = TimerService::instance().schedule_at(
        Clock::now() + std::chrono::milliseconds(node.spec->timeout_ms),
        [name = node.spec->unique_name] {
          spdlog::warn("{}: Process Time Out!!  Process Time Out!!!", name);
        });
  }
  release_read_slots(node, f);
  node.threads[static_cast<std::size_t>(thread)]->post(std::move(job));
  return true;
}

std::uint64_t Engine::run(Job& job, JobScratch& scratch) noexcept {
  NodeRuntime& node = *job.node;
  FrameState& f = *job.frame;
  std::vector<DataPtr>& input = scratch.input[0];
  if (job.input.empty()) {
    input.clear();
    for (int s : node.plan->inputs) input.push_back(f.slot(s));
  } else {
    input.swap(job.input);
  }
  scratch.param[0] = f.param_for(node.index);
  const auto t0 = Clock::now();
  std::vector<std::vector<DataPtr>> result;
  std::string failure;
  std::unique_ptr<::ProfilerScope> timed;
  if (profiler_->IsRunning()) {
    timed = profiler_->CreateTimeScope(node.spec->unique_name, static_cast<int>(f.sequence_id));
  }
  try {
    std::shared_lock lock(node.params_lock);
    result = node.instances[static_cast<std::size_t>(job.instance)]->DoProcess(scratch.input,
                                                                               scratch.param);
  } catch (const std::exception& e) {
    failure = std::string("DoProcess threw: ") + e.what();
  } catch (...) {
    failure = "DoProcess threw a non-std exception";
  }
  const auto t1 = Clock::now();
  if (job.timeout_timer != 0) TimerService::instance().cancel(job.timeout_timer);
  const auto call_ns = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
  node.process_time.record(call_ns);
  const auto& outs = node.plan->outputs;
  if (failure.empty() && (result.empty() || result[0].size() < outs.size())) {
    failure =
        "DoProcess returned " +
        (result.empty() ? std::string("no frame") : std::to_string(result[0].size()) + " outputs") +
        ", the node declares " + std::to_string(outs.size());
  }
  if (failure.empty()) {
    for (std::size_t k = 0; k < outs.size(); ++k) {
      f.slot(outs[k]) = std::move(result[0][k]);
    }
  } else {
    node.failed.fetch_add(1, std::memory_order_relaxed);
    spdlog::error("xstream: node '{}' ({}), frame {} of source {}: {}; its outputs stay empty",
                  node.spec->unique_name, node.spec->method_type, f.sequence_id, f.source_id,
                  failure);
  }
  input.clear();  // drop the references now, not when the next job reuses the buffer
  scratch.param[0].reset();
  if (timed) {
    timed.reset();
    profiler_->CreateFpsScope(node.spec->unique_name);
  }
  complete(node, job.frame);
  return call_ns;
}

void Engine::complete(NodeRuntime& node, const FrameRef& frame) {
  FrameState& f = *frame;
  if (profiler_->IsRunning()) profiler_->CreateFpsScope(node.spec->unique_name + "method output");
  if (!f.sync) {
    if (auto cb = node.current_callback())
      callbacks_.post(std::move(cb), report_node(f, node.index));
  }
  if (f.frees_data) {
    for (int s : node.plan->outputs) {
      const SlotPlan& slot = plan_.slots[static_cast<std::size_t>(s)];
      if (slot.consumers.empty() && !slot.flow_output) f.slot(s).reset();
    }
  }
  slots_ready(frame, node.plan->outputs);
}

void Engine::release_read_slots(const NodeRuntime& node, FrameState& f) {
  // free_framedata: the last reader of an intermediate slot drops its data once dispatched.
  if (!f.frees_data) return;
  for (int s : node.plan->inputs) {
    if (f.readers_left(s).fetch_sub(1, std::memory_order_acq_rel) == 1 &&
        !plan_.slots[static_cast<std::size_t>(s)].flow_output) {
      f.slot(s).reset();
    }
  }
}

void Engine::frame_done(const FrameRef& frame) {
  FrameState& f = *frame;
  if (f.monitor_timer != 0) TimerService::instance().cancel(f.monitor_timer);
  if (f.sync) {
    f.sync_outputs.reserve(plan_.groups.size());
    for (std::size_t g = 0; g < plan_.groups.size(); ++g) {
      f.sync_outputs.push_back(report_group(f, static_cast<int>(g)));
    }
  }
  frame_latency_.record(static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - f.submitted).count()));
  in_flight_.fetch_sub(1, std::memory_order_acq_rel);
  f.done.store(1, std::memory_order_release);
  if (f.sync) f.done.notify_all();
}

}  // namespace rill::sdk::detail

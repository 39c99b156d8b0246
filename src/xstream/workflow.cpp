#include "rill/sdk/workflow.hpp"

#include <spdlog/spdlog.h>

#include "hobotxstream/profiler.h"
#include "runtime/engine.hpp"

namespace rill::sdk {

struct Workflow::Impl {
  std::shared_ptr<::Profiler> profiler = std::make_shared<::Profiler>();
  std::unique_ptr<detail::Engine> engine;
  std::vector<std::string> no_warnings;
  // Settings made before open(), applied by it (XStream allows SetCallback before Init).
  std::shared_ptr<const detail::Callback> output_callback;
  bool free_frame_data = false;
  int time_monitor_s = 0;
};

Workflow::Workflow() : impl_(std::make_unique<Impl>()) {}
Workflow::~Workflow() { write_profile_summary(); }

void Workflow::write_profile_summary() {
  if (impl_->engine && impl_->profiler->IsRunning()) impl_->engine->log_profile_summary();
}

int Workflow::open(const config::WorkflowSpec& spec, const WorkflowOptions& options,
                   Diagnostics& diags) {
  if (impl_->engine) return -2;
  auto engine = std::make_unique<detail::Engine>(spec, impl_->profiler);
  const int rc = engine->open(options, diags);
  if (rc != 0) return rc;  // the engine's destructor finalises what was initialised
  engine->set_output_callback(impl_->output_callback);
  engine->set_free_frame_data(impl_->free_frame_data);
  engine->set_time_monitor(impl_->time_monitor_s);
  impl_->engine = std::move(engine);
  return 0;
}

bool Workflow::is_open() const { return impl_->engine != nullptr; }

std::int64_t Workflow::submit(const FrameInput& input) {
  if (!impl_->engine) return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  if (!impl_->engine->has_output_callback()) {
    spdlog::warn("xstream: AsyncPredict without an output callback (SetCallback) is refused");
    return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  }
  detail::FrameRef frame;
  return impl_->engine->admit(input, /*sync=*/false, &frame);
}

std::vector<FrameOutputPtr> Workflow::predict(const FrameInput& input) {
  detail::FrameRef frame;
  const std::int64_t rc =
      impl_->engine ? impl_->engine->admit(input, /*sync=*/true, &frame) : kInvalidInput;
  if (rc < 0) {
    auto out = std::make_shared<FrameOutput>();
    out->error_code_ = static_cast<int>(rc);
    out->error_detail_ = rc == kTooManyInFlight ? "exceed max running count" : "input error";
    return {out};
  }
  frame->wait_done();
  std::vector<FrameOutputPtr> outputs;
  outputs.reserve(frame->sync_outputs.size());
  for (detail::Report& r : frame->sync_outputs) {
    r.rename();
    outputs.push_back(std::move(r.output));
  }
  return outputs;
}

void Workflow::set_output_callback(OutputCallback callback) {
  auto cb = callback ? std::make_shared<const detail::Callback>(std::move(callback)) : nullptr;
  if (impl_->engine) {
    impl_->engine->set_output_callback(std::move(cb));
  } else {
    impl_->output_callback = std::move(cb);
  }
}

int Workflow::set_node_callback(const std::string& node, OutputCallback callback) {
  if (!impl_->engine) return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  return impl_->engine->set_node_callback(
      node, callback ? std::make_shared<const detail::Callback>(std::move(callback)) : nullptr);
}

std::int64_t Workflow::frames_in_flight() const {
  return impl_->engine ? impl_->engine->in_flight() : 0;
}

int Workflow::update_params(const std::string& node, const ParamPtr& param) {
  return impl_->engine ? impl_->engine->update_params(node, param) : -1;
}

ParamPtr Workflow::params(const std::string& node) const {
  detail::NodeRuntime* n = impl_->engine ? impl_->engine->find_node(node) : nullptr;
  return n ? n->instances.front()->GetParameter() : nullptr;
}

std::string Workflow::method_version(const std::string& node) const {
  detail::NodeRuntime* n = impl_->engine ? impl_->engine->find_node(node) : nullptr;
  return n ? n->instances.front()->GetVersion() : std::string();
}

void Workflow::set_free_frame_data(bool on) {
  impl_->free_frame_data = on;
  if (impl_->engine) impl_->engine->set_free_frame_data(on);
}

void Workflow::set_time_monitor(int seconds) {
  impl_->time_monitor_s = seconds;
  if (impl_->engine) impl_->engine->set_time_monitor(seconds);
}

const std::shared_ptr<::Profiler>& Workflow::profiler() const { return impl_->profiler; }

FrameStats Workflow::frame_stats() const {
  return impl_->engine ? impl_->engine->frame_stats() : FrameStats{};
}

std::vector<NodeStats> Workflow::node_stats() const {
  return impl_->engine ? impl_->engine->stats() : std::vector<NodeStats>{};
}

const std::vector<std::string>& Workflow::warnings() const {
  return impl_->engine ? impl_->engine->warnings() : impl_->no_warnings;
}

}  // namespace rill::sdk

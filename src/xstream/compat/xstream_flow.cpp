// xstream::XStreamFlow (the XStreamSDK behind CreateSDK) on rill::sdk::Workflow: XStream's
// SetConfig keys, return codes and argument checks; the work itself is the Workflow's.
#include <charconv>
#include <mutex>

#include <spdlog/spdlog.h>

#include "hobotxstream/profiler.h"
#include "hobotxstream/xstream.h"
#include "rill/config/workflow.hpp"
#include "rill/sdk/workflow.hpp"

namespace xstream {

namespace {

bool parse_int(const std::string& text, int* out) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, *out);
  return ec == std::errc() && p == end;
}

OutputDataPtr error_output(int code, const char* detail) {
  auto out = std::make_shared<OutputData>();
  out->error_code_ = code;
  out->error_detail_ = detail;
  return out;
}

void print(const rill::Diagnostics& diags) {
  for (const rill::Diagnostic& d : diags.items()) {
    if (d.severity == rill::Severity::kError) {
      spdlog::error("{}", d.format());
    } else {
      spdlog::warn("{}", d.format());
    }
  }
}

}  // namespace

class XStreamFlow::Impl {
 public:
  mutable std::mutex mu;  // SetConfig/Init/SetCallback, as XStream's instance mutex
  std::string config_file;
  std::string config_string;
  rill::sdk::Workflow workflow;
  bool initialised = false;
  bool warned_multi_group = false;

  int init(const rill::sdk::MethodFactory& factory) {
    std::lock_guard g(mu);
    if (initialised) return -2;
    rill::Diagnostics diags;
    rill::config::WorkflowLoad load =
        config_string.empty()
            ? rill::config::load_workflow_file(config_file, diags)
            : rill::config::load_workflow_string(config_string, "<config_string>", "", diags);
    print(diags);
    if (load.status != rill::config::WorkflowStatus::kOk) return static_cast<int>(load.status);
    rill::Diagnostics open_diags;
    const int rc =
        workflow.open(*load.spec, rill::sdk::WorkflowOptions{.factory = factory}, open_diags);
    print(open_diags);
    if (rc != 0) return -1;
    initialised = true;
    return 0;
  }
};

XStreamSDK* XStreamSDK::CreateSDK() { return new XStreamFlow(); }

XStreamFlow::XStreamFlow() : impl_(new Impl()) {}
XStreamFlow::~XStreamFlow() = default;

int XStreamFlow::SetConfig(const std::string& key, const std::string& value) {
  std::lock_guard g(impl_->mu);
  rill::sdk::Workflow& wf = impl_->workflow;
  int n = 0;
  if (key == "config_file") {
    impl_->config_file = value;
    impl_->config_string.clear();
  } else if (key == "config_string") {  // rill extension: the JSON itself
    impl_->config_string = value;
  } else if (key == "profiler") {
    const bool on = value == "on";
    if (!on) wf.write_profile_summary();
    for (const ProfilerPtr& p : {wf.profiler(), Profiler::Get()}) {
      if (on) {
        p->Start();
      } else {
        p->Stop();
      }
    }
  } else if (key == "profiler_file") {
    if (!wf.profiler()->SetOutputFile(value)) return -1;
  } else if (key == "profiler_name") {
    wf.profiler()->name_ = value;
  } else if (key == "profiler_time_interval") {
    if (!parse_int(value, &n) || n < 1) return -1;
    wf.profiler()->SetIntervalForTimeStat(n);
  } else if (key == "profiler_frame_interval" || key == "profiler_fps_interval") {
    // Keys of XStream <= 2.9 / XRoc, still set by XStream's own tutorials: accepted; the FPS
    // window is fixed at 1 s as in XStream 2.10.
    if (!parse_int(value, &n) || n < 1) return -1;
  } else if (key == "free_framedata") {
    wf.set_free_frame_data(value == "on");
  } else if (key == "time_monitor") {
    if (!parse_int(value, &n) || n < 1 || n > 14) return -1;
    wf.set_time_monitor(n);
  } else {
    spdlog::warn("xstream: SetConfig: unknown key '{}'", key);
    return -1;
  }
  return 0;
}

int XStreamFlow::Init() { return impl_->init(rill::sdk::default_method_factory()); }

int XStreamFlow::Init(MethodFactoryPtr method_factory) {
  if (!method_factory) return -1;
  return impl_->init(
      [method_factory](const std::string& type) { return method_factory->CreateMethod(type); });
}

int XStreamFlow::UpdateConfig(const std::string& unique_name, InputParamPtr ptr) {
  if (!impl_->workflow.is_open()) return -1;
  return impl_->workflow.update_params(unique_name, ptr);
}

InputParamPtr XStreamFlow::GetConfig(const std::string& unique_name) const {
  return impl_->workflow.params(unique_name);
}

std::string XStreamFlow::GetVersion(const std::string& unique_name) const {
  return impl_->workflow.method_version(unique_name);
}

OutputDataPtr XStreamFlow::SyncPredict(InputDataPtr input) {
  if (!input || input->datas_.empty())
    return error_output(HOBOTXSTREAM_ERROR_INPUT_INVALID, "input error");
  std::vector<OutputDataPtr> outs = impl_->workflow.predict(*input);
  if (outs.size() > 1 && !impl_->warned_multi_group) {
    // XStream aborts here; rill answers with the first group (by output_type) and says so once.
    impl_->warned_multi_group = true;
    spdlog::warn(
        "xstream: SyncPredict on a workflow with {} output groups returns only '{}'; "
        "use SyncPredict2 for all of them",
        outs.size(), outs.front()->output_type_);
  }
  return outs.front();
}

std::vector<OutputDataPtr> XStreamFlow::SyncPredict2(InputDataPtr input) {
  if (!input || input->datas_.empty()) {
    return {error_output(HOBOTXSTREAM_ERROR_INPUT_INVALID, "input error")};
  }
  return impl_->workflow.predict(*input);
}

int XStreamFlow::SetCallback(XStreamCallback callback, const std::string& name) {
  std::lock_guard g(impl_->mu);
  if (name.empty()) {
    impl_->workflow.set_output_callback(std::move(callback));
    return 0;
  }
  if (!impl_->initialised) return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  return impl_->workflow.set_node_callback(name, std::move(callback));
}

int64_t XStreamFlow::AsyncPredict(InputDataPtr input) {
  if (!input) return HOBOTXSTREAM_ERROR_INPUT_INVALID;
  return impl_->workflow.submit(*input);
}

int64_t XStreamFlow::GetTaskNum() { return impl_->workflow.frames_in_flight(); }

}  // namespace xstream

// An XStream 2.x application written against the compatibility headers alone (C++14): runs
// box_flow.json (BoxFilter -> BoxArea) through every XStreamSDK call and checks the results.
// Usage: rill_xstream_compat_program <path to box_flow.json>. Exit status 0 when all checks pass.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "area_array.h"
#include "area_array_transfer.h"
#include "box_types.h"
#include "c_area_array.h"
#include "hobotlog/hobotlog.hpp"
#include "hobotxsdk/version.h"
#include "hobotxsdk/xstream_data.h"
#include "hobotxsdk/xstream_error.h"
#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/profiler.h"
#include "json/json.h"

namespace {

int g_failures = 0;

#define CHECK_THAT(cond)                                                         \
  do {                                                                           \
    if (!(cond)) {                                                               \
      std::cerr << __FILE__ << ":" << __LINE__ << ": check failed: " #cond "\n"; \
      ++g_failures;                                                              \
    }                                                                            \
  } while (0)

xstream::InputDataPtr MakeFrame() {
  std::shared_ptr<xstream::BoxList> boxes = std::make_shared<xstream::BoxList>();
  boxes->name_ = "face_box";
  boxes->value.push_back(hobot::vision::BBox(0, 0, 10, 10));  // area 100
  boxes->value.push_back(hobot::vision::BBox(0, 0, 20, 20));  // area 400
  boxes->value.push_back(hobot::vision::BBox(5, 5, 55, 55));  // area 2500
  xstream::InputDataPtr input = std::make_shared<xstream::InputData>();
  input->datas_.push_back(boxes);
  return input;
}

xstream::BaseDataPtr Slot(const xstream::OutputDataPtr& out, const std::string& name) {
  for (size_t i = 0; i < out->datas_.size(); ++i) {
    if (out->datas_[i]->name_ == name) return out->datas_[i];
  }
  return xstream::BaseDataPtr();
}

// Checks one output group: the boxes kept and their areas (scale 0.5 from box_area.json).
void CheckOutput(const xstream::OutputDataPtr& out, const std::vector<float>& expected_areas) {
  CHECK_THAT(out != nullptr);
  if (!out) return;
  CHECK_THAT(out->error_code_ == HOBOTXSTREAM_ERROR_CODE_OK);
  CHECK_THAT(out->datas_.size() == 2u);
  std::shared_ptr<xstream::BoxList> kept =
      std::dynamic_pointer_cast<xstream::BoxList>(Slot(out, "filtered_box"));
  std::shared_ptr<xstream::AreaArray> areas =
      std::dynamic_pointer_cast<xstream::AreaArray>(Slot(out, "areas"));
  CHECK_THAT(kept != nullptr);
  CHECK_THAT(areas != nullptr);
  if (!kept || !areas) return;
  CHECK_THAT(kept->value.size() == expected_areas.size());
  CHECK_THAT(areas->values_ == expected_areas);
  CHECK_THAT(areas->score_ == static_cast<float>(expected_areas.size()));
  CHECK_THAT(areas->type_ == "AreaArray");
}

// The C form of an AreaArray made with the macro kit, and back.
void CheckCapiTransfer(const std::shared_ptr<xstream::AreaArray>& areas) {
  HobotXStreamCapiData* c = areas->c_data_->cpp2c_method_(areas);
  CHECK_THAT(c != nullptr);
  if (!c) return;
  HobotXStreamCapiAreaArray* c_areas = reinterpret_cast<HobotXStreamCapiAreaArray*>(c);
  CHECK_THAT(std::string(c->type_) == "AreaArray");
  CHECK_THAT(std::string(c->name_) == "areas");
  CHECK_THAT(c_areas->values_size_ == areas->values_.size());
  CHECK_THAT(c_areas->values_size_ == 0 || c_areas->values_[0] == areas->values_[0]);
  CHECK_THAT(c_areas->score_ == areas->score_);
  xstream::CppContext* context = static_cast<xstream::CppContext*>(c->context_);
  CHECK_THAT(context->cpp_data_ == areas);
  std::shared_ptr<xstream::AreaArray> back =
      std::dynamic_pointer_cast<xstream::AreaArray>(context->c2cpp_method_(c));
  CHECK_THAT(back != nullptr && back->values_ == areas->values_ && back->name_ == "areas");
  context->cfree_method_(&c);
  CHECK_THAT(c == nullptr);
  CHECK_THAT(compat_c_header_check() == 0);
}

bool IsJsonArrayFile(const std::string& path) {
  std::ifstream in(path);
  Json::Value root;
  Json::CharReaderBuilder builder;
  std::string errors;
  return in && Json::parseFromStream(builder, in, &root, &errors) && root.isArray();
}

// Collects asynchronous outputs.
struct Collector {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<xstream::OutputDataPtr> group_outputs;
  std::vector<xstream::OutputDataPtr> node_outputs;

  void OnGroup(xstream::OutputDataPtr out) {
    std::lock_guard<std::mutex> lock(mu);
    group_outputs.push_back(out);
    cv.notify_all();
  }
  void OnNode(xstream::OutputDataPtr out) {
    std::lock_guard<std::mutex> lock(mu);
    node_outputs.push_back(out);
    cv.notify_all();
  }
  bool WaitFor(size_t groups, size_t nodes) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(20), [&] {
      return group_outputs.size() >= groups && node_outputs.size() >= nodes;
    });
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " <box_flow.json>\n";
    return 2;
  }
  SetLogLevel(HOBOT_LOG_WARN);
  std::cout << "XStream SDK " << HOBOTXSDK_VERSION << "\n";

  xstream::XStreamSDK* sdk = xstream::XStreamSDK::CreateSDK();
  CHECK_THAT(sdk != nullptr);
  if (!sdk) return 1;
  CHECK_THAT(sdk->SetConfig("config_file", argv[1]) == 0);
  CHECK_THAT(sdk->SetConfig("no_such_key", "x") == -1);
  CHECK_THAT(sdk->SetConfig("profiler", "on") == 0);
  CHECK_THAT(sdk->SetConfig("profiler_file", "compat_program_profiler.txt") == 0);
  CHECK_THAT(sdk->SetConfig("profiler_time_interval", "1") == 0);
  int init = sdk->Init();
  CHECK_THAT(init == 0);
  if (init != 0) {
    std::cerr << "Init returned " << init << "\n";
    delete sdk;
    return 1;
  }
  CHECK_THAT(sdk->Init() == -2);

  CHECK_THAT(sdk->GetVersion("box_filter") == "1.2.3");
  CHECK_THAT(sdk->GetVersion("box_area") == "SimpleMethod::GetVersion()");
  CHECK_THAT(sdk->GetVersion("nobody").empty());

  // Synchronous frames: threshold 300 keeps areas 400 and 2500.
  xstream::OutputDataPtr out = sdk->SyncPredict(MakeFrame());
  std::vector<float> two_areas;
  two_areas.push_back(200.0f);
  two_areas.push_back(1250.0f);
  CheckOutput(out, two_areas);
  if (out) {
    CHECK_THAT(out->output_type_ == "__NODE_WHOLE_OUTPUT__");
    std::shared_ptr<xstream::AreaArray> areas =
        std::dynamic_pointer_cast<xstream::AreaArray>(Slot(out, "areas"));
    if (areas) CheckCapiTransfer(areas);
  }
  std::vector<xstream::OutputDataPtr> outs = sdk->SyncPredict2(MakeFrame());
  CHECK_THAT(outs.size() == 1u);
  if (outs.size() == 1u) CheckOutput(outs[0], two_areas);
  xstream::OutputDataPtr rejected = sdk->SyncPredict(std::make_shared<xstream::InputData>());
  CHECK_THAT(rejected && rejected->error_code_ == HOBOTXSTREAM_ERROR_INPUT_INVALID);

  // Parameters at run time.
  xstream::InputParamPtr param =
      std::make_shared<xstream::SdkCommParam>("box_filter", "{\"threshold\": 1000}");
  CHECK_THAT(sdk->UpdateConfig("box_filter", param) == 0);
  CHECK_THAT(sdk->UpdateConfig("nobody", param) == 1);
  xstream::InputParamPtr current = sdk->GetConfig("box_filter");
  CHECK_THAT(current != nullptr && current->Format().find("1000") != std::string::npos);
  CHECK_THAT(sdk->GetConfig("nobody") == nullptr);

  // Asynchronous frames: a group callback and a per-node callback.
  Collector collector;
  CHECK_THAT(sdk->SetCallback(std::bind(&Collector::OnGroup, &collector, std::placeholders::_1)) ==
             0);
  CHECK_THAT(sdk->SetCallback(std::bind(&Collector::OnNode, &collector, std::placeholders::_1),
                              "box_filter") == 0);
  CHECK_THAT(sdk->SetCallback(std::bind(&Collector::OnNode, &collector, std::placeholders::_1),
                              "nobody") == HOBOTXSTREAM_ERROR_INVALID_PARAM);
  xstream::InputDataPtr frame = MakeFrame();
  int ctx_token = 7;
  frame->context_ = &ctx_token;
  int64_t seq0 = sdk->AsyncPredict(frame);
  int64_t seq1 = sdk->AsyncPredict(frame);    // the SDK copied the first submission
  CHECK_THAT(seq0 >= 0 && seq1 == seq0 + 1);  // the synchronous frames took ids too
  CHECK_THAT(collector.WaitFor(2, 2));
  std::vector<float> one_area(1, 1250.0f);
  {
    std::lock_guard<std::mutex> lock(collector.mu);
    int64_t seq_sum = 0;
    for (size_t i = 0; i < collector.group_outputs.size(); ++i) {
      CheckOutput(collector.group_outputs[i], one_area);
      CHECK_THAT(collector.group_outputs[i]->context_ == &ctx_token);
      seq_sum += collector.group_outputs[i]->sequence_id_;
    }
    CHECK_THAT(collector.group_outputs.size() == 2u && seq_sum == seq0 + seq1);
    for (size_t i = 0; i < collector.node_outputs.size(); ++i) {
      CHECK_THAT(collector.node_outputs[i]->unique_name_ == "box_filter");
    }
  }
  CHECK_THAT(sdk->SetCallback(nullptr, "box_filter") == 0);
  for (int i = 0; i < 200 && sdk->GetTaskNum() != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK_THAT(sdk->GetTaskNum() == 0);

  CHECK_THAT(sdk->SetConfig("profiler", "off") == 0);
  delete sdk;
  CHECK_THAT(IsJsonArrayFile("compat_program_profiler.txt"));
  CHECK_THAT(Profiler::Release() == nullptr);  // the method profiler writes its trace now
  CHECK_THAT(IsJsonArrayFile("PROFILER_METHOD.txt"));

  if (g_failures != 0) {
    std::cerr << g_failures << " check(s) failed\n";
    return 1;
  }
  std::cout << "all checks passed\n";
  return 0;
}

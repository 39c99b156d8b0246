// XStream Methods of the xstream_boxes example, written exactly as for XStream 2.x: only the
// compatibility headers, and the CreateMethod hook every XStream program defines.
//   BoxSource  (SimpleMethod) makes a frame's candidate boxes (a stand-in for a detector)
//   BoxFilter  (Method)       keeps boxes whose area exceeds `threshold` (method_config JSON,
//                             changed at run time by UpdateConfig with {"threshold": n})
//   BoxCount   (SimpleMethod) passes the boxes on and counts them

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <json/json.h>

#include "hobotxsdk/xstream_data.h"
#include "hobotxstream/method.h"
#include "hobotxstream/method_factory.h"
#include "hobotxstream/profiler.h"
#include "hobotxstream/simple_method.h"
#include "horizon/vision_type/vision_type.hpp"

namespace xstream {

typedef XStreamData<std::vector<hobot::vision::BBox>> Boxes;

class BoxSource : public SimpleMethod {
 public:
  int Init(const std::string&) override { return 0; }
  void Finalize() override {}
  std::vector<BaseDataPtr> DoProcess(const std::vector<BaseDataPtr>&,
                                     const InputParamPtr&) override {
    RUN_PROCESS_TIME_PROFILER("BoxSource")
    // Deterministic "detections": boxes of growing size, shifted per frame.
    const int frame = frame_++;
    auto boxes = std::make_shared<Boxes>();
    for (int i = 1; i <= 8; ++i) {
      const float x = static_cast<float>((frame * 7 + i * 13) % 100);
      const float side = static_cast<float>(i * 10);
      boxes->value.push_back(hobot::vision::BBox(x, x, x + side, x + side));
    }
    return {boxes};
  }

 private:
  int frame_ = 0;  // one instance, never called concurrently (not thread-safe)
};

class BoxFilter : public Method {
 public:
  int Init(const std::string&) override { return 0; }
  int InitFromJsonString(const std::string& config) override { return ReadThreshold(config); }
  void Finalize() override {}
  std::vector<std::vector<BaseDataPtr>> DoProcess(
      const std::vector<std::vector<BaseDataPtr>>& input,
      const std::vector<InputParamPtr>&) override {
    std::vector<std::vector<BaseDataPtr>> output(input.size());
    for (std::size_t b = 0; b < input.size(); ++b) {
      auto kept = std::make_shared<Boxes>();
      auto* in = dynamic_cast<Boxes*>(input[b][0].get());
      if (in != nullptr && in->state_ == DataState::VALID) {
        for (const auto& box : in->value) {
          if (box.Width() * box.Height() > threshold_.load()) kept->value.push_back(box);
        }
      }
      output[b].push_back(kept);
    }
    return output;
  }
  int UpdateParameter(InputParamPtr ptr) override {
    return ptr && ptr->is_json_format_ ? ReadThreshold(ptr->Format()) : -1;
  }
  InputParamPtr GetParameter() const override {
    return std::make_shared<SdkCommParam>(
        "", "{\"threshold\": " + std::to_string(threshold_.load()) + "}");
  }
  std::string GetVersion() const override { return "box_filter 1.0"; }
  MethodInfo GetMethodInfo() override {
    MethodInfo info;
    info.is_thread_safe_ = true;  // threshold_ is atomic; DoProcess keeps no other state
    return info;
  }

 private:
  int ReadThreshold(const std::string& text) {
    Json::Value config;
    Json::Reader reader;
    if (!reader.parse(text, config) || !config["threshold"].isNumeric()) return -1;
    threshold_ = config["threshold"].asFloat();
    return 0;
  }
  std::atomic<float> threshold_{0};
};

class BoxCount : public SimpleMethod {
 public:
  int Init(const std::string&) override { return 0; }
  void Finalize() override {}
  std::vector<BaseDataPtr> DoProcess(const std::vector<BaseDataPtr>& input,
                                     const InputParamPtr&) override {
    auto* boxes = dynamic_cast<Boxes*>(input[0].get());
    auto count = std::make_shared<XStreamData<int>>();
    count->value = boxes == nullptr ? 0 : static_cast<int>(boxes->value.size());
    return {input[0], count};
  }
};

namespace method_factory {
MethodPtr CreateMethod(const std::string& method_name) {
  if (method_name == "BoxSource") return std::make_shared<BoxSource>();
  if (method_name == "BoxFilter") return std::make_shared<BoxFilter>();
  if (method_name == "BoxCount") return std::make_shared<BoxCount>();
  return MethodPtr();
}
}  // namespace method_factory

}  // namespace xstream

#include "box_filter.h"

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "box_types.h"
#include "hobotlog/hobotlog.hpp"
#include "hobotxsdk/xstream_error.h"
#include "hobotxstream/profiler.h"
#include "json/json.h"

namespace xstream {

int BoxFilter::Init(const std::string& config_file_path) {
  LOGE << "BoxFilter needs method_config, got only '" << config_file_path << "'";
  return -1;
}

int BoxFilter::InitFromJsonString(const std::string& config) { return ReadThreshold(config); }

int BoxFilter::ReadThreshold(const std::string& json_text) {
  Json::Value root;
  std::string errors;
  Json::CharReaderBuilder builder;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  if (!reader->parse(json_text.data(), json_text.data() + json_text.size(), &root, &errors) ||
      !root.isObject() || !root["threshold"].isNumeric()) {
    LOGE << "BoxFilter: bad config " << json_text << " " << errors;
    return -1;
  }
  threshold_ = root["threshold"].asFloat();
  return 0;
}

std::vector<std::vector<BaseDataPtr>> BoxFilter::DoProcess(
    const std::vector<std::vector<BaseDataPtr>>& input, const std::vector<InputParamPtr>& param) {
  RUN_PROCESS_TIME_PROFILER("BoxFilter")
  RUN_FPS_PROFILER("BoxFilter");
  std::vector<std::vector<BaseDataPtr>> output(input.size());
  for (size_t b = 0; b < input.size(); ++b) {
    HOBOT_CHECK_EQ(input[b].size(), 1u) << "BoxFilter takes one input";
    std::shared_ptr<BoxList> boxes = std::dynamic_pointer_cast<BoxList>(input[b][0]);
    std::shared_ptr<BoxList> kept = std::make_shared<BoxList>();
    if (!boxes || boxes->state_ == DataState::INVALID) {
      kept->state_ = DataState::INVALID;
    } else {
      float threshold = threshold_;
      for (const hobot::vision::BBox& box : boxes->value) {
        if (box.Width() * box.Height() >= threshold) kept->value.push_back(box);
      }
    }
    LOGD << "BoxFilter kept " << kept->value.size() << " boxes";
    output[b].push_back(kept);
  }
  return output;
}

int BoxFilter::UpdateParameter(InputParamPtr ptr) {
  if (!ptr || !ptr->is_json_format_) return HOBOTXSTREAM_ERROR_INVALID_PARAM;
  return ReadThreshold(ptr->Format());
}

InputParamPtr BoxFilter::GetParameter() const {
  std::ostringstream json;
  json << "{\"threshold\": " << threshold_.load() << "}";
  return std::make_shared<SdkCommParam>("box_filter", json.str());
}

MethodInfo BoxFilter::GetMethodInfo() {
  MethodInfo info;
  info.is_need_reorder = true;
  return info;
}

}  // namespace xstream

#include "box_area.h"

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "area_array.h"
#include "box_types.h"
#include "hobotlog/hobotlog.hpp"
#include "hobotxstream/profiler.h"
#include "json/json.h"

namespace xstream {

int BoxArea::Init(const std::string& config_file_path) {
  std::ifstream in(config_file_path);
  Json::Value root;
  Json::CharReaderBuilder builder;
  std::string errors;
  if (!in || !Json::parseFromStream(builder, in, &root, &errors) || !root["scale"].isNumeric()) {
    LOGE << "BoxArea: cannot read " << config_file_path << " " << errors;
    return -1;
  }
  scale_ = root["scale"].asFloat();
  return 0;
}

std::vector<BaseDataPtr> BoxArea::DoProcess(const std::vector<BaseDataPtr>& input,
                                            const InputParamPtr& param) {
  RUN_PROCESS_TIME_PROFILER("BoxArea");
  std::shared_ptr<AreaArray> areas = std::make_shared<AreaArray>();
  std::shared_ptr<XStreamData<std::vector<hobot::vision::BBox>>> boxes =
      std::dynamic_pointer_cast<XStreamData<std::vector<hobot::vision::BBox>>>(input.at(0));
  if (boxes && boxes->state_ == DataState::VALID) {
    for (const hobot::vision::BBox& box : boxes->value) {
      areas->values_.push_back(box.Width() * box.Height() * scale_);
    }
  }
  areas->score_ = static_cast<float>(areas->values_.size());
  return std::vector<BaseDataPtr>(1, areas);
}

}  // namespace xstream

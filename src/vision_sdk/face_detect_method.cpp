#include "face_detect_method.hpp"

#include <stdexcept>
#include <utility>

#include "method_config.hpp"
#include "rill/vision/face_detector_args.hpp"
#include "rill/vision_sdk/methods.hpp"
#include "slot_image.hpp"

namespace rill::vision::detail {
namespace {

constexpr const char* kName = "FaceDetect";

std::shared_ptr<xstream::BaseDataVector> boxes_of(const std::vector<Detection>& faces) {
  auto out = std::make_shared<xstream::BaseDataVector>();
  out->datas_.reserve(faces.size());
  for (const Detection& d : faces) {
    auto box = std::make_shared<BBoxData>(
        hobot::vision::BBox(d.box.x0, d.box.y0, d.box.x1, d.box.y1, d.score, -1, "face"));
    box->type_ = "BBox";
    out->datas_.push_back(std::move(box));
  }
  return out;
}

}  // namespace

int FaceDetectMethod::Init(const std::string& config_file_path) {
  ChosenFaceDetector chosen =
      make_face_detector(method_config_file(kName, FaceDetectorArgs::contract(), config_file_path));
  detector_ = std::move(chosen.detector);
  detector_name_ = chosen.name;
  return 0;
}

int FaceDetectMethod::InitFromJsonString(const std::string& config) {
  ChosenFaceDetector chosen =
      make_face_detector(method_config(kName, FaceDetectorArgs::contract(), config));
  detector_ = std::move(chosen.detector);
  detector_name_ = chosen.name;
  return 0;
}

std::vector<std::vector<xstream::BaseDataPtr>> FaceDetectMethod::DoProcess(
    const std::vector<std::vector<xstream::BaseDataPtr>>& input,
    const std::vector<xstream::InputParamPtr>& /*param*/) {
  if (!detector_) throw std::logic_error("FaceDetect: DoProcess before Init");
  std::vector<std::vector<xstream::BaseDataPtr>> output(input.size());
  // The frames that carry an image, gathered so that the whole batch is one detect() call.
  std::vector<SlotImage> images;
  std::vector<std::size_t> frame_of;
  for (std::size_t b = 0; b < input.size(); ++b) {
    const std::string what = "FaceDetect: frame " + std::to_string(b) + " of the batch";
    if (input[b].empty()) throw std::invalid_argument(what + " has no input (it takes an image)");
    const xstream::BaseDataPtr& datum = input[b][0];
    if (!datum || datum->state_ != xstream::DataState::VALID) {
      auto none = std::make_shared<xstream::BaseDataVector>();
      none->state_ = xstream::DataState::INVALID;
      output[b].push_back(std::move(none));
      continue;
    }
    images.push_back(slot_image(*datum, what));
    frame_of.push_back(b);
  }
  std::vector<cv::Mat> mats;
  mats.reserve(images.size());
  for (const SlotImage& image : images) mats.push_back(image.bgr);
  const std::vector<std::vector<Detection>> faces = detector_->detect(mats);
  for (std::size_t i = 0; i < faces.size(); ++i) output[frame_of[i]].push_back(boxes_of(faces[i]));
  return output;
}

void FaceDetectMethod::Finalize() { detector_.reset(); }

std::string FaceDetectMethod::GetVersion() const {
  return std::string("rill FaceDetect (") + detector_name_ + ")";
}

xstream::MethodInfo FaceDetectMethod::GetMethodInfo() {
  xstream::MethodInfo info;
  info.is_thread_safe_ = true;  // FaceDetector::detect may be called from any thread
  return info;
}

}  // namespace rill::vision::detail

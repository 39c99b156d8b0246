#include "rill/vision/face_detector_args.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>

#include "rill/vision/haar_face.hpp"

namespace rill::vision {

ChosenFaceDetector make_face_detector(const NodeConfig& config) {
  const std::string which = config.arg(FaceDetectorArgs::kDetector);
  const std::filesystem::path model = config.arg(FaceDetectorArgs::kModel);
  if (which != "auto" && which != "blazeface" && which != "haar") {
    // The node's contract already refuses this; a caller building args by hand may not have.
    throw std::invalid_argument(config.path + ": detector '" + which +
                                "' is none of auto, blazeface, haar");
  }
  if (which == "blazeface" || (which == "auto" && std::filesystem::exists(model))) {
    BlazeFaceOptions o;
    o.score_threshold = static_cast<float>(config.arg(FaceDetectorArgs::kScore));
    o.iou_threshold = static_cast<float>(config.arg(FaceDetectorArgs::kIou));
    return {std::make_shared<BlazeFace>(model, o), "blazeface"};
  }
  if (which == "auto") {
    spdlog::warn("{}: no BlazeFace model at {} (`make deps` fetches it): using the Haar cascade",
                 config.path, model.string());
  }
  return {std::make_shared<HaarFaceDetector>(), "haar"};
}

}  // namespace rill::vision

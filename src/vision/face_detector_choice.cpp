#include "rill/vision/face_detector_choice.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "rill/vision/haar_face.hpp"

namespace rill::vision {
namespace {

void check_threshold(const char* name, float v) {
  if (!(v >= 0 && v <= 1)) {  // also NaN
    throw std::invalid_argument(fmt::format("face detector: {} = {} is outside [0, 1]", name, v));
  }
}

// A relative model path names a file under the working directory, or else under the source tree
// rill was built from, where `make deps` puts the models: `rill run` and Python scripts then
// find the default model from any directory.
std::filesystem::path locate_model(const std::filesystem::path& model) {
  std::error_code ec;
  if (model.is_absolute() || std::filesystem::exists(model, ec)) return model;
#ifdef RILL_SOURCE_DIR
  std::filesystem::path in_tree = std::filesystem::path(RILL_SOURCE_DIR) / model;
  if (std::filesystem::exists(in_tree, ec)) return in_tree;
#endif
  return model;
}

}  // namespace

ChosenFaceDetector make_face_detector(const FaceDetectorChoice& choice) {
  const std::string& which = choice.detector;
  if (which != "auto" && which != "blazeface" && which != "haar") {
    throw std::invalid_argument(fmt::format(
        "face detector: unknown detector '{}' (expected auto, blazeface or haar)", which));
  }
  // Checked here whichever detector is built: a typo in a threshold is an error even where
  // "auto" happens to pick Haar today.
  check_threshold("score_threshold", choice.blazeface.score_threshold);
  check_threshold("iou_threshold", choice.blazeface.iou_threshold);
  ChosenFaceDetector out;
  const std::filesystem::path model = locate_model(choice.model);
  std::error_code ec;
  if (which == "blazeface" || (which == "auto" && std::filesystem::exists(model, ec))) {
    out.detector = std::make_shared<BlazeFace>(model, choice.blazeface);
    out.name = "blazeface";
    return out;
  }
  if (which == "auto") {
    out.fallback_note =
        fmt::format("no BlazeFace model at {} (`make deps` fetches it): using the Haar cascade",
                    choice.model.string());
  }
  out.detector = std::make_shared<HaarFaceDetector>();
  out.name = "haar";
  return out;
}

}  // namespace rill::vision

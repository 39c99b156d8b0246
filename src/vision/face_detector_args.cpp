#include "rill/vision/face_detector_args.hpp"

#include <spdlog/spdlog.h>

namespace rill::vision {

FaceDetectorChoice face_detector_choice(const NodeConfig& config) {
  FaceDetectorChoice choice;
  choice.detector = config.arg(FaceDetectorArgs::kDetector);
  choice.model = config.arg(FaceDetectorArgs::kModel);
  choice.blazeface.score_threshold = static_cast<float>(config.arg(FaceDetectorArgs::kScore));
  choice.blazeface.iou_threshold = static_cast<float>(config.arg(FaceDetectorArgs::kIou));
  return choice;
}

ChosenFaceDetector make_face_detector(const NodeConfig& config) {
  ChosenFaceDetector chosen = make_face_detector(face_detector_choice(config));
  if (!chosen.fallback_note.empty()) spdlog::warn("{}: {}", config.path, chosen.fallback_note);
  return chosen;
}

}  // namespace rill::vision

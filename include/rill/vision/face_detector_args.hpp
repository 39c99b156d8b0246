#pragma once
// The arguments that choose and tune a face detector, declared once for every door to the
// FaceDetect operator: the graph node (`FaceDetect` in TOML graphs) and the XStream method
// (`"method_type": "FaceDetect"`) check their configs against these constants and build the
// detector with make_face_detector, so a key, its default and its range live in one place.

#include <memory>

#include "rill/core/contract.hpp"
#include "rill/core/registry.hpp"
#include "rill/vision/face_detect.hpp"
#include "rill/vision/face_detector_choice.hpp"

namespace rill::vision {

/// FaceDetect's detector arguments (the node adds its batching arguments to these).
struct FaceDetectorArgs {
  static constexpr EnumArg<3> kDetector{
      .name = "detector",
      .def = "auto",
      .choices = {"auto", "blazeface", "haar"},
      .doc = "auto = BlazeFace when its model is there, else the Haar cascade"};
  static constexpr StringArg kModel{
      .name = "model",
      .def = kBlazeFaceFrontModel,
      .doc = "BlazeFace ONNX model (relative: to the working dir, else the source tree)"};
  static constexpr FloatArg kScore{
      .name = "score_threshold", .def = 0.5, .min = 0, .max = 1, .doc = "minimum face score"};
  static constexpr FloatArg kIou{
      .name = "iou_threshold", .def = 0.3, .min = 0, .max = 1, .doc = "NMS overlap"};

  /// Just these four arguments, for configs that carry nothing else (an XStream method_config).
  static Contract contract() { return {kDetector, kModel, kScore, kIou}; }
};

/// The detector `config`'s FaceDetectorArgs name (arguments already checked by the contract).
FaceDetectorChoice face_detector_choice(const NodeConfig& config);

/// make_face_detector(face_detector_choice(config)), with a warning naming `config.path` when
/// "auto" fell back to the Haar cascade. Throws as make_face_detector(FaceDetectorChoice) does.
ChosenFaceDetector make_face_detector(const NodeConfig& config);

}  // namespace rill::vision

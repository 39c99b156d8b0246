#pragma once
// The arguments that choose and tune a face detector, declared once for every door to the
// FaceDetect operator: the graph node (`FaceDetect` in TOML graphs) and the XStream method
// (`"method_type": "FaceDetect"`) check their configs against these constants and build the
// detector with make_face_detector, so a key, its default and its range live in one place.

#include <memory>

#include "rill/core/contract.hpp"
#include "rill/core/registry.hpp"
#include "rill/vision/face_detect.hpp"

namespace rill::vision {

/// FaceDetect's detector arguments (the node adds its batching arguments to these).
struct FaceDetectorArgs {
  static constexpr EnumArg<3> kDetector{
      .name = "detector",
      .def = "auto",
      .choices = {"auto", "blazeface", "haar"},
      .doc = "auto = BlazeFace when its model is there, else the Haar cascade"};
  static constexpr StringArg kModel{.name = "model",
                                    .def = kBlazeFaceFrontModel,
                                    .doc = "BlazeFace ONNX model (relative: to the working dir)"};
  static constexpr FloatArg kScore{
      .name = "score_threshold", .def = 0.5, .min = 0, .max = 1, .doc = "minimum face score"};
  static constexpr FloatArg kIou{
      .name = "iou_threshold", .def = 0.3, .min = 0, .max = 1, .doc = "NMS overlap"};

  /// Just these four arguments, for configs that carry nothing else (an XStream method_config).
  static Contract contract() { return {kDetector, kModel, kScore, kIou}; }
};

/// A detector and which one it is.
struct ChosenFaceDetector {
  std::shared_ptr<FaceDetector> detector;
  const char* name = "";  ///< "blazeface" or "haar"
};

/// Builds the detector `config`'s FaceDetectorArgs ask for: BlazeFace on `model` when `detector`
/// is "blazeface", or "auto" and the model file exists; otherwise OpenCV's Haar cascade, with a
/// warning naming `config.path` when "auto" fell back to it. Throws ModelError when the chosen
/// model cannot be loaded (the message names its path), std::invalid_argument naming
/// `config.path` for a detector other than the three. Thread safety: any thread.
ChosenFaceDetector make_face_detector(const NodeConfig& config);

}  // namespace rill::vision

#pragma once
// Choosing and building a face detector by name, the one way every door to the operators does
// it (the FaceDetect node, Python's rill.vision.FaceDetector): "auto" takes BlazeFace when its
// model file is there and falls back to the Haar cascade otherwise.

#include <filesystem>
#include <memory>
#include <string>

#include "rill/vision/face_detect.hpp"

namespace rill::vision {

/// Which detector to build, under the names FaceDetect's arguments use.
struct FaceDetectorChoice {
  std::string detector = "auto";  ///< "auto", "blazeface" or "haar"
  /// BlazeFace ONNX model; a relative path is looked up under the working directory, then under
  /// the source tree rill was built from (where `make deps` puts it).
  std::filesystem::path model{kBlazeFaceFrontModel};
  BlazeFaceOptions blazeface;  ///< thresholds (checked even for Haar)
};

/// A built detector and how it was chosen.
struct ChosenFaceDetector {
  std::shared_ptr<FaceDetector> detector;
  const char* name = "";      ///< "blazeface" or "haar"
  std::string fallback_note;  ///< why "auto" fell back to Haar (for a warning); empty otherwise
};

/// Builds the detector `choice` names. Throws std::invalid_argument for an unknown detector
/// name or a threshold outside [0, 1], ModelError when the chosen model or cascade cannot be
/// loaded (for "blazeface": also when the model file is missing). Thread safety: any thread.
ChosenFaceDetector make_face_detector(const FaceDetectorChoice& choice);

}  // namespace rill::vision

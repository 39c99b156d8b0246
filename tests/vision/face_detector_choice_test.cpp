// Building a face detector by name, as FaceDetect and rill.vision.FaceDetector do: the auto
// fallback with its note, the named detectors, and bad names and thresholds.

#include "rill/vision/face_detector_choice.hpp"

#include <filesystem>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

#include "vision/vision_test_data.hpp"

namespace rill::vision {
namespace {

TEST(FaceDetectorChoice, AutoTakesBlazeFaceWhenTheModelIsThere) {
  RILL_REQUIRE_BLAZEFACE();
  FaceDetectorChoice c;
  c.model = testing::blazeface_model();
  ChosenFaceDetector d = make_face_detector(c);
  EXPECT_STREQ(d.name, "blazeface");
  EXPECT_NE(dynamic_cast<BlazeFace*>(d.detector.get()), nullptr);
  EXPECT_EQ(d.fallback_note, "");
}

// `rill run` started from another directory still finds the model `make deps` fetched.
TEST(FaceDetectorChoice, TheDefaultModelIsFoundFromAnyWorkingDirectory) {
  RILL_REQUIRE_BLAZEFACE();
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(std::filesystem::temp_directory_path());
  ChosenFaceDetector d = make_face_detector(FaceDetectorChoice{});
  std::filesystem::current_path(before);
  EXPECT_STREQ(d.name, "blazeface") << d.fallback_note;
}

TEST(FaceDetectorChoice, AutoFallsBackToHaarWithANoteNamingTheMissingModel) {
  FaceDetectorChoice c;
  c.model = "/nonexistent/face.onnx";
  ChosenFaceDetector d = make_face_detector(c);
  EXPECT_STREQ(d.name, "haar");
  EXPECT_NE(d.fallback_note.find("/nonexistent/face.onnx"), std::string::npos) << d.fallback_note;
  EXPECT_EQ(d.detector->detect(testing::load_photo("astronaut.png")).size(), 1u);
}

TEST(FaceDetectorChoice, BlazeFaceByNameWithoutItsModelIsAModelError) {
  FaceDetectorChoice c;
  c.detector = "blazeface";
  c.model = "/nonexistent/face.onnx";
  EXPECT_THROW(make_face_detector(c), ModelError);
}

TEST(FaceDetectorChoice, AnUnknownNameOrAThresholdOutsideZeroToOneIsInvalid) {
  FaceDetectorChoice bad_name;
  bad_name.detector = "yolo";
  try {
    make_face_detector(bad_name);
    FAIL() << "built a 'yolo' detector";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "face detector: unknown detector 'yolo' (expected auto, blazeface or haar)");
  }
  FaceDetectorChoice bad_score;
  bad_score.detector = "haar";  // checked although Haar has no scores
  bad_score.blazeface.score_threshold = 1.5f;
  EXPECT_THROW(make_face_detector(bad_score), std::invalid_argument);
  FaceDetectorChoice nan_iou;
  nan_iou.blazeface.iou_threshold = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THROW(make_face_detector(nan_iou), std::invalid_argument);
}

}  // namespace
}  // namespace rill::vision

#pragma once
// Face detection on BGR images: the FaceDetector interface and BlazeFace, MediaPipe's short-range
// face detector (the "front" model: faces that fill a good part of a 128x128 view), run through
// an InferenceBackend one batch at a time.

#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "rill/vision/backend.hpp"
#include "rill/vision/detection.hpp"

namespace rill::vision {

/// Finds faces in 8-bit BGR images (CV_8UC3) of any size; boxes and keypoints are in each
/// image's own pixels. Thread safety: detect() may be called from any thread.
class FaceDetector {
 public:
  virtual ~FaceDetector() = default;

  /// The faces of every image, result[i] for images[i], each list best first. Throws
  /// std::invalid_argument for an empty or non-CV_8UC3 image.
  std::vector<std::vector<Detection>> detect(std::span<const cv::Mat> images);
  /// One image.
  std::vector<Detection> detect(const cv::Mat& image);

 protected:
  /// `images` are checked: non-empty, CV_8UC3, at least one.
  virtual std::vector<std::vector<Detection>> detect_checked(std::span<const cv::Mat> images) = 0;
};

/// Where `make deps` puts the BlazeFace front model, relative to the source tree.
inline constexpr std::string_view kBlazeFaceFrontModel =
    "third_party/blazeface/ONNX/face_detection_front_128x128_barracuda.onnx";

struct BlazeFaceOptions {
  float score_threshold = 0.5f;  ///< sigmoid score an anchor needs to count as a face
  float iou_threshold = 0.3f;    ///< weighted NMS: overlapping more than this is one face
};

/// BlazeFace front (128x128 input, 896 anchors). Each image is letterboxed into the model's
/// input, all of them go to the backend in ONE forward call, and each image's 896 candidates are
/// decoded, thresholded, blended by weighted NMS and mapped back to its pixels. Detections carry
/// six keypoints, in the model's order: right eye, left eye (the subject's), nose tip, mouth
/// centre, right ear tragion, left ear tragion; label 0.
///
/// The model takes RGB in [0, 1]: measured, not assumed (see docs/architecture.md, Vision).
/// Boxes are not clipped to the image: a face cut by the border extends past it.
class BlazeFace final : public FaceDetector {
 public:
  /// Runs on `backend`, which must take 3 x 128 x 128 and give BlazeFace front's four heads
  /// (scores and regressors for 512 and 384 anchors), checked by one forward on a blank image.
  /// Throws ModelError otherwise, std::invalid_argument for thresholds outside [0, 1].
  explicit BlazeFace(std::shared_ptr<InferenceBackend> backend, BlazeFaceOptions options = {});
  /// Loads the ONNX model at `model` with OpenCvDnnBackend.
  explicit BlazeFace(const std::filesystem::path& model, BlazeFaceOptions options = {});
  ~BlazeFace() override;

  [[nodiscard]] const BlazeFaceOptions& options() const;

 protected:
  std::vector<std::vector<Detection>> detect_checked(std::span<const cv::Mat> images) override;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace rill::vision

#pragma once
// HaarFaceDetector: OpenCV's Viola-Jones cascade, the face detector that needs no neural network
// model (Debian's opencv-data ships the cascades). Frontal faces only, and no keypoints.

#include <filesystem>
#include <memory>
#include <string_view>

#include <opencv2/core/types.hpp>

#include "rill/vision/face_detect.hpp"

namespace rill::vision {

inline constexpr std::string_view kDefaultHaarCascade =
    "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

struct HaarOptions {
  std::filesystem::path cascade{kDefaultHaarCascade};
  double scale_factor = 1.1;  ///< image pyramid step
  int min_neighbors = 5;      ///< overlapping hits a face needs (fewer: more false faces)
  cv::Size min_size{30, 30};  ///< smallest face searched, in pixels
};

/// Detections have score 1 (a cascade answers yes or no; its stage sums are not comparable
/// across scales), no keypoints, label 0. Images of a batch are searched one after another.
/// Thread safety: detect() may be called from any thread; calls are serialised.
class HaarFaceDetector final : public FaceDetector {
 public:
  /// Throws ModelError when the cascade file is missing or not a cascade.
  explicit HaarFaceDetector(HaarOptions options = {});
  ~HaarFaceDetector() override;

  [[nodiscard]] const HaarOptions& options() const;

 protected:
  std::vector<std::vector<Detection>> detect_checked(std::span<const cv::Mat> images) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rill::vision

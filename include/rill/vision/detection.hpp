#pragma once
// Box and Detection: what detectors produce and trackers, shapers and drawing consume. Plain
// values in the source image's pixel coordinates.

#include <vector>

#include <opencv2/core/types.hpp>

namespace rill::vision {

/// An axis-aligned box, corners in pixels (x0 <= x1, y0 <= y1 for a well-formed box). Floats, so
/// that mapping back from a model's input keeps sub-pixel precision.
struct Box {
  float x0 = 0;
  float y0 = 0;
  float x1 = 0;
  float y1 = 0;

  [[nodiscard]] float width() const { return x1 - x0; }
  [[nodiscard]] float height() const { return y1 - y0; }
  /// 0 for an empty or inverted box.
  [[nodiscard]] float area() const;
  [[nodiscard]] cv::Point2f center() const { return {(x0 + x1) / 2, (y0 + y1) / 2}; }
  /// The integer rectangle covering the box (for cv::rectangle, ROIs).
  [[nodiscard]] cv::Rect rect() const;

  friend bool operator==(const Box&, const Box&) = default;
};

/// Intersection over union, in [0, 1]; 0 when either box is empty.
float iou(const Box& a, const Box& b);

/// One object found in one image.
struct Detection {
  Box box;
  float score = 0;                     ///< confidence in [0, 1]
  std::vector<cv::Point2f> keypoints;  ///< detector-specific landmarks, pixels (may be empty)
  int label = 0;                       ///< class; 0 = face for the face detectors
};

}  // namespace rill::vision

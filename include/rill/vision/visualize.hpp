#pragma once
// Drawing detections and tracks onto BGR images in place, for previews and debugging output:
// a box per object, a caption with its id, label and score, its keypoints, and one steady
// colour per track so that an identity can be followed by eye.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "rill/vision/detection.hpp"
#include "rill/vision/tracker.hpp"

namespace rill::vision {

struct DrawStyle {
  int thickness = 2;                           ///< box outline, pixels
  double font_scale = 0.5;                     ///< caption (Hershey simplex)
  bool keypoints = true;                       ///< draw detections' keypoints
  std::vector<std::string> labels = {"face"};  ///< caption text of label i; else its number
};

/// The colour of track `id`: fully saturated hues a golden-ratio turn apart, so consecutive ids
/// look clearly different and an id keeps its colour.
cv::Scalar track_color(std::int64_t id);

/// Draws each track's box and "#id label score" caption (above the box, or inside its top when
/// the image ends there) in the track's colour. Draws on CV_8UC3 images only.
void draw(cv::Mat& bgr, std::span<const Track> tracks, const DrawStyle& style = {});
/// Draws each detection's box, "label score" caption and keypoints, coloured by label.
void draw(cv::Mat& bgr, std::span<const Detection> detections, const DrawStyle& style = {});

}  // namespace rill::vision

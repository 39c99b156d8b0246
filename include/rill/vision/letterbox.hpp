#pragma once
// Letterboxing: fitting an image into a model's fixed input without distorting it (scaled to
// fit, centred, the rest padded), and mapping what the model finds back onto the image.

#include <opencv2/core/mat.hpp>

#include "rill/vision/detection.hpp"

namespace rill::vision {

/// How an image was placed in a model's input: input = source * scale + offset, per axis. The
/// two scales differ only by the rounding of the resized size to whole pixels.
struct Letterbox {
  cv::Point2f scale{1, 1};
  cv::Point2f offset{0, 0};

  /// A point of the model's input, in the source image's pixels.
  [[nodiscard]] cv::Point2f to_source(cv::Point2f input) const;
  [[nodiscard]] Box to_source(const Box& input) const;
};

/// Resizes `src` to fit `size` with its aspect ratio kept, centres it and pads the rest with
/// `pad`, into `dst` (reallocated as needed; never written while it shares `src`'s pixels). Returns
/// the mapping back.
Letterbox letterbox(const cv::Mat& src, cv::Size size, cv::Mat& dst,
                    const cv::Scalar& pad = cv::Scalar::all(0));

}  // namespace rill::vision

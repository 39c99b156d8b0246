#pragma once
// The image in a workflow slot as the 8-bit BGR cv::Mat the vision operators take: a rill Frame
// (rill::vision::FrameData) or an XStream ImageFrame (rill::vision::ImageFrameData). BGR pixels
// are used in place; other formats are converted once, here.

#include <memory>
#include <string>

#include <opencv2/core/mat.hpp>

#include "hobotxsdk/xstream_data.h"

namespace rill::vision::detail {

/// BGR pixels and what keeps them alive while `bgr` is in use (empty when `bgr` owns them).
struct SlotImage {
  cv::Mat bgr;
  std::shared_ptr<const void> owner;
};

/// Reads `datum`'s image. Throws std::invalid_argument beginning with `what` (e.g. "FaceDetect:
/// frame 2") for a datum that is no image, an ImageFrame without pixels or of a pixel format
/// FaceDetect does not read, and std::runtime_error for a YUV rill Frame without a converter.
SlotImage slot_image(const xstream::BaseData& datum, const std::string& what);

}  // namespace rill::vision::detail

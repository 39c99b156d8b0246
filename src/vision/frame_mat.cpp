#include "rill/vision/frame_mat.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace rill::vision {

cv::Mat bgr_mat(const Frame& frame) {
  if (frame.format() != PixelFormat::kBGR24) {
    throw std::invalid_argument(
        fmt::format("bgr_mat: frame is {}, not BGR24 (convert it with rill::as_bgr first)",
                    to_string(frame.format())));
  }
  return {frame.height(), frame.width(), CV_8UC3, frame.data(), frame.stride()};
}

}  // namespace rill::vision

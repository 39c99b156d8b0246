#include <stdexcept>

#include <fmt/format.h>

#include "rill/vision/face_detect.hpp"

namespace rill::vision {

std::vector<std::vector<Detection>> FaceDetector::detect(std::span<const cv::Mat> images) {
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (images[i].empty() || images[i].type() != CV_8UC3) {
      throw std::invalid_argument(
          fmt::format("face detection: image {} is {}; it takes 8-bit BGR (CV_8UC3)", i,
                      images[i].empty() ? "empty" : "not CV_8UC3"));
    }
  }
  if (images.empty()) return {};
  return detect_checked(images);
}

std::vector<Detection> FaceDetector::detect(const cv::Mat& image) {
  return std::move(detect(std::span<const cv::Mat>(&image, 1)).front());
}

}  // namespace rill::vision

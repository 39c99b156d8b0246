#include "rill/vision/haar_face.hpp"

#include <algorithm>
#include <mutex>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "model_file.hpp"

namespace rill::vision {

struct HaarFaceDetector::Impl {
  HaarOptions options;
  std::mutex mu;
  cv::CascadeClassifier cascade;  // guarded by mu: detectMultiScale keeps scratch state
};

HaarFaceDetector::HaarFaceDetector(HaarOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  const std::filesystem::path& path = impl_->options.cascade;
  // Read first for the same clear missing/unreadable errors as a neural network model.
  (void)detail::read_model_file(path);
  bool loaded = false;
  try {
    loaded = impl_->cascade.load(path.string());
  } catch (const cv::Exception& e) {
    throw ModelError(
        fmt::format("cascade '{}': not an OpenCV cascade classifier ({})", path.string(), e.err));
  }
  if (!loaded || impl_->cascade.empty()) {
    throw ModelError(fmt::format("cascade '{}': not an OpenCV cascade classifier", path.string()));
  }
}

HaarFaceDetector::~HaarFaceDetector() = default;

const HaarOptions& HaarFaceDetector::options() const { return impl_->options; }

std::vector<std::vector<Detection>> HaarFaceDetector::detect_checked(
    std::span<const cv::Mat> images) {
  const HaarOptions& o = impl_->options;
  std::vector<std::vector<Detection>> result(images.size());
  cv::Mat gray;
  for (std::size_t i = 0; i < images.size(); ++i) {
    cv::cvtColor(images[i], gray, cv::COLOR_BGR2GRAY);
    // The cascade was trained on equalised faces; equalising makes it independent of exposure.
    cv::equalizeHist(gray, gray);
    std::vector<cv::Rect> faces;
    {
      std::lock_guard<std::mutex> lock(impl_->mu);
      impl_->cascade.detectMultiScale(gray, faces, o.scale_factor, o.min_neighbors, 0, o.min_size);
    }
    for (const cv::Rect& r : faces) {
      Detection d;
      d.box = {static_cast<float>(r.x), static_cast<float>(r.y), static_cast<float>(r.x + r.width),
               static_cast<float>(r.y + r.height)};
      d.score = 1.0f;
      result[i].push_back(std::move(d));
    }
    // All scores tie; larger faces first is the order a "best first" caller wants.
    std::stable_sort(
        result[i].begin(), result[i].end(),
        [](const Detection& a, const Detection& b) { return a.box.area() > b.box.area(); });
  }
  return result;
}

}  // namespace rill::vision

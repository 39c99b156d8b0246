#include "rill/vision/letterbox.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

namespace rill::vision {

cv::Point2f Letterbox::to_source(cv::Point2f input) const {
  return {(input.x - offset.x) / scale.x, (input.y - offset.y) / scale.y};
}

Box Letterbox::to_source(const Box& input) const {
  const cv::Point2f a = to_source(cv::Point2f(input.x0, input.y0));
  const cv::Point2f b = to_source(cv::Point2f(input.x1, input.y1));
  return {a.x, a.y, b.x, b.y};
}

Letterbox letterbox(const cv::Mat& src, cv::Size size, cv::Mat& dst, const cv::Scalar& pad) {
  if (src.empty() || size.width <= 0 || size.height <= 0) {
    throw std::invalid_argument("letterbox: empty image or target size");
  }
  const double fit = std::min(static_cast<double>(size.width) / src.cols,
                              static_cast<double>(size.height) / src.rows);
  const int w = std::clamp(static_cast<int>(std::lround(src.cols * fit)), 1, size.width);
  const int h = std::clamp(static_cast<int>(std::lround(src.rows * fit)), 1, size.height);
  const int left = (size.width - w) / 2;
  const int top = (size.height - h) / 2;

  // Writing into pixels that `src` also uses would corrupt the source before it is read.
  const bool shares = dst.u != nullptr ? dst.u == src.u
                                       : dst.datastart != nullptr && dst.datastart == src.datastart;
  if (shares) dst.release();
  dst.create(size, src.type());
  dst.setTo(pad);
  cv::Mat inner = dst(cv::Rect(left, top, w, h));
  // Area averaging when shrinking (no aliasing of fine texture), bilinear when enlarging.
  cv::resize(src, inner, inner.size(), 0, 0, fit < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);

  Letterbox box;
  box.scale = {static_cast<float>(w) / src.cols, static_cast<float>(h) / src.rows};
  box.offset = {static_cast<float>(left), static_cast<float>(top)};
  return box;
}

}  // namespace rill::vision

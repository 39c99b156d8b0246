#include "rill/vision/detection.hpp"

#include <algorithm>
#include <cmath>

namespace rill::vision {

float Box::area() const { return std::max(0.0f, width()) * std::max(0.0f, height()); }

cv::Rect Box::rect() const {
  int left = static_cast<int>(std::floor(x0));
  int top = static_cast<int>(std::floor(y0));
  return {left, top, static_cast<int>(std::ceil(x1)) - left, static_cast<int>(std::ceil(y1)) - top};
}

float iou(const Box& a, const Box& b) {
  Box inter{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
  float i = inter.area();
  float u = a.area() + b.area() - i;
  return u > 0 ? i / u : 0.0f;
}

}  // namespace rill::vision

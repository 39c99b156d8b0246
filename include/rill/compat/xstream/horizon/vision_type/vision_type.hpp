// The part of Horizon's vision_type that XStream's test and example data types use:
// hobot::vision::BBox. Compiles as C++14.
#ifndef HORIZON_VISION_TYPE_VISION_TYPE_HPP_
#define HORIZON_VISION_TYPE_VISION_TYPE_HPP_

#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace hobot {
namespace vision {

/// An axis-aligned box, corners (x1, y1) and (x2, y2).
template <typename Dtype>
struct BBox_ {
  BBox_() {}
  BBox_(Dtype x1_, Dtype y1_, Dtype x2_, Dtype y2_, float score_ = 0.0f, int32_t id_ = -1,
        const std::string& category_name_ = "")
      : x1(x1_), y1(y1_), x2(x2_), y2(y2_), score(score_), id(id_), category_name(category_name_) {}

  Dtype Width() const { return x2 - x1; }
  Dtype Height() const { return y2 - y1; }
  Dtype CenterX() const { return x1 + (x2 - x1) / 2; }
  Dtype CenterY() const { return y1 + (y2 - y1) / 2; }

  Dtype x1 = 0;
  Dtype y1 = 0;
  Dtype x2 = 0;
  Dtype y2 = 0;
  float score = 0.0f;
  int32_t id = -1;
  std::string category_name;
};

template <typename Dtype>
std::ostream& operator<<(std::ostream& out, const BBox_<Dtype>& b) {
  return out << "( x1: " << b.x1 << " y1: " << b.y1 << " x2: " << b.x2 << " y2: " << b.y2
             << " score: " << b.score << " )";
}

typedef BBox_<float> BBox;

}  // namespace vision
}  // namespace hobot

#endif  // HORIZON_VISION_TYPE_VISION_TYPE_HPP_

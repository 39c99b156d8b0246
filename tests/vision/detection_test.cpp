#include "rill/vision/detection.hpp"

#include <gtest/gtest.h>

namespace rill::vision {
namespace {

TEST(Box, IouOfOverlappingDisjointAndEmptyBoxes) {
  EXPECT_FLOAT_EQ(iou({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0f);
  EXPECT_FLOAT_EQ(iou({0, 0, 10, 10}, {5, 0, 15, 10}), 50.0f / 150.0f);
  EXPECT_FLOAT_EQ(iou({0, 0, 10, 10}, {20, 20, 30, 30}), 0.0f);
  EXPECT_FLOAT_EQ(iou({0, 0, 0, 0}, {0, 0, 0, 0}), 0.0f);
  EXPECT_FLOAT_EQ((Box{5, 5, 0, 0}).area(), 0.0f) << "an inverted box is empty";
}

TEST(Box, RectCoversTheFloatBox) {
  const cv::Rect r = Box{1.5f, 2.25f, 10.5f, 20.0f}.rect();
  EXPECT_EQ(r, cv::Rect(1, 2, 10, 18));
}

}  // namespace
}  // namespace rill::vision

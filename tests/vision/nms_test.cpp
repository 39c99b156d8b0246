#include "rill/vision/nms.hpp"

#include <gtest/gtest.h>

namespace rill::vision {
namespace {

Detection det(Box b, float score, int label = 0) {
  Detection d;
  d.box = b;
  d.score = score;
  d.label = label;
  d.keypoints = {cv::Point2f(b.x0, b.y0), cv::Point2f(b.x1, b.y1)};
  return d;
}

TEST(WeightedNms, BlendsOverlappingDetectionsWeightedByScore) {
  // IoU 81 / 119 = 0.68: one face seen by two anchors.
  std::vector<Detection> in = {det({1, 1, 11, 11}, 0.3f), det({0, 0, 10, 10}, 0.9f)};
  std::vector<Detection> out = weighted_nms(in, 0.3f);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FLOAT_EQ(out[0].score, 0.9f) << "the best score is kept, not averaged";
  EXPECT_FLOAT_EQ(out[0].box.x0, (0.9f * 0 + 0.3f * 1) / 1.2f);
  EXPECT_FLOAT_EQ(out[0].box.y1, (0.9f * 10 + 0.3f * 11) / 1.2f);
  ASSERT_EQ(out[0].keypoints.size(), 2u);
  EXPECT_FLOAT_EQ(out[0].keypoints[1].x, (0.9f * 10 + 0.3f * 11) / 1.2f);
}

TEST(WeightedNms, KeepsSeparateObjectsApartBestFirst) {
  std::vector<Detection> in = {det({0, 0, 10, 10}, 0.6f), det({50, 50, 60, 60}, 0.8f),
                               det({1, 0, 11, 10}, 0.7f)};
  std::vector<Detection> out = weighted_nms(in, 0.3f);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[0].score, 0.8f);
  EXPECT_EQ(out[0].box, (Box{50, 50, 60, 60})) << "a lone detection is returned unchanged";
  EXPECT_FLOAT_EQ(out[1].score, 0.7f);
  EXPECT_GT(out[1].box.x0, 0.0f);
  EXPECT_LT(out[1].box.x0, 1.0f);
}

TEST(WeightedNms, OverlapMustExceedTheThreshold) {
  // IoU exactly 1/3: above 0.3, not above 0.34.
  std::vector<Detection> in = {det({0, 0, 10, 10}, 0.9f), det({5, 0, 15, 10}, 0.8f)};
  EXPECT_EQ(weighted_nms(in, 0.3f).size(), 1u);
  EXPECT_EQ(weighted_nms(in, 0.34f).size(), 2u);
}

TEST(WeightedNms, NeverMergesDifferentLabels) {
  std::vector<Detection> in = {det({0, 0, 10, 10}, 0.9f, 0), det({0, 0, 10, 10}, 0.8f, 1)};
  EXPECT_EQ(weighted_nms(in, 0.3f).size(), 2u);
}

TEST(WeightedNms, EmptyInEmptyOut) { EXPECT_TRUE(weighted_nms({}, 0.3f).empty()); }

}  // namespace
}  // namespace rill::vision

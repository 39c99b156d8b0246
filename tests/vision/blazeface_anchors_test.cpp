#include "blazeface_anchors.hpp"

#include <gtest/gtest.h>

namespace rill::vision::detail {
namespace {

TEST(BlazeFaceAnchors, FrontModelHas896AnchorsInOutputOrder) {
  const int strides[] = {8, 16, 16, 16};
  const auto grids = anchor_grids(cv::Size(128, 128), strides);
  ASSERT_EQ(grids.size(), 2u);
  EXPECT_EQ(grids[0].cols, 16);
  EXPECT_EQ(grids[0].per_cell, 2);
  EXPECT_EQ(grids[0].count(), 512);
  EXPECT_EQ(grids[1].cols, 8);
  EXPECT_EQ(grids[1].per_cell, 6);
  EXPECT_EQ(grids[1].count(), 384);

  const auto c = anchor_centres(grids);
  ASSERT_EQ(c.size(), 896u);
  EXPECT_EQ(c[0], cv::Point2f(0.5f / 16, 0.5f / 16));
  EXPECT_EQ(c[1], c[0]) << "two anchors per cell of the stride-8 grid";
  EXPECT_EQ(c[2], cv::Point2f(1.5f / 16, 0.5f / 16)) << "cells run left to right";
  EXPECT_EQ(c[32], cv::Point2f(0.5f / 16, 1.5f / 16)) << "then top to bottom";
  EXPECT_EQ(c[512], cv::Point2f(0.5f / 8, 0.5f / 8));
  EXPECT_EQ(c[517], c[512]) << "six anchors per cell of the stride-16 grid";
  EXPECT_EQ(c[518], cv::Point2f(1.5f / 8, 0.5f / 8));
  EXPECT_EQ(c[895], cv::Point2f(7.5f / 8, 7.5f / 8));
}

TEST(BlazeFaceAnchors, OnlyConsecutiveEqualStridesShareAGrid) {
  const int strides[] = {8, 16, 8};
  const auto grids = anchor_grids(cv::Size(64, 32), strides);
  ASSERT_EQ(grids.size(), 3u);
  EXPECT_EQ(grids[0].cols, 8);
  EXPECT_EQ(grids[0].rows, 4);
  EXPECT_EQ(grids[1].count(), 4 * 2 * 2);
  const int bad[] = {0};
  EXPECT_THROW(anchor_grids(cv::Size(64, 64), bad), std::invalid_argument);
}

}  // namespace
}  // namespace rill::vision::detail

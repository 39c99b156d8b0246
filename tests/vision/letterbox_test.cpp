#include "rill/vision/letterbox.hpp"

#include <gtest/gtest.h>

namespace rill::vision {
namespace {

TEST(Letterbox, FitsAWideImageCentredWithPaddingAboveAndBelow) {
  cv::Mat src(100, 200, CV_8UC3, cv::Scalar(200, 100, 50)), dst;
  const Letterbox lb = letterbox(src, cv::Size(128, 128), dst);
  ASSERT_EQ(dst.size(), cv::Size(128, 128));
  EXPECT_FLOAT_EQ(lb.scale.x, 128.0f / 200);
  EXPECT_FLOAT_EQ(lb.scale.y, 64.0f / 100);
  EXPECT_EQ(lb.offset, cv::Point2f(0, 32));
  EXPECT_EQ(dst.at<cv::Vec3b>(31, 64), cv::Vec3b(0, 0, 0)) << "padding";
  EXPECT_EQ(dst.at<cv::Vec3b>(32, 64), cv::Vec3b(200, 100, 50)) << "image";
  EXPECT_EQ(dst.at<cv::Vec3b>(95, 64), cv::Vec3b(200, 100, 50));
  EXPECT_EQ(dst.at<cv::Vec3b>(96, 64), cv::Vec3b(0, 0, 0));
}

TEST(Letterbox, MapsTheInputsCornersBackOntoTheSourcesCorners) {
  cv::Mat src(720, 1280, CV_8UC3, cv::Scalar::all(9)), dst;
  const Letterbox lb = letterbox(src, cv::Size(128, 128), dst);
  EXPECT_EQ(lb.offset, cv::Point2f(0, 28));
  const Box all = lb.to_source(Box{0, 28, 128, 100});
  EXPECT_NEAR(all.x0, 0, 1e-3);
  EXPECT_NEAR(all.y0, 0, 1e-3);
  EXPECT_NEAR(all.x1, 1280, 1e-3);
  EXPECT_NEAR(all.y1, 720, 1e-3);
  const cv::Point2f p = lb.to_source(cv::Point2f(64, 64));
  EXPECT_NEAR(p.x, 640, 1e-3);
  EXPECT_NEAR(p.y, 360, 1e-3);
}

TEST(Letterbox, EnlargesSmallImagesAndNeverWritesIntoTheSource) {
  cv::Mat src(32, 16, CV_8UC3, cv::Scalar::all(77));
  cv::Mat dst = src;  // the same pixels: letterbox must not paint over its own input
  const Letterbox lb = letterbox(src, cv::Size(128, 128), dst);
  EXPECT_FLOAT_EQ(lb.scale.x, 4);
  EXPECT_EQ(lb.offset, cv::Point2f(32, 0));
  EXPECT_EQ(src.size(), cv::Size(16, 32));
  EXPECT_EQ(src.at<cv::Vec3b>(0, 0), cv::Vec3b(77, 77, 77));
  EXPECT_EQ(dst.at<cv::Vec3b>(64, 64), cv::Vec3b(77, 77, 77));
}

TEST(Letterbox, RejectsAnEmptyImage) {
  cv::Mat dst;
  EXPECT_THROW(letterbox(cv::Mat(), cv::Size(128, 128), dst), std::invalid_argument);
}

}  // namespace
}  // namespace rill::vision

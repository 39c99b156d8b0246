#include "rill/vision/visualize.hpp"

#include <set>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace rill::vision {
namespace {

const cv::Scalar kGround(40, 40, 40);

// Pixels that differ from the uniform ground colour.
cv::Mat changed(const cv::Mat& img) {
  cv::Mat diff, mask;
  cv::absdiff(img, kGround, diff);
  cv::cvtColor(diff, mask, cv::COLOR_BGR2GRAY);
  return mask > 0;
}

TEST(Visualize, DrawsOnTheBoxOutlineAndItsCaptionAndNowhereElse) {
  cv::Mat img(300, 400, CV_8UC3, kGround);
  const Track t{.id = 1, .box = {100, 120, 300, 220}, .score = 0.9f};
  DrawStyle style;
  draw(img, std::vector{t}, style);
  const cv::Mat m = changed(img);

  // The four edges are drawn.
  EXPECT_TRUE(m.at<std::uint8_t>(170, 100));
  EXPECT_TRUE(m.at<std::uint8_t>(170, 300));
  EXPECT_TRUE(m.at<std::uint8_t>(120, 200));
  EXPECT_TRUE(m.at<std::uint8_t>(220, 200));
  EXPECT_EQ(img.at<cv::Vec3b>(170, 100), img.at<cv::Vec3b>(220, 200)) << "one colour per track";
  // The inside is left alone.
  EXPECT_EQ(cv::countNonZero(m(cv::Rect(100 + 3, 120 + 3, 200 - 6, 100 - 6))), 0);
  // A caption sits right above the box.
  EXPECT_GT(cv::countNonZero(m(cv::Rect(100, 95, 120, 25))), 100);
  // Nothing beyond the outline's thickness, except the caption strip above.
  std::vector<cv::Point> on;
  cv::findNonZero(m, on);
  const cv::Rect drawn = cv::boundingRect(on);
  const int t2 = style.thickness;
  EXPECT_GE(drawn.x, 100 - t2);
  EXPECT_LE(drawn.x + drawn.width, 300 + t2 + 1);
  EXPECT_LE(drawn.y + drawn.height, 220 + t2 + 1);
  EXPECT_GE(drawn.y, 120 - 30) << "caption taller than a line of text";
}

TEST(Visualize, CaptionGoesInsideTheBoxAtTheImagesTopEdge) {
  cv::Mat img(200, 300, CV_8UC3, kGround);
  draw(img, std::vector{Track{.id = 2, .box = {50, 0, 250, 150}, .score = 0.5f}});
  std::vector<cv::Point> on;
  cv::findNonZero(changed(img), on);
  const cv::Rect drawn = cv::boundingRect(on);
  EXPECT_GE(drawn.y, 0);
  EXPECT_LE(drawn.y + drawn.height, 150 + 3);
  EXPECT_GT(cv::countNonZero(changed(img)(cv::Rect(55, 5, 60, 10))), 50) << "caption inside";
}

TEST(Visualize, DetectionsShowTheirKeypoints) {
  cv::Mat img(200, 200, CV_8UC3, kGround);
  Detection d;
  d.box = {40, 40, 160, 160};
  d.score = 0.8f;
  d.keypoints = {cv::Point2f(80, 90), cv::Point2f(120, 90)};
  draw(img, std::vector{d});
  const cv::Mat m = changed(img);
  EXPECT_TRUE(m.at<std::uint8_t>(90, 80));
  EXPECT_TRUE(m.at<std::uint8_t>(90, 120));
  EXPECT_FALSE(m.at<std::uint8_t>(90, 100)) << "between the keypoints";
  DrawStyle bare;
  bare.keypoints = false;
  cv::Mat plain(200, 200, CV_8UC3, kGround);
  draw(plain, std::vector{d}, bare);
  EXPECT_FALSE(changed(plain).at<std::uint8_t>(90, 80));
}

TEST(Visualize, EachTrackIdHasItsOwnSteadyColour) {
  std::set<std::tuple<double, double, double>> seen;
  for (std::int64_t id = 1; id <= 12; ++id) {
    const cv::Scalar c = track_color(id);
    EXPECT_EQ(c, track_color(id));
    seen.insert({c[0], c[1], c[2]});
  }
  EXPECT_EQ(seen.size(), 12u);
}

TEST(Visualize, RejectsImagesThatAreNotBgr) {
  cv::Mat gray(10, 10, CV_8UC1);
  EXPECT_THROW(draw(gray, std::vector<Track>{}), std::invalid_argument);
}

}  // namespace
}  // namespace rill::vision

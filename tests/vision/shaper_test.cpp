#include "rill/vision/shaper.hpp"

#include <gtest/gtest.h>

namespace rill::vision {
namespace {

Detection det(float x0, float y0, float x1, float y1, float score) {
  Detection d;
  d.box = {x0, y0, x1, y1};
  d.score = score;
  return d;
}

TEST(Shaper, KeepsTheHighestQualityShotOfATrackAndEmitsItWhenTheTrackDies) {
  TrackerOptions o;
  o.max_missed = 2;
  IouTracker tracker(o);
  Shaper shaper;
  // A face that grows while its score dips: quality = score x area decides, not either alone.
  struct Sighting {
    float side;
    float score;
  };
  const std::vector<Sighting> seen = {{40, 0.9f}, {44, 0.95f}, {50, 0.8f}, {52, 0.6f}, {46, 0.9f}};
  // 40^2*.9=1440  44^2*.95=1839  50^2*.8=2000  52^2*.6=1622  46^2*.9=1904: frame 2 is best.
  std::vector<cv::Mat> frames;
  std::vector<Shot> finished;
  for (int f = 0; f < 9; ++f) {
    // Each frame its own pixels (value f), so the shot's image tells which frame it is.
    frames.emplace_back(120, 160, CV_8UC3, cv::Scalar::all(f));
    std::vector<Detection> dets;
    if (f < static_cast<int>(seen.size())) {
      dets.push_back(det(20, 20, 20 + seen[f].side, 20 + seen[f].side, seen[f].score));
    }
    TrackUpdate up = tracker.update(dets);
    shaper.offer(up.tracks, frames.back(), f);
    auto done = shaper.take_finished(up.died);
    if (up.died.empty() && !up.tracks.empty()) {
      EXPECT_TRUE(done.empty()) << "frame " << f;
      EXPECT_EQ(shaper.size(), 1u) << "frame " << f;
    }
    finished.insert(finished.end(), done.begin(), done.end());
  }
  ASSERT_EQ(finished.size(), 1u) << "one shot, when the track died";
  const Shot& s = finished[0];
  EXPECT_EQ(s.track_id, 1);
  EXPECT_EQ(s.frame_index, 2);
  EXPECT_FLOAT_EQ(s.score, 0.8f);
  EXPECT_EQ(s.box, (Box{20, 20, 70, 70}));
  EXPECT_FLOAT_EQ(s.quality, 0.8f * 50 * 50);
  EXPECT_EQ(s.image.data, frames[2].data) << "kept by reference, not copied";
  EXPECT_EQ(s.crop().size(), cv::Size(50, 50));
  EXPECT_EQ(s.crop().at<cv::Vec3b>(0, 0), cv::Vec3b(2, 2, 2));
  EXPECT_EQ(shaper.size(), 0u);
}

TEST(Shaper, TracksNotSeenInTheFrameAreNotOffered) {
  Shaper shaper;
  Track seen{.id = 1, .box = {0, 0, 10, 10}, .score = 0.5f};
  Track coasting{.id = 2, .box = {20, 0, 40, 20}, .score = 0.9f, .missed = 1};
  cv::Mat frame(50, 50, CV_8UC3, cv::Scalar::all(0));
  shaper.offer(std::vector{seen, coasting}, frame);
  EXPECT_EQ(shaper.size(), 1u);
  const std::int64_t both[] = {1, 2};
  auto shots = shaper.take_finished(both);
  ASSERT_EQ(shots.size(), 1u);
  EXPECT_EQ(shots[0].track_id, 1);
}

TEST(Shaper, KeepsAFrameAliveAndConvertsItToBgrOnce) {
  Shaper shaper;
  std::shared_ptr<Frame> gray = Frame::allocate(PixelFormat::kGRAY8, 32, 24);
  gray->frame_index = 17;
  std::fill(gray->data(), gray->data() + 32 * 24, std::uint8_t{90});
  Track t{.id = 5, .box = {4, 4, 20, 20}, .score = 0.7f};
  shaper.offer(std::vector{t}, gray);
  gray.reset();  // only the shaper holds the picture now
  auto shots = shaper.take_all();
  ASSERT_EQ(shots.size(), 1u);
  ASSERT_TRUE(shots[0].frame);
  EXPECT_EQ(shots[0].frame->format(), PixelFormat::kBGR24);
  EXPECT_EQ(shots[0].frame_index, 17);
  EXPECT_EQ(shots[0].image.data, shots[0].frame->data());
  EXPECT_EQ(shots[0].image.at<cv::Vec3b>(10, 10), cv::Vec3b(90, 90, 90));
}

TEST(Shaper, TakeAllFlushesEveryTrackById) {
  Shaper shaper;
  cv::Mat frame(50, 50, CV_8UC3, cv::Scalar::all(0));
  shaper.offer(std::vector{Track{.id = 3, .box = {0, 0, 5, 5}, .score = 1},
                           Track{.id = 1, .box = {9, 9, 20, 20}, .score = 1}},
               frame);
  auto shots = shaper.take_all();
  ASSERT_EQ(shots.size(), 2u);
  EXPECT_EQ(shots[0].track_id, 1);
  EXPECT_EQ(shots[1].track_id, 3);
  EXPECT_EQ(shaper.size(), 0u);
}

TEST(Shaper, OfferReturnsTheTracksWhoseShotItBecame) {
  Shaper shaper;
  cv::Mat frame(50, 50, CV_8UC3, cv::Scalar::all(0));
  Track a{.id = 1, .box = {0, 0, 10, 10}, .score = 0.9f};
  Track b{.id = 2, .box = {20, 20, 30, 30}, .score = 0.9f};
  EXPECT_EQ(shaper.offer(std::vector{a, b}, frame), (std::vector<std::int64_t>{1, 2}));
  a.score = 0.5f;            // worse: stays
  b.box = {20, 20, 40, 40};  // larger: replaces
  EXPECT_EQ(shaper.offer(std::vector{a, b}, frame), (std::vector<std::int64_t>{2}));
  ASSERT_NE(shaper.find(2), nullptr);
  EXPECT_EQ(shaper.find(2)->box, (Box{20, 20, 40, 40}));
  EXPECT_EQ(shaper.find(3), nullptr);
}

TEST(Shaper, WithCopyKeepsTheBoxRegionUntouchedByLaterDrawing) {
  Shaper shaper(ShaperOptions{.copy = true});
  cv::Mat frame(60, 80, CV_8UC3, cv::Scalar::all(0));
  for (int y = 0; y < frame.rows; ++y) {
    for (int x = 0; x < frame.cols; ++x) frame.at<cv::Vec3b>(y, x) = cv::Vec3b(x, y, 7);
  }
  Track t{.id = 4, .box = {70, 10, 100, 30}, .score = 1};  // runs off the right edge
  shaper.offer(std::vector{t}, frame, 3);
  frame.setTo(cv::Scalar::all(255));  // a later node draws over the whole frame
  auto shots = shaper.take_all();
  ASSERT_EQ(shots.size(), 1u);
  const Shot& s = shots[0];
  EXPECT_EQ(s.box, t.box) << "the box stays in the frame's pixels";
  EXPECT_FALSE(s.frame) << "a copy holds no frame";
  EXPECT_EQ(s.origin, cv::Point(70, 10));
  EXPECT_EQ(s.image.size(), cv::Size(10, 20)) << "only the region inside the frame is copied";
  cv::Mat c = s.crop();
  ASSERT_EQ(c.size(), cv::Size(10, 20));
  EXPECT_EQ(c.at<cv::Vec3b>(0, 0), cv::Vec3b(70, 10, 7));
  EXPECT_EQ(c.at<cv::Vec3b>(19, 9), cv::Vec3b(79, 29, 7));
}

TEST(Shot, CropIsAViewClippedToTheImage) {
  Shot s;
  s.image = cv::Mat(40, 60, CV_8UC3, cv::Scalar::all(1));
  s.box = {50, 30, 80, 90};
  cv::Mat c = s.crop();
  EXPECT_EQ(c.size(), cv::Size(10, 10));
  EXPECT_EQ(c.data, s.image.ptr(30, 50));
  s.box = {100, 100, 120, 120};
  EXPECT_TRUE(s.crop().empty());
}

}  // namespace
}  // namespace rill::vision

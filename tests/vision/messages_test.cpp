// The message vocabulary shared by the vision nodes and rill.vision: items and tracks written and
// read back, keypoints kept, malformed entries named, and Visualize's choice of what to draw.

#include "rill/vision/messages.hpp"

#include <functional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace rill::vision {
namespace {

Value box(double x0, double y0, double x1, double y1) {
  return Value(List{Value(x0), Value(y0), Value(x1), Value(y1)});
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(Messages, ItemsReadBackAsTheDetectionsTheyWereWrittenFrom) {
  Detection d;
  d.box = {10.5f, 20, 30, 40.25f};
  d.score = 0.75f;
  d.label = 2;
  d.keypoints = {{11, 21}, {12.5f, 22}};
  const Value items = items_value({d});
  const Map& item = items.as_list().at(0).as_map();
  EXPECT_EQ(item.find("bbox")->as_list().at(3).as_double(), 40.25);
  EXPECT_EQ(item.find("label")->as_int(), 2);
  const std::vector<Detection> back = detections_of(items, "test");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].box, d.box);
  EXPECT_EQ(back[0].score, d.score);
  EXPECT_EQ(back[0].label, 2);
  EXPECT_EQ(back[0].keypoints, d.keypoints) << "keypoints survive the trip (Visualize draws them)";
}

TEST(Messages, ItemsNeedOnlyABoxScoreAndLabelDefault) {
  Map item;
  item.set("bbox", Value(List{Value(1), Value(2), Value(3), Value(4)}));  // ints count as numbers
  const std::vector<Detection> d = detections_of(Value(List{Value(std::move(item))}), "test");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].box, (Box{1, 2, 3, 4}));
  EXPECT_EQ(d[0].score, 1.0f);
  EXPECT_EQ(d[0].label, 0);
  EXPECT_TRUE(d[0].keypoints.empty());
}

TEST(Messages, MalformedItemsAreErrorsNamingTheCaller) {
  EXPECT_EQ(error_of([] { detections_of(Value(3), "Who"); }), "Who: `items` is not a list");
  EXPECT_EQ(error_of([] { detections_of(Value(List{Value("x")}), "Who"); }),
            "Who: an item is not a map");
  Map short_box;
  short_box.set("bbox", Value(List{Value(1), Value(2)}));
  EXPECT_EQ(error_of([&] { detections_of(Value(List{Value(short_box)}), "Who"); }),
            "Who: an item has no `bbox` of 4 numbers");
  Map bad_points;
  bad_points.set("bbox", box(0, 0, 1, 1));
  bad_points.set("keypoints", Value(List{Value(List{Value(1)})}));
  EXPECT_EQ(error_of([&] { detections_of(Value(List{Value(bad_points)}), "Who"); }),
            "Who: an item's `keypoints` is not a list of [x, y] pairs");
  EXPECT_EQ(error_of([] { items_of(Map{}, "Who"); }),
            "Who: the message has no `items` list (put FaceDetect first)");
}

TEST(Messages, ATrackerUpdateAddsTracksBornAndDied) {
  Track t;
  t.id = 4;
  t.box = {1, 2, 3, 4};
  t.score = 0.5f;
  TrackUpdate u{{t}, {4}, {1, 2}};
  Map msg;
  set_track_update(msg, u);
  const std::vector<Track> back = tracks_from(*msg.find("tracks"), "test");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].id, 4);
  EXPECT_EQ(back[0].box, t.box);
  EXPECT_EQ(back[0].score, 0.5f);
  EXPECT_EQ(msg.find("born")->as_list(), (List{Value(4)}));
  EXPECT_EQ(msg.find("died")->as_list(), (List{Value(1), Value(2)}));
  EXPECT_FALSE(tracks_of(Map{}, "test").has_value()) << "no `tracks`: none, not an error";
}

/// Pixels of `m` that are not black.
int lit(const cv::Mat& m) {
  int n = 0;
  for (int y = 0; y < m.rows; ++y) {
    for (int x = 0; x < m.cols; ++x) n += m.at<cv::Vec3b>(y, x) != cv::Vec3b(0, 0, 0);
  }
  return n;
}

TEST(Messages, DrawMessageDrawsTracksRatherThanItemsAndNothingWithoutEither) {
  Map item;
  item.set("bbox", box(5, 5, 30, 30));
  Map track;
  track.set("tid", Value(1));
  track.set("bbox", box(60, 40, 90, 70));
  Map msg;
  msg.set("items", Value(List{Value(item)}));
  msg.set("tracks", Value(List{Value(track)}));
  cv::Mat image(100, 120, CV_8UC3, cv::Scalar::all(0));
  draw_message(image, msg, DrawStyle{}, "test");
  EXPECT_GT(lit(image(cv::Rect(58, 50, 5, 10))), 0) << "the track's left edge";
  EXPECT_EQ(lit(image(cv::Rect(0, 10, 8, 15))), 0) << "the item is not drawn beside tracks";

  cv::Mat blank(100, 120, CV_8UC3, cv::Scalar::all(0));
  draw_message(blank, Map{}, DrawStyle{}, "test");
  EXPECT_EQ(lit(blank), 0);
}

}  // namespace
}  // namespace rill::vision

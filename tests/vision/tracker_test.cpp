#include "rill/vision/tracker.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace rill::vision {
namespace {

Detection det(float x0, float y0, float x1, float y1, int label = 0) {
  Detection d;
  d.box = {x0, y0, x1, y1};
  d.score = 0.9f;
  d.label = label;
  return d;
}

// The id of the live track whose box is `box` (0 when none is).
std::int64_t id_at(const TrackUpdate& up, const Box& box) {
  for (const Track& t : up.tracks) {
    if (t.box == box && t.missed == 0) return t.id;
  }
  return 0;
}

TEST(IouTracker, TwoBoxesMovingApartKeepIds1And2) {
  IouTracker tracker;
  for (int f = 0; f < 12; ++f) {
    Detection a = det(100.0f - 4 * f, 100, 160.0f - 4 * f, 160);
    Detection b = det(170.0f + 4 * f, 100, 230.0f + 4 * f, 160);
    // Detections come in either order: identity is by overlap, not by position in the list.
    std::vector<Detection> dets = f % 2 ? std::vector{b, a} : std::vector{a, b};
    TrackUpdate up = tracker.update(dets);
    ASSERT_EQ(up.tracks.size(), 2u) << "frame " << f;
    EXPECT_EQ(id_at(up, a.box), 1) << "frame " << f;
    EXPECT_EQ(id_at(up, b.box), 2) << "frame " << f;
    EXPECT_EQ(up.born, (f == 0 ? std::vector<std::int64_t>{1, 2} : std::vector<std::int64_t>{}));
    EXPECT_TRUE(up.died.empty());
  }
  const Track t = tracker.tracks().front();
  EXPECT_EQ(t.hits, 12);
  EXPECT_EQ(t.age, 12);
  EXPECT_EQ(t.missed, 0);
}

TEST(IouTracker, ATrackSurvivesMaxMissedFramesAndDiesOnTheNextMiss) {
  TrackerOptions o;
  o.max_missed = 5;
  IouTracker tracker(o);
  const Detection d = det(10, 10, 50, 50);
  EXPECT_EQ(tracker.update(std::vector{d}).born, std::vector<std::int64_t>{1});
  for (int miss = 1; miss <= 5; ++miss) {
    TrackUpdate up = tracker.update({});
    ASSERT_EQ(up.tracks.size(), 1u) << "still alive after " << miss << " missed frames";
    EXPECT_EQ(up.tracks[0].missed, miss);
    EXPECT_TRUE(up.died.empty());
  }
  TrackUpdate gone = tracker.update({});
  EXPECT_EQ(gone.died, std::vector<std::int64_t>{1});
  EXPECT_TRUE(gone.tracks.empty());

  // The same place again is a new object: a new id, never the dead one's.
  TrackUpdate again = tracker.update(std::vector{d});
  EXPECT_EQ(again.born, std::vector<std::int64_t>{2});
  EXPECT_EQ(id_at(again, d.box), 2);
}

TEST(IouTracker, AMissShorterThanMaxMissedKeepsTheId) {
  IouTracker tracker;  // max_missed 5
  const Detection d = det(10, 10, 50, 50);
  tracker.update(std::vector{d});
  for (int i = 0; i < 5; ++i) tracker.update({});
  TrackUpdate back = tracker.update(std::vector{d});
  EXPECT_TRUE(back.born.empty());
  EXPECT_EQ(id_at(back, d.box), 1);
  EXPECT_EQ(back.tracks[0].missed, 0);
  EXPECT_EQ(back.tracks[0].hits, 2);
  EXPECT_EQ(back.tracks[0].age, 7);
}

TEST(IouTracker, CrossingBoxesKeepTheirIdsWhileTheirOwnOverlapIsHigher) {
  IouTracker tracker;
  std::vector<Detection> prev;
  for (int f = 0; f < 14; ++f) {
    // A goes right, B goes left, a little lower: they pass through each other.
    Detection a = det(0.0f + 12 * f, 100, 60.0f + 12 * f, 160);
    Detection b = det(160.0f - 12 * f, 120, 220.0f - 12 * f, 180);
    if (!prev.empty()) {
      // The premise: each box overlaps its own previous position more than the other's.
      ASSERT_GT(iou(prev[0].box, a.box), iou(prev[1].box, a.box)) << "frame " << f;
      ASSERT_GT(iou(prev[1].box, b.box), iou(prev[0].box, b.box)) << "frame " << f;
    }
    TrackUpdate up = tracker.update(std::vector{b, a});
    EXPECT_EQ(id_at(up, a.box), 2) << "frame " << f;
    EXPECT_EQ(id_at(up, b.box), 1) << "frame " << f;
    prev = {a, b};
  }
}

TEST(IouTracker, GreedyMatchingTakesTheHighestOverlapFirst) {
  IouTracker tracker;
  const Detection t1 = det(100, 0, 200, 50), t2 = det(20, 0, 120, 50);
  tracker.update(std::vector{t1, t2});
  // d1 overlaps track 1 (IoU 0.54) more than track 2 (0.33), but d2 overlaps track 1 most of all
  // (0.90) and track 2 hardly (0.08). Highest first: track 1 takes d2, track 2 is left d1.
  // Matching detection by detection instead would give d1 track 1 and leave d2 unmatched.
  const Detection d1 = det(70, 0, 170, 50), d2 = det(105, 0, 205, 50);
  ASSERT_GT(iou(t1.box, d1.box), iou(t2.box, d1.box));
  TrackUpdate up = tracker.update(std::vector{d1, d2});
  EXPECT_EQ(id_at(up, d2.box), 1);
  EXPECT_EQ(id_at(up, d1.box), 2);
  EXPECT_TRUE(up.born.empty());
}

TEST(IouTracker, CountsBirthsAndDeathsOverAScript) {
  TrackerOptions o;
  o.max_missed = 1;
  IouTracker tracker(o);
  const Detection a = det(0, 0, 40, 40), b = det(100, 0, 140, 40), c = det(200, 0, 240, 40);
  std::vector<std::vector<Detection>> script = {
      {a}, {a, b}, {a, b, c}, {b, c}, {c}, {c}, {}, {}, {a},
  };
  std::vector<std::int64_t> born, died;
  for (const auto& frame : script) {
    TrackUpdate up = tracker.update(frame);
    born.insert(born.end(), up.born.begin(), up.born.end());
    died.insert(died.end(), up.died.begin(), up.died.end());
  }
  // a (1) leaves after frame 2 and dies two misses later; b (2) likewise after frame 3;
  // c (3) after frame 5; a's return is a new track (4).
  EXPECT_EQ(born, (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(died, (std::vector<std::int64_t>{1, 2, 3}));
  ASSERT_EQ(tracker.tracks().size(), 1u);
  EXPECT_EQ(tracker.tracks()[0].id, 4);
}

TEST(IouTracker, MinHitsConfirmsAfterConsecutiveMatchesAndFlickerTakesNoId) {
  TrackerOptions o;
  o.min_hits = 3;
  IouTracker tracker(o);
  const Detection steady = det(0, 0, 40, 40), flicker = det(100, 0, 140, 40);
  EXPECT_TRUE(tracker.update(std::vector{steady, flicker}).tracks.empty());
  TrackUpdate second = tracker.update(std::vector{steady});  // flicker gone: dropped silently
  EXPECT_TRUE(second.tracks.empty());
  EXPECT_TRUE(second.died.empty());
  TrackUpdate third = tracker.update(std::vector{steady, flicker});
  EXPECT_EQ(third.born, std::vector<std::int64_t>{1});
  ASSERT_EQ(third.tracks.size(), 1u);
  EXPECT_EQ(third.tracks[0].hits, 3);
  tracker.update(std::vector{steady, flicker});
  TrackUpdate fifth = tracker.update(std::vector{steady, flicker});
  EXPECT_EQ(fifth.born, std::vector<std::int64_t>{2}) << "the next confirmed track gets id 2";
}

TEST(IouTracker, MatchesOnlyDetectionsOfTheTracksLabel) {
  IouTracker tracker;
  tracker.update(std::vector{det(0, 0, 40, 40, 0)});
  TrackUpdate up = tracker.update(std::vector{det(0, 0, 40, 40, 1)});
  EXPECT_EQ(up.born, std::vector<std::int64_t>{2});
  EXPECT_EQ(up.tracks.size(), 2u);
}

TEST(IouTracker, RejectsMeaninglessOptions) {
  EXPECT_THROW(IouTracker(TrackerOptions{.min_iou = 0}), std::invalid_argument);
  EXPECT_THROW(IouTracker(TrackerOptions{.max_missed = -1}), std::invalid_argument);
  EXPECT_THROW(IouTracker(TrackerOptions{.min_hits = 0}), std::invalid_argument);
}

}  // namespace
}  // namespace rill::vision

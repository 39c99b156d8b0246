// Track as an XStream method type: ids that stay put on a static image (FaceDetect -> Track),
// one tracker per source id, INVISIBLE tracks and ended ids, and bad input reported.

#include "track_method.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "rill/sdk/method_registry.hpp"
#include "vision/vision_test_data.hpp"
#include "vision_sdk/vision_sdk_test_util.hpp"

namespace rill::vision {
namespace {

using testing::bboxes;
using testing::frame_input;
using testing::image_datum;
using testing::load_photo;

/// A frame's boxes as FaceDetect gives them.
std::shared_ptr<xstream::BaseDataVector> boxes(std::vector<hobot::vision::BBox> list) {
  auto v = std::make_shared<xstream::BaseDataVector>();
  for (const auto& b : list) v->datas_.push_back(std::make_shared<BBoxData>(b));
  return v;
}

/// One Track node from slot "faces" to "tracks" and "gone", over `sources` sources.
std::string track_workflow(const std::string& config, int sources = 1) {
  return fmt::format(R"({{
    "source_number": {}, "inputs": ["faces"], "outputs": ["tracks", "gone"],
    "workflow": [{{"unique_name": "track", "method_type": "Track", "inputs": ["faces"],
                   "outputs": ["tracks", "gone"], "method_config": {}}}]}})",
                     sources, config);
}

std::vector<std::uint32_t> ids_of(const xstream::BaseDataPtr& datum) {
  std::vector<std::uint32_t> out;
  const auto* v = dynamic_cast<const xstream::BaseDataVector*>(datum.get());
  EXPECT_NE(v, nullptr);
  if (v == nullptr) return out;
  for (const auto& d : v->datas_) {
    const auto* id = dynamic_cast<const TrackIdData*>(d.get());
    EXPECT_NE(id, nullptr);
    if (id != nullptr) out.push_back(id->value);
  }
  return out;
}

TEST(TrackMethod, TrackIdsStayTheSameOverFramesOfAStaticImage) {
  RILL_REQUIRE_BLAZEFACE();
  const std::string json = fmt::format(R"({{
    "inputs": ["image"], "outputs": ["tracks"],
    "workflow": [
      {{"unique_name": "detect", "method_type": "FaceDetect", "inputs": ["image"],
        "outputs": ["faces"], "method_config": {{"model": "{}"}}}},
      {{"unique_name": "track", "method_type": "Track", "inputs": ["faces"],
        "outputs": ["tracks"]}}]}})",
                                       testing::blazeface_model().string());
  auto wf = testing::open_workflow(json);
  ASSERT_TRUE(wf);
  const cv::Mat astronaut = load_photo("astronaut.png");
  for (int frame = 0; frame < 5; ++frame) {
    std::vector<xstream::BaseDataPtr> out =
        testing::predict(*wf, frame_input(image_datum(astronaut)));
    ASSERT_EQ(out.size(), 1u);
    std::vector<hobot::vision::BBox> tracks = bboxes(out[0]);
    ASSERT_EQ(tracks.size(), 1u) << "frame " << frame;
    EXPECT_EQ(tracks[0].id, 1) << "frame " << frame;
    EXPECT_EQ(tracks[0].category_name, "face");
    EXPECT_GE(iou(testing::box_of(tracks[0]), testing::kAstronautFace), 0.5);
  }
}

TEST(TrackMethod, EachSourceHasATrackerOfItsOwn) {
  auto wf = testing::open_workflow(track_workflow("{}", 2));
  ASSERT_TRUE(wf);
  const hobot::vision::BBox left(10, 10, 50, 50, 0.9f);
  const hobot::vision::BBox right(100, 10, 140, 50, 0.9f);
  // Source 0 sees the left box, source 1 first the right one and then the left one: if they
  // shared a tracker, source 1's left box would take source 0's track.
  // The id of the track the frame's box continued or started (the one seen in this frame).
  auto run = [&](const hobot::vision::BBox& b, std::uint32_t source) {
    std::vector<xstream::BaseDataPtr> out =
        testing::predict(*wf, frame_input(boxes({b}), "faces", source));
    EXPECT_EQ(out.size(), 2u);
    std::int32_t id = -100;
    const auto* tracks = dynamic_cast<const xstream::BaseDataVector*>(out.at(0).get());
    for (const auto& t : tracks->datas_) {
      if (t->state_ == xstream::DataState::VALID) {
        EXPECT_EQ(id, -100) << "one box, one track seen";
        id = dynamic_cast<const BBoxData&>(*t).value.id;
      }
    }
    return id;
  };
  EXPECT_EQ(run(left, 0), 1);
  EXPECT_EQ(run(right, 1), 1) << "source 1 numbers its own tracks";
  EXPECT_EQ(run(left, 0), 1);
  EXPECT_EQ(run(left, 1), 2) << "a new face for source 1, not source 0's track";
}

TEST(TrackMethod, AMissedTrackIsInvisibleThenItsIdEndsInTheSecondOutput) {
  auto wf = testing::open_workflow(track_workflow(R"({"max_missed": 1})"));
  ASSERT_TRUE(wf);
  auto step = [&](std::vector<hobot::vision::BBox> list) {
    return testing::predict(*wf, frame_input(boxes(std::move(list)), "faces"));
  };
  std::vector<xstream::BaseDataPtr> seen = step({hobot::vision::BBox(10, 10, 50, 50, 0.9f)});
  ASSERT_EQ(seen.size(), 2u);
  auto* v = dynamic_cast<xstream::BaseDataVector*>(seen[0].get());
  ASSERT_EQ(v->datas_.size(), 1u);
  EXPECT_EQ(v->datas_[0]->state_, xstream::DataState::VALID);
  EXPECT_TRUE(ids_of(seen[1]).empty());

  std::vector<xstream::BaseDataPtr> missed = step({});
  v = dynamic_cast<xstream::BaseDataVector*>(missed[0].get());
  ASSERT_EQ(v->datas_.size(), 1u) << "a missing track lives on for max_missed frames";
  EXPECT_EQ(v->datas_[0]->state_, xstream::DataState::INVISIBLE);
  EXPECT_EQ(bboxes(missed[0])[0].id, 1);

  std::vector<xstream::BaseDataPtr> gone = step({});
  EXPECT_TRUE(bboxes(gone[0]).empty());
  EXPECT_EQ(ids_of(gone[1]), std::vector<std::uint32_t>{1});
}

TEST(TrackMethod, BoxesOfAnotherCategoryDoNotContinueATrack) {
  xstream::MethodPtr method = sdk::default_method_factory()("Track");
  ASSERT_EQ(method->Init(""), 0);
  hobot::vision::BBox face(10, 10, 50, 50, 0.9f, -1, "face");
  hobot::vision::BBox hand = face;
  hand.category_name = "hand";
  auto first = method->DoProcess({{boxes({face})}}, {});
  auto second = method->DoProcess({{boxes({hand})}}, {});
  ASSERT_EQ(bboxes(second[0][0]).size(), 2u) << "the face (missed) and the new hand";
  for (const auto& b : bboxes(second[0][0])) {
    EXPECT_EQ(b.id, b.category_name == "face" ? 1 : 2) << b.category_name;
  }
}

TEST(TrackMethod, ABatchUpdatesTheTrackerFrameByFrameInOrder) {
  xstream::MethodPtr method = sdk::default_method_factory()("Track");
  ASSERT_EQ(method->InitFromJsonString(R"({"min_hits": 2})"), 0);
  const hobot::vision::BBox b(10, 10, 50, 50, 0.9f);
  auto out = method->DoProcess({{boxes({b})}, {boxes({b})}}, {});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(bboxes(out[0][0]).empty()) << "tentative after one hit";
  ASSERT_EQ(bboxes(out[1][0]).size(), 1u) << "confirmed by the second frame of the batch";
  EXPECT_EQ(bboxes(out[1][0])[0].id, 1);
}

TEST(TrackMethod, BadConfigAndBadInputAreClearErrors) {
  Diagnostics diags;
  EXPECT_FALSE(testing::open_workflow(track_workflow(R"({"min_hits": 0})"), &diags));
  EXPECT_NE(diags.format().find("argument 'min_hits' must be between 1 and 100000"),
            std::string::npos)
      << diags.format();

  xstream::MethodPtr method = sdk::default_method_factory()("Track");
  ASSERT_EQ(method->Init(""), 0);
  auto mixed = boxes({hobot::vision::BBox(0, 0, 1, 1)});
  mixed->datas_.push_back(std::make_shared<xstream::XStreamData<int>>(4));
  try {
    method->DoProcess({{mixed}}, {});
    ADD_FAILURE() << "accepted a vector holding an int";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Track: frame 0 of the batch: element 1"),
              std::string::npos)
        << e.what();
  }
  try {
    method->DoProcess({{std::make_shared<xstream::XStreamData<int>>(4)}}, {});
    ADD_FAILURE() << "accepted an int";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Track takes a BaseDataVector"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace rill::vision

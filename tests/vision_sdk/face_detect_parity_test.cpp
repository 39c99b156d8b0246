// One implementation, two doors: the XStream FaceDetect method and the TOML graph's FaceDetect
// node give the same boxes on the same frames (a photo, and the frames of a short video decoded
// by rill::media::VideoReader, fed to both as the same rill Frames).

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "media/test_videos.hpp"
#include "rill/core/testing.hpp"
#include "rill/media/video_reader.hpp"
#include "rill/vision/nodes.hpp"
#include "vision/vision_test_data.hpp"
#include "vision_sdk/vision_sdk_test_util.hpp"

namespace rill::vision {
namespace {

/// What the TOML node found in each frame: its `items` boxes and scores.
std::vector<std::vector<Detection>> node_faces(
    const std::vector<std::shared_ptr<const Frame>>& frames) {
  auto registry = std::make_shared<Registry>();
  register_vision_nodes(*registry);
  Map args;
  args.set("model", Value(testing::blazeface_model().string()));
  rill::testing::NodeHarness h(registry, "FaceDetect", std::move(args));
  h.start();
  for (std::size_t i = 0; i < frames.size(); ++i) {
    Map m;
    m.set("data", Value(frames[i]));
    Envelope e{Value(std::move(m))};
    e.info().set_partial_id(i);
    EXPECT_EQ(h.send("inp", std::move(e)), SendStatus::kOk);
  }
  h.close("inp");
  h.drain();
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  std::vector<std::vector<Detection>> out;
  for (const Envelope& e : h.take("out")) {
    std::vector<Detection> faces;
    for (const Value& item : e.msg().as_map().find("items")->as_list()) {
      const List& b = item.as_map().find("bbox")->as_list();
      Detection d;
      d.box = Box{static_cast<float>(b[0].as_double()), static_cast<float>(b[1].as_double()),
                  static_cast<float>(b[2].as_double()), static_cast<float>(b[3].as_double())};
      d.score = static_cast<float>(item.as_map().find("score")->as_double());
      faces.push_back(d);
    }
    out.push_back(std::move(faces));
  }
  return out;
}

/// What the XStream workflow found in each frame, one predict() per frame.
std::vector<std::vector<hobot::vision::BBox>> workflow_faces(
    const std::vector<std::shared_ptr<const Frame>>& frames) {
  const std::string json = fmt::format(R"({{
    "inputs": ["image"], "outputs": ["faces"],
    "workflow": [{{"unique_name": "detect", "method_type": "FaceDetect", "inputs": ["image"],
                   "outputs": ["faces"], "method_config": {{"model": "{}"}}}}]}})",
                                       testing::blazeface_model().string());
  auto wf = testing::open_workflow(json);
  EXPECT_TRUE(wf);
  std::vector<std::vector<hobot::vision::BBox>> out;
  if (!wf) return out;
  for (const auto& frame : frames) {
    std::vector<xstream::BaseDataPtr> data =
        testing::predict(*wf, testing::frame_input(std::make_shared<FrameData>(frame)));
    out.push_back(data.size() == 1u ? testing::bboxes(data[0])
                                    : std::vector<hobot::vision::BBox>{});
  }
  return out;
}

void expect_same_boxes(const std::vector<std::shared_ptr<const Frame>>& frames) {
  const auto node = node_faces(frames);
  const auto xstream = workflow_faces(frames);
  ASSERT_EQ(node.size(), frames.size());
  ASSERT_EQ(xstream.size(), frames.size());
  std::size_t faces = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    ASSERT_EQ(xstream[i].size(), node[i].size()) << "frame " << i;
    for (std::size_t k = 0; k < node[i].size(); ++k) {
      const Box& n = node[i][k].box;
      const hobot::vision::BBox& x = xstream[i][k];
      EXPECT_NEAR(x.x1, n.x0, 1e-3) << "frame " << i << " face " << k;
      EXPECT_NEAR(x.y1, n.y0, 1e-3) << "frame " << i << " face " << k;
      EXPECT_NEAR(x.x2, n.x1, 1e-3) << "frame " << i << " face " << k;
      EXPECT_NEAR(x.y2, n.y1, 1e-3) << "frame " << i << " face " << k;
      EXPECT_NEAR(x.score, node[i][k].score, 1e-5) << "frame " << i << " face " << k;
      ++faces;
    }
  }
  EXPECT_GE(faces, frames.size()) << "every frame shows the astronaut's face";
}

TEST(FaceDetectParity, TheWorkflowAndTheTomlNodeGiveTheSameBoxesOnAPhoto) {
  RILL_REQUIRE_BLAZEFACE();
  const cv::Mat astronaut = testing::load_photo("astronaut.png");
  expect_same_boxes({testing::rill_frame(astronaut), testing::rill_frame(astronaut)});
}

TEST(FaceDetectParity, TheWorkflowAndTheTomlNodeGiveTheSameBoxesOnAVideo) {
  RILL_REQUIRE_BLAZEFACE();
  ::rill::testing::ScratchDir dir;
  // The astronaut panning through a 400x400 window, 10 frames of H.264 (decoded as YUV 4:2:0:
  // both doors ask the same frames for BGR).
  const std::string video = dir.path("astronaut.mp4");
  ASSERT_EQ(::rill::testing::run_ffmpeg(fmt::format(
                "-loop 1 -i '{}' -vf 'crop=400:400:n*6:n*3' -frames:v 10 -r 25 -c:v libx264 "
                "-pix_fmt yuv420p '{}'",
                (testing::kPhotoDir / "astronaut.png").string(), video)),
            0);
  media::VideoReader reader(video);
  std::vector<std::shared_ptr<const Frame>> frames;
  while (std::shared_ptr<Frame> f = reader.next()) frames.push_back(std::move(f));
  ASSERT_EQ(frames.size(), 10u);
  expect_same_boxes(frames);
}

}  // namespace
}  // namespace rill::vision

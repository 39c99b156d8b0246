// FaceDetect as a node, on the real driver (rill::testing::NodeHarness): faces added to each
// message as MegFlow's `items`, batches of frames, the Haar fallback, bad messages.

#include "nodes/face_detect_node.hpp"

#include <cstring>

#include <gtest/gtest.h>

#include "rill/core/frame.hpp"
#include "rill/core/testing.hpp"
#include "rill/vision/nodes.hpp"
#include "vision/vision_test_data.hpp"

namespace rill::vision {
namespace {

using testing::kAstronautFace;
using testing::load_photo;

std::shared_ptr<const Frame> frame_from(const cv::Mat& bgr) {
  auto f = Frame::allocate(PixelFormat::kBGR24, bgr.cols, bgr.rows);
  for (int y = 0; y < bgr.rows; ++y) {
    std::memcpy(f->data() + f->stride() * static_cast<std::size_t>(y), bgr.ptr(y),
                static_cast<std::size_t>(bgr.cols) * 3);
  }
  return f;
}

Envelope photo_msg(const std::string& name, std::uint64_t id) {
  Map m;
  m.set("data", Value(frame_from(load_photo(name))));
  m.set("extra_data", Value(name));
  Envelope e{Value(std::move(m))};
  e.info().set_partial_id(id);
  return e;
}

std::shared_ptr<Registry> registry() {
  auto r = std::make_shared<Registry>();
  register_vision_nodes(*r);
  return r;
}

Box box_of(const Value& item) {
  const List& b = item.as_map().find("bbox")->as_list();
  return Box{static_cast<float>(b[0].as_double()), static_cast<float>(b[1].as_double()),
             static_cast<float>(b[2].as_double()), static_cast<float>(b[3].as_double())};
}

std::vector<Envelope> run(Map args, std::vector<Envelope> in) {
  rill::testing::NodeHarness h(registry(), "FaceDetect", std::move(args));
  h.start();
  for (Envelope& e : in) EXPECT_EQ(h.send("inp", std::move(e)), SendStatus::kOk);
  h.close("inp");
  h.drain();
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  return h.take("out");
}

TEST(FaceDetectNode, AddsTheFacesOfEveryFrameOfABatchAsItems) {
  RILL_REQUIRE_BLAZEFACE();
  Map args;
  args.set("model", Value(testing::blazeface_model().string()));
  args.set("batch_size", Value(4));
  std::vector<Envelope> out = run(args, {photo_msg("astronaut.png", 0), photo_msg("coffee.png", 1),
                                         photo_msg("astronaut.png", 2)});
  ASSERT_EQ(out.size(), 3u);
  for (std::size_t i : {0u, 2u}) {
    const Map& m = out[i].msg().as_map();
    EXPECT_EQ(m.find("extra_data")->as_string(), "astronaut.png")
        << "the rest of the message stays";
    EXPECT_EQ(*out[i].info().partial_id(), i);
    const List& items = m.find("items")->as_list();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_GE(iou(box_of(items[0]), kAstronautFace), 0.5);
    EXPECT_GT(items[0].as_map().find("score")->as_double(), 0.5);
    EXPECT_EQ(items[0].as_map().find("keypoints")->as_list().size(), 6u);
  }
  EXPECT_TRUE(out[1].msg().as_map().find("items")->as_list().empty()) << "no face in coffee.png";
}

TEST(FaceDetectNode, HaarFindsTheFaceAndAutoFallsBackToItWithoutTheModel) {
  for (const char* detector : {"haar", "auto"}) {
    Map args;
    args.set("detector", Value(detector));
    args.set("model", Value("/nonexistent/blazeface.onnx"));
    std::vector<Envelope> out = run(args, {photo_msg("astronaut.png", 0)});
    ASSERT_EQ(out.size(), 1u);
    const List& items = out[0].msg().as_map().find("items")->as_list();
    ASSERT_EQ(items.size(), 1u) << detector;
    EXPECT_GE(iou(box_of(items[0]), kAstronautFace), 0.5) << detector;
  }
}

TEST(FaceDetectNode, AMissingModelAskedForByNameIsAClearError) {
  Map args;
  args.set("detector", Value("blazeface"));
  args.set("model", Value("/nonexistent/blazeface.onnx"));
  try {
    rill::testing::NodeHarness h(registry(), "FaceDetect", args);
    FAIL() << "built without its model";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/blazeface.onnx"), std::string::npos)
        << e.what();
  }
}

TEST(FaceDetectNode, AMessageWithoutAFrameFailsTheNodeWithAClearError) {
  Map args;
  args.set("detector", Value("haar"));
  rill::testing::NodeHarness h(registry(), "FaceDetect", args);
  h.start();
  h.send("inp", Envelope(Value("not a frame")));
  h.close("inp");
  h.drain();
  EXPECT_NE(h.error().find("neither a frame nor a map"), std::string::npos) << h.error();
}

}  // namespace
}  // namespace rill::vision

#include "rill/vision/haar_face.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/scratch_dir.hpp"
#include "vision/vision_test_data.hpp"

namespace rill::vision {
namespace {

using testing::kAstronautFace;
using testing::load_photo;

// The detection overlapping the astronaut's face most (the cascade may also fire elsewhere).
const Detection* best_on_face(const std::vector<Detection>& faces, const Box& face) {
  const Detection* best = nullptr;
  for (const Detection& d : faces) {
    if (!best || iou(d.box, face) > iou(best->box, face)) best = &d;
  }
  return best;
}

TEST(HaarFaceDetector, FindsTheAstronautsFace) {
  HaarFaceDetector detector;
  const std::vector<Detection> faces = detector.detect(load_photo("astronaut.png"));
  ASSERT_EQ(faces.size(), 1u);
  EXPECT_GE(iou(faces[0].box, kAstronautFace), 0.5f);
  EXPECT_FLOAT_EQ(faces[0].score, 1.0f);
  EXPECT_TRUE(faces[0].keypoints.empty());
}

TEST(HaarFaceDetector, FindsNoFaceInTheCoffeeCupOrTheCat) {
  HaarFaceDetector detector;
  const std::vector<cv::Mat> photos = {load_photo("coffee.png"), load_photo("chelsea.png")};
  for (const auto& faces : detector.detect(photos)) EXPECT_TRUE(faces.empty());
}

// The cascade searches the image at full resolution, so a 1280x720 canvas is no problem; its
// windows sit on each pyramid level's pixel grid, which moves with the canvas, so positions
// vary by a few pixels (at most 4 over 25 random offsets when this was written).
TEST(HaarFaceDetector, BoxesFollowTheAstronautIntoA1280x720Canvas) {
  HaarFaceDetector detector;
  const cv::Mat astronaut = load_photo("astronaut.png");
  const std::vector<Detection> plain = detector.detect(astronaut);
  ASSERT_EQ(plain.size(), 1u);
  for (cv::Point at : {cv::Point(0, 0), cv::Point(300, 100), cv::Point(768, 208)}) {
    cv::Mat canvas(720, 1280, CV_8UC3, cv::Scalar::all(0));
    astronaut.copyTo(canvas(cv::Rect(at, astronaut.size())));
    const Box face{kAstronautFace.x0 + at.x, kAstronautFace.y0 + at.y, kAstronautFace.x1 + at.x,
                   kAstronautFace.y1 + at.y};
    const std::vector<Detection> faces = detector.detect(canvas);
    const Detection* d = best_on_face(faces, face);
    ASSERT_NE(d, nullptr) << "at " << at;
    EXPECT_NEAR(d->box.x0 - at.x, plain[0].box.x0, 5.0) << "at " << at;
    EXPECT_NEAR(d->box.y0 - at.y, plain[0].box.y0, 5.0) << "at " << at;
    EXPECT_NEAR(d->box.x1 - at.x, plain[0].box.x1, 5.0) << "at " << at;
    EXPECT_NEAR(d->box.y1 - at.y, plain[0].box.y1, 5.0) << "at " << at;
  }
}

TEST(HaarFaceDetector, AMissingOrBrokenCascadeIsAClearError) {
  rill::testing::ScratchDir dir;
  HaarOptions missing;
  missing.cascade = dir.path("nope.xml");
  try {
    HaarFaceDetector d(missing);
    FAIL() << "a missing cascade loaded";
  } catch (const ModelError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr(missing.cascade.string()));
  }
  HaarOptions broken;
  broken.cascade = dir.write("broken.xml", "<?xml version=\"1.0\"?>\n<opencv_storage>\n");
  try {
    HaarFaceDetector d(broken);
    FAIL() << "a broken cascade loaded";
  } catch (const ModelError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr(broken.cascade.string()));
  }
}

}  // namespace
}  // namespace rill::vision

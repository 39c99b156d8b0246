#include <atomic>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include "rill/vision/face_detect.hpp"
#include "rill/vision/frame_mat.hpp"
#include "vision/vision_test_data.hpp"

namespace rill::vision {
namespace {

using testing::blazeface_model;
using testing::kAstronautFace;
using testing::load_photo;

// Passes forwards on to the real backend and counts them, with their batch sizes.
class CountingBackend final : public InferenceBackend {
 public:
  explicit CountingBackend(std::shared_ptr<InferenceBackend> inner) : inner_(std::move(inner)) {}
  cv::Size input_size() const override { return inner_->input_size(); }
  int input_channels() const override { return inner_->input_channels(); }
  const std::vector<std::string>& output_names() const override { return inner_->output_names(); }
  Blobs forward(const cv::Mat& batch) override {
    batches.push_back(batch.size[0]);
    return inner_->forward(batch);
  }
  std::vector<int> batches;

 private:
  std::shared_ptr<InferenceBackend> inner_;
};

void expect_same_boxes(const std::vector<Detection>& a, const std::vector<Detection>& b,
                       const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_NEAR(a[i].box.x0, b[i].box.x0, 1.0) << what;
    EXPECT_NEAR(a[i].box.y0, b[i].box.y0, 1.0) << what;
    EXPECT_NEAR(a[i].box.x1, b[i].box.x1, 1.0) << what;
    EXPECT_NEAR(a[i].box.y1, b[i].box.y1, 1.0) << what;
    EXPECT_NEAR(a[i].score, b[i].score, 1e-4) << what;
  }
}

Box moved(const Box& b, cv::Point by) {
  return {b.x0 + by.x, b.y0 + by.y, b.x1 + by.x, b.y1 + by.y};
}

TEST(BlazeFace, FindsExactlyTheAstronautsFaceWithItsKeypoints) {
  RILL_REQUIRE_BLAZEFACE();
  BlazeFace detector(blazeface_model());
  const std::vector<Detection> faces = detector.detect(load_photo("astronaut.png"));
  ASSERT_EQ(faces.size(), 1u);
  const Detection& f = faces[0];
  EXPECT_GE(iou(f.box, kAstronautFace), 0.5f)
      << f.box.x0 << "," << f.box.y0 << " - " << f.box.x1 << "," << f.box.y1;
  EXPECT_GE(f.score, 0.5f);
  EXPECT_LE(f.score, 1.0f);
  EXPECT_EQ(f.label, 0);
  ASSERT_EQ(f.keypoints.size(), 6u);
  // Facial geometry, in image coordinates: the subject's right eye is on the viewer's left,
  // both eyes above the nose tip, the nose above the mouth, all inside the box.
  const auto& k = f.keypoints;
  EXPECT_LT(k[0].x, k[1].x);
  EXPECT_LT(std::max(k[0].y, k[1].y), k[2].y);
  EXPECT_LT(k[2].y, k[3].y);
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(kAstronautFace.rect().contains(k[i])) << "keypoint " << i << " " << k[i];
  }
}

TEST(BlazeFace, FindsNoFaceInThePhotoOfACoffeeCup) {
  RILL_REQUIRE_BLAZEFACE();
  BlazeFace detector(blazeface_model());
  EXPECT_TRUE(detector.detect(load_photo("coffee.png")).empty());
}

TEST(BlazeFace, OneBatchedCallEqualsSingleCallsAndRunsOneForward) {
  RILL_REQUIRE_BLAZEFACE();
  auto counting =
      std::make_shared<CountingBackend>(std::make_shared<OpenCvDnnBackend>(blazeface_model()));
  BlazeFace detector(counting);
  const cv::Mat astronaut = load_photo("astronaut.png");
  cv::Mat flipped;
  cv::flip(astronaut, flipped, 1);
  const std::vector<cv::Mat> images = {astronaut, load_photo("coffee.png"), flipped};

  counting->batches.clear();  // the constructor's probe
  const auto batched = detector.detect(images);
  EXPECT_EQ(counting->batches, std::vector<int>{3}) << "one forward for the whole batch";
  ASSERT_EQ(batched.size(), 3u);
  for (std::size_t i = 0; i < images.size(); ++i) {
    expect_same_boxes(batched[i], detector.detect(images[i]), "image " + std::to_string(i));
  }
  // Each image's boxes are mapped with its own geometry: the flipped face is the mirror image.
  ASSERT_EQ(batched[0].size(), 1u);
  ASSERT_EQ(batched[2].size(), 1u);
  const Box& b = batched[0][0].box;
  const Box mirrored{astronaut.cols - b.x1, b.y0, astronaut.cols - b.x0, b.y1};
  EXPECT_GE(iou(batched[2][0].box, mirrored), 0.8f);
  EXPECT_TRUE(batched[1].empty());
}

// The letterbox is undone exactly: the astronaut pasted at different places of a larger,
// non-square canvas gives the same box moved by exactly the offset. The canvas is 640x600 and
// the offsets steps of 80 px: at the letterbox's scale of 1/5 that is 16 input pixels, the
// model's coarsest stride, so the network sees the very same face shifted by whole cells. (A
// 1280x720 canvas would shrink the face to 10 input pixels, too small for this short-range
// model: it finds nothing there. The Haar tests cover 1280x720.)
TEST(BlazeFace, BoxesFollowTheImageThroughTheLetterbox) {
  RILL_REQUIRE_BLAZEFACE();
  BlazeFace detector(blazeface_model());
  const cv::Mat astronaut = load_photo("astronaut.png");
  const std::vector<Detection> plain = detector.detect(astronaut);
  ASSERT_EQ(plain.size(), 1u);

  std::vector<Box> found;
  const std::vector<cv::Point> offsets = {{0, 0}, {80, 0}, {0, 80}, {80, 80}};
  for (cv::Point at : offsets) {
    cv::Mat canvas(600, 640, CV_8UC3, cv::Scalar::all(0));
    astronaut.copyTo(canvas(cv::Rect(at, astronaut.size())));
    const std::vector<Detection> faces = detector.detect(canvas);
    ASSERT_EQ(faces.size(), 1u) << "at " << at;
    found.push_back(moved(faces[0].box, -at));
  }
  for (std::size_t i = 1; i < found.size(); ++i) {
    EXPECT_NEAR(found[i].x0, found[0].x0, 2.0) << "at " << offsets[i];
    EXPECT_NEAR(found[i].y0, found[0].y0, 2.0) << "at " << offsets[i];
    EXPECT_NEAR(found[i].x1, found[0].x1, 2.0) << "at " << offsets[i];
    EXPECT_NEAR(found[i].y1, found[0].y1, 2.0) << "at " << offsets[i];
  }
  // Against the photo alone, which the model sees at 1/4 instead of 1/5: a few pixels apart,
  // where a mistaken vertical padding (4 input rows) would put it 20 pixels off.
  EXPECT_NEAR(found[0].x0, plain[0].box.x0, 4.0);
  EXPECT_NEAR(found[0].y0, plain[0].box.y0, 4.0);
  EXPECT_NEAR(found[0].x1, plain[0].box.x1, 4.0);
  EXPECT_NEAR(found[0].y1, plain[0].box.y1, 4.0);
}

TEST(BlazeFace, TheScoreThresholdIsConfigurable) {
  RILL_REQUIRE_BLAZEFACE();
  const cv::Mat astronaut = load_photo("astronaut.png");
  const std::vector<Detection> faces = BlazeFace(blazeface_model()).detect(astronaut);
  ASSERT_EQ(faces.size(), 1u);
  ASSERT_LT(faces[0].score, 0.999f);
  BlazeFaceOptions strict;
  strict.score_threshold = faces[0].score + 0.001f;
  EXPECT_TRUE(BlazeFace(blazeface_model(), strict).detect(astronaut).empty());
}

TEST(BlazeFace, DetectsInAFramesPixels) {
  RILL_REQUIRE_BLAZEFACE();
  BlazeFace detector(blazeface_model());
  const cv::Mat astronaut = load_photo("astronaut.png");
  std::shared_ptr<Frame> frame =
      Frame::allocate(PixelFormat::kBGR24, astronaut.cols, astronaut.rows);
  astronaut.copyTo(bgr_mat(*frame));
  expect_same_boxes(detector.detect(bgr_mat(*frame)), detector.detect(astronaut), "frame");
}

TEST(BlazeFace, RejectsImagesThatAreNotBgrAndModelsThatAreNotBlazeFace) {
  RILL_REQUIRE_BLAZEFACE();
  BlazeFace detector(blazeface_model());
  EXPECT_THROW(detector.detect(cv::Mat()), std::invalid_argument);
  EXPECT_THROW(detector.detect(cv::Mat(64, 64, CV_8UC1, cv::Scalar(0))), std::invalid_argument);
  EXPECT_TRUE(detector.detect(std::span<const cv::Mat>()).empty());

  // A backend of another input size is refused up front, with the reason.
  class SmallInput final : public InferenceBackend {
   public:
    cv::Size input_size() const override { return {64, 64}; }
    int input_channels() const override { return 3; }
    const std::vector<std::string>& output_names() const override { return names_; }
    Blobs forward(const cv::Mat&) override { return {}; }

   private:
    std::vector<std::string> names_;
  };
  try {
    BlazeFace wrong(std::make_shared<SmallInput>());
    FAIL() << "a 64x64 model was taken for BlazeFace front";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("128"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rill::vision

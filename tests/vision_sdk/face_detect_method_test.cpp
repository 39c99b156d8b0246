// FaceDetect as an XStream method type: the astronaut's face found and coffee left alone through
// a real workflow, every raw pixel format an XStream application passes, a batch in one call,
// method_config checked like the TOML node's arguments, and bad input reported, not crashed on.

#include "face_detect_method.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "rill/sdk/method_registry.hpp"
#include "support/scratch_dir.hpp"
#include "vision/vision_test_data.hpp"
#include "vision_sdk/vision_sdk_test_util.hpp"

namespace rill::vision {
namespace {

using testing::bboxes;
using testing::box_of;
using testing::frame_input;
using testing::image_datum;
using testing::kAstronautFace;
using testing::load_photo;

/// One FaceDetect node reading slot "image" into "faces", with `config` as its method_config.
std::string detect_workflow(const std::string& config) {
  return fmt::format(R"({{
    "inputs": ["image"], "outputs": ["faces"],
    "workflow": [{{"unique_name": "detect", "method_type": "FaceDetect",
                   "inputs": ["image"], "outputs": ["faces"], "method_config": {}}}]}})",
                     config);
}

std::string blazeface_config() {
  return fmt::format(R"({{"model": "{}"}})", testing::blazeface_model().string());
}

std::vector<hobot::vision::BBox> detect(sdk::Workflow& wf, xstream::BaseDataPtr image) {
  std::vector<xstream::BaseDataPtr> out = testing::predict(wf, frame_input(std::move(image)));
  if (out.size() != 1u) {
    ADD_FAILURE() << "expected one output slot, got " << out.size();
    return {};
  }
  return bboxes(out[0]);
}

void expect_the_astronauts_face(const std::vector<hobot::vision::BBox>& boxes,
                                const std::string& what) {
  ASSERT_EQ(boxes.size(), 1u) << what;
  EXPECT_GE(iou(box_of(boxes[0]), kAstronautFace), 0.5) << what;
  EXPECT_GT(boxes[0].score, 0.5f) << what;
}

/// `bgr` as packed I420 (Y, U, V planes), NV12 or NV21 (Y, interleaved chroma) in one buffer of
/// height * 3 / 2 rows.
cv::Mat yuv420(const cv::Mat& bgr, HorizonVisionPixelFormat format) {
  cv::Mat i420;
  cv::cvtColor(bgr, i420, cv::COLOR_BGR2YUV_I420);
  if (format == kHorizonVisionPixelFormatRawI420) return i420;
  const int w = bgr.cols;
  const int h = bgr.rows;
  cv::Mat out = i420.clone();
  const std::uint8_t* u = i420.data + static_cast<std::size_t>(w) * h;
  const std::uint8_t* v = u + static_cast<std::size_t>(w / 2) * (h / 2);
  std::uint8_t* uv = out.data + static_cast<std::size_t>(w) * h;
  const bool nv12 = format == kHorizonVisionPixelFormatRawNV12;
  for (std::size_t i = 0; i < static_cast<std::size_t>(w / 2) * (h / 2); ++i) {
    uv[2 * i] = nv12 ? u[i] : v[i];
    uv[2 * i + 1] = nv12 ? v[i] : u[i];
  }
  return out;
}

/// An ImageFrame whose NV12 chroma lives in a buffer of its own (as camera drivers hand it over),
/// with padded rows.
struct TwoPlaneNv12 : hobot::vision::ImageFrame {
  cv::Mat y, uv;  // uv: h/2 rows of w bytes (interleaved U, V)
  int width = 0, height = 0;
  uint8_t* Data() override { return y.data; }
  uint8_t* DataUV() override { return uv.data; }
  uint32_t DataSize() override { return static_cast<uint32_t>(y.step * y.rows); }
  uint32_t DataUVSize() override { return static_cast<uint32_t>(uv.step * uv.rows); }
  uint32_t Width() override { return static_cast<uint32_t>(width); }
  uint32_t Height() override { return static_cast<uint32_t>(height); }
  uint32_t Stride() override { return static_cast<uint32_t>(y.step); }
  uint32_t StrideUV() override { return static_cast<uint32_t>(uv.step); }
};

std::shared_ptr<ImageFrameData> two_plane_nv12(const cv::Mat& bgr) {
  const cv::Mat packed = yuv420(bgr, kHorizonVisionPixelFormatRawNV12);
  auto f = std::make_shared<TwoPlaneNv12>();
  f->width = bgr.cols;
  f->height = bgr.rows;
  f->pixel_format = kHorizonVisionPixelFormatRawNV12;
  f->type = "TwoPlaneNv12";
  // Row padding of 64 bytes in both planes: strides are honoured, not assumed.
  cv::Mat y_padded(bgr.rows, bgr.cols + 64, CV_8UC1, cv::Scalar(0));
  cv::Mat uv_padded(bgr.rows / 2, bgr.cols + 64, CV_8UC1, cv::Scalar(0));
  packed.rowRange(0, bgr.rows).copyTo(y_padded.colRange(0, bgr.cols));
  packed.rowRange(bgr.rows, bgr.rows * 3 / 2).copyTo(uv_padded.colRange(0, bgr.cols));
  f->y = y_padded;
  f->uv = uv_padded;
  auto datum = std::make_shared<ImageFrameData>();
  datum->value = f;
  return datum;
}

TEST(FaceDetectMethod, IsRegisteredWhenTheLibraryLoads) {
  const std::vector<std::string> types = sdk::registered_method_types();
  for (const std::string& t : vision_method_types()) {
    EXPECT_NE(std::find(types.begin(), types.end(), t), types.end()) << t;
  }
}

TEST(FaceDetectMethod, FindsTheAstronautsFaceAsABBoxAndNothingInCoffee) {
  RILL_REQUIRE_BLAZEFACE();
  auto wf = testing::open_workflow(detect_workflow(blazeface_config()));
  ASSERT_TRUE(wf);
  std::vector<hobot::vision::BBox> faces = detect(*wf, image_datum(load_photo("astronaut.png")));
  expect_the_astronauts_face(faces, "astronaut.png");
  ASSERT_EQ(faces.size(), 1u);
  EXPECT_EQ(faces[0].id, -1) << "a detection has no track id";
  EXPECT_EQ(faces[0].category_name, "face");
  EXPECT_TRUE(detect(*wf, image_datum(load_photo("coffee.png"))).empty()) << "no face in coffee";
  EXPECT_EQ(wf->method_version("detect"), "rill FaceDetect (blazeface)");
}

TEST(FaceDetectMethod, ReadsEveryRawPixelFormatAndRillFrames) {
  RILL_REQUIRE_BLAZEFACE();
  auto wf = testing::open_workflow(detect_workflow(blazeface_config()));
  ASSERT_TRUE(wf);
  const cv::Mat bgr = load_photo("astronaut.png");
  cv::Mat rgb, bgra, rgba;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
  cv::cvtColor(bgr, rgba, cv::COLOR_BGR2RGBA);
  // RawBGR is read in place, even from a Mat whose rows are padded (a ROI of a wider image).
  cv::Mat wide(bgr.rows, bgr.cols + 40, CV_8UC3, cv::Scalar(0, 0, 0));
  bgr.copyTo(wide.colRange(0, bgr.cols));
  const std::vector<std::pair<std::string, xstream::BaseDataPtr>> inputs = {
      {"RawBGR", image_datum(bgr)},
      {"RawBGR, padded rows", image_datum(wide.colRange(0, bgr.cols))},
      {"RawRGB", image_datum(rgb, kHorizonVisionPixelFormatRawRGB)},
      {"RawBGRA", image_datum(bgra, kHorizonVisionPixelFormatRawBGRA)},
      {"RawRGBA", image_datum(rgba, kHorizonVisionPixelFormatRawRGBA)},
      {"RawNV12", image_datum(yuv420(bgr, kHorizonVisionPixelFormatRawNV12),
                              kHorizonVisionPixelFormatRawNV12)},
      {"RawNV21", image_datum(yuv420(bgr, kHorizonVisionPixelFormatRawNV21),
                              kHorizonVisionPixelFormatRawNV21)},
      {"RawI420", image_datum(yuv420(bgr, kHorizonVisionPixelFormatRawI420),
                              kHorizonVisionPixelFormatRawI420)},
      {"RawNV12, separate chroma plane", two_plane_nv12(bgr)},
      {"rill::Frame", std::make_shared<FrameData>(testing::rill_frame(bgr))},
  };
  const std::vector<hobot::vision::BBox> reference = detect(*wf, image_datum(bgr));
  ASSERT_EQ(reference.size(), 1u);
  for (const auto& [what, datum] : inputs) {
    std::vector<hobot::vision::BBox> faces = detect(*wf, datum);
    expect_the_astronauts_face(faces, what);
    if (faces.size() == 1u) {
      // YUV 4:2:0 loses chroma detail, so those boxes move slightly; the rest are the same pixels.
      EXPECT_GE(iou(box_of(faces[0]), box_of(reference[0])), 0.9) << what;
    }
  }
}

TEST(FaceDetectMethod, DetectsABatchOfFramesInOneCallEachWithItsOwnBoxes) {
  RILL_REQUIRE_BLAZEFACE();
  xstream::MethodPtr method = sdk::default_method_factory()("FaceDetect");
  ASSERT_TRUE(method);
  ASSERT_EQ(method->InitFromJsonString(blazeface_config()), 0);
  auto invalid = std::make_shared<xstream::BaseData>();
  invalid->state_ = xstream::DataState::INVALID;
  const cv::Mat astronaut = load_photo("astronaut.png");
  std::vector<std::vector<xstream::BaseDataPtr>> batch = {
      {image_datum(astronaut)},
      {std::make_shared<FrameData>(testing::rill_frame(load_photo("coffee.png")))},
      {invalid},
      {image_datum(astronaut)},
  };
  auto out = method->DoProcess(batch, {});
  ASSERT_EQ(out.size(), 4u);
  for (const auto& frame : out) ASSERT_EQ(frame.size(), 1u);
  expect_the_astronauts_face(bboxes(out[0][0]), "frame 0");
  EXPECT_TRUE(bboxes(out[1][0]).empty()) << "frame 1: coffee";
  EXPECT_EQ(out[2][0]->state_, xstream::DataState::INVALID) << "an invalid input stays invalid";
  EXPECT_TRUE(bboxes(out[2][0]).empty());
  // The same image twice in a batch gives the same box, as it does alone.
  auto alone = method->DoProcess({{image_datum(astronaut)}}, {});
  const auto a = bboxes(out[0][0]), b = bboxes(out[3][0]), c = bboxes(alone[0][0]);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(c.size(), 1u);
  for (const auto* other : {&b, &c}) {
    EXPECT_NEAR((*other)[0].x1, a[0].x1, 1e-3);
    EXPECT_NEAR((*other)[0].y1, a[0].y1, 1e-3);
    EXPECT_NEAR((*other)[0].x2, a[0].x2, 1e-3);
    EXPECT_NEAR((*other)[0].y2, a[0].y2, 1e-3);
  }
}

TEST(FaceDetectMethod, HaarIsChosenByMethodConfigAndFindsTheFace) {
  auto wf = testing::open_workflow(detect_workflow(R"({"detector": "haar"})"));
  ASSERT_TRUE(wf);
  EXPECT_EQ(wf->method_version("detect"), "rill FaceDetect (haar)");
  expect_the_astronauts_face(detect(*wf, image_datum(load_photo("astronaut.png"))), "haar");
}

TEST(FaceDetectMethod, AutoFallsBackToHaarWithoutTheModelAsTheNodeDoes) {
  auto wf = testing::open_workflow(detect_workflow(R"({"model": "/nonexistent/blazeface.onnx"})"));
  ASSERT_TRUE(wf);
  EXPECT_EQ(wf->method_version("detect"), "rill FaceDetect (haar)");
}

TEST(FaceDetectMethod, InitReadsTheMethodConfigFile) {
  ::rill::testing::ScratchDir dir;
  dir.write("detect.json", R"({"detector": "haar"})");
  const std::string json = R"({
    "inputs": ["image"], "outputs": ["faces"],
    "workflow": [{"unique_name": "detect", "method_type": "FaceDetect",
                  "inputs": ["image"], "outputs": ["faces"], "method_config_file": "detect.json"}]})";
  Diagnostics diags;
  auto wf = testing::open_workflow(json, &diags, dir.path());
  ASSERT_TRUE(wf) << diags.format();
  EXPECT_EQ(wf->method_version("detect"), "rill FaceDetect (haar)");

  dir.write("bad.json", R"({"detector": "haar", "min_size": 3})");
  const std::string bad = R"({
    "inputs": ["image"], "outputs": ["faces"],
    "workflow": [{"unique_name": "detect", "method_type": "FaceDetect",
                  "inputs": ["image"], "outputs": ["faces"], "method_config_file": "bad.json"}]})";
  EXPECT_FALSE(testing::open_workflow(bad, &diags, dir.path()));
  EXPECT_NE(diags.format().find("unknown argument 'min_size'"), std::string::npos)
      << diags.format();
  EXPECT_NE(diags.format().find("bad.json)"), std::string::npos) << "names the file";
}

TEST(FaceDetectMethod, MethodConfigIsCheckedLikeTheNodesArguments) {
  struct Case {
    const char* config;
    const char* message;
  };
  const Case cases[] = {
      {R"({"score_treshold": 0.5})",
       "unknown argument 'score_treshold' (did you mean 'score_threshold'?)"},
      {R"({"score": 0.5})",
       "unknown argument 'score'; its arguments are detector, model, score_threshold"},
      {R"({"score_threshold": 2})", "argument 'score_threshold' must be between 0 and 1"},
      {R"({"score_threshold": "high"})", "argument 'score_threshold' must be a number"},
      {R"({"detector": "yolo"})", "argument 'detector' must be one of 'auto', 'blazeface', 'haar'"},
      {R"({"detector": "blazeface", "model": "/nonexistent/m.onnx"})", "/nonexistent/m.onnx"},
  };
  for (const Case& c : cases) {
    Diagnostics diags;
    EXPECT_FALSE(testing::open_workflow(detect_workflow(c.config), &diags)) << c.config;
    const std::string text = diags.format();
    EXPECT_NE(text.find("test.json:"), std::string::npos) << "located at the node: " << text;
    EXPECT_NE(text.find("node 'detect'"), std::string::npos) << text;
    EXPECT_NE(text.find(c.message), std::string::npos) << c.config << "\n" << text;
  }
}

TEST(FaceDetectMethod, AnInputThatIsNoImageFailsTheCallWithAClearError) {
  auto wf = testing::open_workflow(detect_workflow(R"({"detector": "haar"})"));
  ASSERT_TRUE(wf);
  // Through the workflow: the frame completes, the node counts a failure, nothing crashes.
  std::vector<sdk::FrameOutputPtr> outs =
      wf->predict(frame_input(std::make_shared<xstream::XStreamData<int>>(3)));
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0]->error_code_, sdk::kSlotNotReady);
  EXPECT_EQ(wf->node_stats().at(0).errors, 1u);

  xstream::MethodPtr method = sdk::default_method_factory()("FaceDetect");
  ASSERT_EQ(method->InitFromJsonString(R"({"detector": "haar"})"), 0);
  auto expect_error = [&](xstream::BaseDataPtr datum, const std::string& message) {
    try {
      method->DoProcess({{std::move(datum)}}, {});
      ADD_FAILURE() << "accepted: " << message;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("FaceDetect: frame 0"), std::string::npos) << e.what();
    }
  };
  expect_error(std::make_shared<xstream::XStreamData<int>>(3), "the input is no image");
  expect_error(image_datum(load_photo("astronaut.png"), kHorizonVisionPixelFormatNone),
               "pixel_format None");
  expect_error(image_datum(cv::Mat(4, 4, CV_8UC1), kHorizonVisionPixelFormatImageContainer),
               "pixel_format ImageContainer");
  expect_error(std::make_shared<ImageFrameData>(), "holds no ImageFrame");
  expect_error(image_datum(cv::Mat(5, 4, CV_8UC1), kHorizonVisionPixelFormatRawNV12),
               "even width and height");
}

}  // namespace
}  // namespace rill::vision

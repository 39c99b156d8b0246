#include "rill/vision/backend.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include "support/scratch_dir.hpp"
#include "vision/onnx_writer.hpp"
#include "vision/vision_test_data.hpp"

namespace rill::vision {
namespace {

using rill::testing::ScratchDir;
using testing::blazeface_model;
using ::testing::HasSubstr;
using testing::load_photo;

// The message of the ModelError `load` throws ("" when it throws none).
std::string load_error(const std::filesystem::path& path) {
  try {
    OpenCvDnnBackend backend(path);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

TEST(OpenCvDnnBackend, AMissingModelFileIsAClearErrorNamingThePath) {
  ScratchDir dir;
  const std::string path = dir.path("no_such_model.onnx");
  EXPECT_THROW(OpenCvDnnBackend{path}, ModelError);
  const std::string msg = load_error(path);
  EXPECT_THAT(msg, HasSubstr(path));
  EXPECT_THAT(msg, HasSubstr("no such file"));
  EXPECT_THAT(load_error(dir.path()), HasSubstr("not a regular file")) << "a directory";
}

TEST(OpenCvDnnBackend, GarbageModelFilesAreAClearErrorNamingThePath) {
  ScratchDir dir;
  std::string noise(4096, '\0');
  cv::RNG rng(42);
  rng.fill(cv::Mat(1, static_cast<int>(noise.size()), CV_8U, noise.data()), cv::RNG::UNIFORM, 0,
           256);
  const std::vector<std::string> garbage = {
      dir.write("empty.onnx", ""),
      dir.write("text.onnx", "this is not a model, just some text\n"),
      dir.write("noise.onnx", noise),
  };
  for (const std::string& path : garbage) {
    EXPECT_THROW(OpenCvDnnBackend{path}, ModelError) << path;
    const std::string msg = load_error(path);
    EXPECT_THAT(msg, HasSubstr(path));
    EXPECT_THAT(msg, HasSubstr("not a valid ONNX model"));
  }
}

TEST(OpenCvDnnBackend, ATruncatedModelIsAClearError) {
  RILL_REQUIRE_BLAZEFACE();
  std::ifstream in(blazeface_model(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ScratchDir dir;
  for (std::size_t keep : {bytes.size() / 2, bytes.size() - 1, std::size_t{100}}) {
    const std::string path =
        dir.write("cut_" + std::to_string(keep) + ".onnx", bytes.substr(0, keep));
    EXPECT_THROW(OpenCvDnnBackend{path}, ModelError) << keep;
    EXPECT_THAT(load_error(path), HasSubstr(path));
  }
}

TEST(OpenCvDnnBackend, ReportsTheBlazeFaceInputItReadFromTheModel) {
  RILL_REQUIRE_BLAZEFACE();
  OpenCvDnnBackend backend(blazeface_model());
  EXPECT_EQ(backend.input_size(), cv::Size(128, 128));
  EXPECT_EQ(backend.input_channels(), 3);
  EXPECT_EQ(backend.model_layout(), TensorLayout::kNHWC);
  EXPECT_EQ(backend.input_name(), "input:0");
  EXPECT_THAT(backend.output_names(),
              ::testing::UnorderedElementsAre("Identity:0", "Identity_1:0", "Identity_2:0",
                                              "Identity_3:0"));
}

// A random N x C x H x W blob with values in [-1, 1].
cv::Mat random_blob(int n, int c, int h, int w) {
  const int shape[] = {n, c, h, w};
  cv::Mat blob(4, shape, CV_32F);
  cv::randu(blob, -1, 1);
  return blob;
}

TEST(OpenCvDnnBackend, FeedsAnNhwcModelTheNchwBatchTransposed) {
  // x: N x 6 x 5 x 3 (NHWC) -> Transpose to NCHW -> y. The output must equal what forward got.
  const std::string onnx = testing::model(
      testing::field(1, testing::node("Transpose", {"x"}, {"y"},
                                      testing::ints_attribute("perm", {0, 3, 1, 2}))) +
      testing::field(11, testing::value_info("x", {1, 6, 5, 3})) +
      testing::field(12, testing::value_info("y", {1, 3, 6, 5})));
  ScratchDir dir;
  OpenCvDnnBackend backend(dir.write("nhwc.onnx", onnx));
  EXPECT_EQ(backend.model_layout(), TensorLayout::kNHWC);
  EXPECT_EQ(backend.input_size(), cv::Size(5, 6));
  EXPECT_EQ(backend.input_channels(), 3);
  const cv::Mat in = random_blob(2, 3, 6, 5);
  const Blobs out = backend.forward(in);
  ASSERT_EQ(out.size(), 1u);
  const cv::Mat& y = out.begin()->second;
  ASSERT_EQ(y.total(), in.total());
  EXPECT_EQ(cv::norm(y.reshape(1, 1), in.reshape(1, 1), cv::NORM_INF), 0);
}

TEST(OpenCvDnnBackend, RunsAnNchwModelAsItIs) {
  const std::string onnx =
      testing::model(testing::field(1, testing::node("Relu", {"x"}, {"y"})) +
                     testing::field(11, testing::value_info("x", {-1, 3, 4, 5})) +
                     testing::field(12, testing::value_info("y", {-1, 3, 4, 5})));
  ScratchDir dir;
  OpenCvDnnBackend backend(dir.write("nchw.onnx", onnx));
  EXPECT_EQ(backend.model_layout(), TensorLayout::kNCHW);
  const cv::Mat in = random_blob(2, 3, 4, 5);
  const cv::Mat y = backend.forward(in).at("y");
  ASSERT_EQ(y.size[0], 2);
  cv::Mat expected = cv::max(in, 0.0);
  EXPECT_EQ(cv::norm(y.reshape(1, 1), expected.reshape(1, 1), cv::NORM_INF), 0);
}

// Exported for a batch of 1: relu(x) (1 x 3 x 4 x 5) gets a constant channel of 7s concatenated.
// (The Relu because OpenCV 4.6 itself mis-handles a network input fed straight into a Concat at
// batch 1.)
std::string concat_sevens_model() {
  return testing::model(
      testing::field(1, testing::node("Relu", {"x"}, {"r"})) +
      testing::field(
          1, testing::node("Concat", {"r", "sevens"}, {"y"}, testing::int_attribute("axis", 1))) +
      testing::field(5, testing::float_tensor("sevens", {1, 1, 4, 5}, std::vector<float>(20, 7))) +
      testing::field(11, testing::value_info("x", {1, 3, 4, 5})) +
      testing::field(12, testing::value_info("y", {1, 4, 4, 5})));
}

// Checks that `y` is the concat model's output for `in`, sample by sample.
void expect_relu_and_sevens(const cv::Mat& in, const cv::Mat& y) {
  const int n = in.size[0];
  const cv::Mat relu = cv::max(in, 0.0);
  ASSERT_EQ(y.size[0], n);
  ASSERT_EQ(y.size[1], 4);
  for (int i = 0; i < n; ++i) {
    const cv::Mat x_i(1, 60, CV_32F, const_cast<float*>(relu.ptr<float>(i)));
    const cv::Mat y_i(1, 60, CV_32F, const_cast<float*>(y.ptr<float>(i)));
    const cv::Mat c_i(1, 20, CV_32F, const_cast<float*>(y.ptr<float>(i, 3)));
    EXPECT_EQ(cv::norm(x_i, y_i, cv::NORM_INF), 0) << "batch " << n << " sample " << i;
    EXPECT_EQ(cv::norm(c_i, cv::Mat(1, 20, CV_32F, cv::Scalar(7)), cv::NORM_INF), 0);
  }
}

TEST(OpenCvDnnBackend, WidensBatchOneConstantsSoThatBatchesRun) {
  ScratchDir dir;
  OpenCvDnnBackend backend(dir.write("concat.onnx", concat_sevens_model()));
  for (int n : {3, 1, 2, 7, 5}) {
    const cv::Mat in = random_blob(n, 3, 4, 5);
    expect_relu_and_sevens(in, backend.forward(in).at("y"));
  }
}

TEST(OpenCvDnnBackend, SetsUpOneNetPerPowerOfTwoHoweverBatchSizesVary) {
  ScratchDir dir;
  OpenCvDnnBackend backend(dir.write("concat.onnx", concat_sevens_model()));
  EXPECT_THAT(backend.net_batch_sizes(), ::testing::ElementsAre(1));
  // 3 = 2 + 1, 5 = 4 + 1, 7 = 4 + 2 + 1, 6 = 4 + 2: the nets of 1, 2 and 4 serve them all, and
  // the samples come back in order.
  for (int n : {3, 5, 3, 7, 6, 1}) {
    const cv::Mat in = random_blob(n, 3, 4, 5);
    expect_relu_and_sevens(in, backend.forward(in).at("y"));
  }
  EXPECT_THAT(backend.net_batch_sizes(), ::testing::ElementsAre(1, 2, 4));
  const cv::Mat nine = random_blob(9, 3, 4, 5);
  expect_relu_and_sevens(nine, backend.forward(nine).at("y"));
  EXPECT_THAT(backend.net_batch_sizes(), ::testing::ElementsAre(1, 2, 4, 8));
}

TEST(OpenCvDnnBackend, AWellFormedModelOpenCvCannotBuildIsAClearError) {
  const std::string onnx =
      testing::model(testing::field(1, testing::node("NoSuchOperator", {"x"}, {"y"})) +
                     testing::field(11, testing::value_info("x", {1, 3, 8, 8})) +
                     testing::field(12, testing::value_info("y", {1, 3, 8, 8})));
  ScratchDir dir;
  const std::string path = dir.write("unknown_op.onnx", onnx);
  EXPECT_THROW(OpenCvDnnBackend{path}, ModelError);
  EXPECT_THAT(load_error(path), HasSubstr(path));

  const std::string flat = testing::model(testing::field(1, testing::node("Relu", {"x"}, {"y"})) +
                                          testing::field(11, testing::value_info("x", {1, 30})) +
                                          testing::field(12, testing::value_info("y", {1, 30})));
  EXPECT_THAT(load_error(dir.write("flat.onnx", flat)), HasSubstr("an image model takes 4"));
}

// BlazeFace's input blob of `images`, as the detector makes it.
cv::Mat blob_of(const std::vector<cv::Mat>& images) {
  std::vector<cv::Mat> small;
  for (const cv::Mat& m : images) {
    cv::Mat s;
    cv::resize(m, s, cv::Size(128, 128), 0, 0, cv::INTER_AREA);
    small.push_back(s);
  }
  return cv::dnn::blobFromImages(small, 1.0 / 255, cv::Size(), cv::Scalar(), true, false, CV_32F);
}

TEST(OpenCvDnnBackend, ABatchEqualsSingleForwards) {
  RILL_REQUIRE_BLAZEFACE();
  OpenCvDnnBackend backend(blazeface_model());
  const std::vector<cv::Mat> images = {load_photo("astronaut.png"), load_photo("coffee.png"),
                                       load_photo("chelsea.png")};
  // The model is exported for a batch of 1; three at once needs its batch constants widened.
  const Blobs batch = backend.forward(blob_of(images));
  for (std::size_t i = 0; i < images.size(); ++i) {
    const Blobs one = backend.forward(blob_of({images[i]}));
    for (const auto& [name, blob] : one) {
      const cv::Mat& all = batch.at(name);
      ASSERT_EQ(all.size[0], 3) << name;
      const std::size_t n = blob.total();
      const cv::Mat slice(1, static_cast<int>(n), CV_32F,
                          const_cast<float*>(all.ptr<float>()) + i * n);
      EXPECT_LE(cv::norm(blob.reshape(1, 1), slice, cv::NORM_INF), 1e-4) << name << " image " << i;
    }
  }
  // And a batch of 3 again after batches of 1: the same outputs.
  const Blobs again = backend.forward(blob_of(images));
  EXPECT_EQ(cv::norm(again.at("Identity:0"), batch.at("Identity:0"), cv::NORM_INF), 0);
}

TEST(OpenCvDnnBackend, RejectsBlobsOfTheWrongShape) {
  RILL_REQUIRE_BLAZEFACE();
  OpenCvDnnBackend backend(blazeface_model());
  const int nhwc[] = {1, 128, 128, 3};
  EXPECT_THROW(backend.forward(cv::Mat(4, nhwc, CV_32F, cv::Scalar(0))), std::invalid_argument)
      << "forward takes NCHW whatever the model's own layout";
  const int small[] = {1, 3, 64, 64};
  EXPECT_THROW(backend.forward(cv::Mat(4, small, CV_32F, cv::Scalar(0))), std::invalid_argument);
  const int bytes[] = {1, 3, 128, 128};
  EXPECT_THROW(backend.forward(cv::Mat(4, bytes, CV_8U, cv::Scalar(0))), std::invalid_argument);
}

}  // namespace
}  // namespace rill::vision

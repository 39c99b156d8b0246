#include "onnx_graph_info.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "vision/onnx_writer.hpp"
#include "vision/vision_test_data.hpp"

namespace rill::vision::detail {
namespace {

using testing::field;
using testing::value_info;

TEST(OnnxGraphInfo, ReadsInputsAndOutputsAndSkipsWeightsListedAsInputs) {
  const std::string graph = field(5, field(8, "w")) +  // an initializer named "w"
                            field(11, value_info("w", {3, 3})) +
                            field(11, value_info("image", {-1, 3, 224, 224})) +
                            field(12, value_info("logits", {-1, 1000}));
  const std::string model = field(1, std::uint64_t{7}) + field(7, graph);  // ir_version, graph
  const OnnxGraphInfo info = read_onnx_graph_info(model);
  ASSERT_EQ(info.inputs.size(), 1u);
  EXPECT_EQ(info.inputs[0].name, "image");
  EXPECT_EQ(info.inputs[0].elem_type, 1);
  EXPECT_EQ(info.inputs[0].dims, (std::vector<std::int64_t>{-1, 3, 224, 224}));
  ASSERT_EQ(info.outputs.size(), 1u);
  EXPECT_EQ(info.outputs[0].name, "logits");
}

TEST(OnnxGraphInfo, MalformedBytesAreAnErrorNotACrash) {
  const std::string graph =
      field(11, value_info("x", {1, 3, 8, 8})) + field(12, value_info("y", {1}));
  const std::string model = field(7, graph);
  for (std::size_t cut = 1; cut < model.size(); ++cut) {
    EXPECT_THROW(read_onnx_graph_info(model.substr(0, cut)), std::runtime_error) << "cut " << cut;
  }
  EXPECT_THROW(read_onnx_graph_info(""), std::runtime_error);
  EXPECT_THROW(read_onnx_graph_info("hello, world: not a model"), std::runtime_error);
  EXPECT_THROW(read_onnx_graph_info(std::string(16, '\xff')), std::runtime_error);
  EXPECT_THROW(read_onnx_graph_info(field(7, field(12, value_info("y", {1})))), std::runtime_error)
      << "a graph without inputs";
}

TEST(OnnxGraphInfo, BlazeFaceFrontTakesNhwcAndHasFourHeads) {
  RILL_REQUIRE_BLAZEFACE();
  std::ifstream in(testing::blazeface_model(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const OnnxGraphInfo info = read_onnx_graph_info(bytes);
  ASSERT_EQ(info.inputs.size(), 1u);
  EXPECT_EQ(info.inputs[0].name, "input:0");
  EXPECT_EQ(info.inputs[0].dims, (std::vector<std::int64_t>{1, 128, 128, 3}));
  ASSERT_EQ(info.outputs.size(), 4u);
  EXPECT_EQ(info.outputs[0].dims, (std::vector<std::int64_t>{1, 512, 1}));
  EXPECT_EQ(info.outputs[3].dims, (std::vector<std::int64_t>{1, 384, 16}));
}

}  // namespace
}  // namespace rill::vision::detail

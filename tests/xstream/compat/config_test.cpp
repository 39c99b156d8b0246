// Workflow validation codes returned by Init (XStream test/config_test.cpp: ConfigTest.input,
// .flow_input, .input_error, .nodeName, .isCircle, .isRepeatedOutput, .isOK), plus the load
// failures rill reports as -1 where XStream aborts.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/xstream_config.h"
#include "xstream/compat/sdk_test_util.hpp"

namespace xstream_test {
namespace {

int InitWith(const std::string& config) {
  auto sdk = MakeSdk("configs/" + config);
  return sdk->Init();
}

TEST(ConfigTest, InputReadFromNoNodeIsUnfed) {
  EXPECT_EQ(InitWith("config_input.json"), xstream::INPUT_UNFEED_ERROR);
}

TEST(ConfigTest, InputThatIsNotAFlowInputIsUnfed) {
  EXPECT_EQ(InitWith("config_flow_input.json"), xstream::INPUT_UNFEED_ERROR);
}

TEST(ConfigTest, NodeReadingItsOwnOutputIsUnfed) {
  EXPECT_EQ(InitWith("config_input_error.json"), xstream::INPUT_UNFEED_ERROR);
}

TEST(ConfigTest, DuplicateNodeNameIsNodeNameError) {
  EXPECT_EQ(InitWith("config_node_name.json"), xstream::NODE_NAME_ERROR);
}

TEST(ConfigTest, OutputFeedingAnEarlierNodeIsACircle) {
  EXPECT_EQ(InitWith("config_circle.json"), xstream::WORKFLOW_CIRCLE_ERROR);
}

TEST(ConfigTest, SlotProducedTwiceIsRepeatedOutput) {
  EXPECT_EQ(InitWith("config_repeated_output.json"), xstream::OUTPUT_REPEATED_ERROR);
}

TEST(ConfigTest, DiamondGraphIsValidAndRuns) {
  auto sdk = MakeSdk("configs/config_ok.json");
  ASSERT_EQ(sdk->Init(), xstream::CONFIG_OK);
  auto out = sdk->SyncPredict(MakeInput("global_in"));
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->name_, "global_out");
}

TEST(ConfigTest, ValidationCodesHaveXStreamValues) {
  EXPECT_EQ(xstream::CONFIG_OK, 0);
  EXPECT_EQ(xstream::INPUT_UNFEED_ERROR, 1);
  EXPECT_EQ(xstream::OUTPUT_USELESS_ERROR, 2);
  EXPECT_EQ(xstream::WORKFLOW_CIRCLE_ERROR, 3);
  EXPECT_EQ(xstream::OUTPUT_REPEATED_ERROR, 4);
  EXPECT_EQ(xstream::NODE_NAME_ERROR, 5);
}

// Where XStream aborts or hangs, rill's Init returns an error.
TEST(ConfigTest, MissingConfigFileFailsWithMinus1) {
  auto sdk = MakeSdk("configs/no_such_config.json");
  EXPECT_EQ(sdk->Init(), -1);
}

TEST(ConfigTest, MalformedJsonFailsWithMinus1) { EXPECT_EQ(InitWith("config_malformed.json"), -1); }

TEST(ConfigTest, UnknownMethodTypeFailsWithMinus1) {
  EXPECT_EQ(InitWith("config_unknown_method.json"), -1);
}

TEST(ConfigTest, ZeroThreadCountFailsWithMinus1) {
  EXPECT_EQ(InitWith("config_zero_threads.json"), -1);
}

TEST(ConfigTest, OutputProducedByNoNodeIsUnfed) {
  EXPECT_EQ(InitWith("config_unproduced_output.json"), xstream::INPUT_UNFEED_ERROR);
}

}  // namespace
}  // namespace xstream_test

// XStream's C++ API on a basic two-node workflow (XStream test/cpp_api_test.cc: Interface.Config,
// .SyncPredict, .DisableParam, .ExceedTaskNum).
//
// basic.json: first_method (TestMethod) global_in → [tmp_data1, invalid1, invalid2, tmp_data2];
// second_method (TestMethod) tmp_data2 → global_out. TestMethod copies its input into outputs
// 0 and 3 and leaves 1 and 2 null.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_error.h"
#include "hobotxsdk/xstream_sdk.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

using xstream::BaseData;
using xstream::DataState;
using xstream::DisableParam;

/// A parameter of no particular kind (XStream's tests use their own TestParam).
class TestParam : public xstream::InputParam {
 public:
  explicit TestParam(const std::string& unique_name) : xstream::InputParam(unique_name) {}
  std::string Format() override { return "test param"; }
};

class CppApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sdk_ = MakeSdk("basic.json");
    ASSERT_EQ(sdk_->SetCallback(collector_.Callback()), 0);
    ASSERT_EQ(sdk_->Init(), 0);
  }

  /// A frame whose global_in is a fresh datum in `state`.
  static xstream::InputDataPtr Frame(DataState state = DataState::VALID) {
    auto data = std::make_shared<BaseData>();
    data->state_ = state;
    return MakeInput("global_in", data);
  }

  /// A frame disabling `node` with `mode`.
  static xstream::InputDataPtr Disabled(const std::string& node, DisableParam::Mode mode,
                                        std::vector<xstream::BaseDataPtr> pre_datas = {}) {
    auto input = Frame();
    auto param = std::make_shared<DisableParam>(node, mode);
    param->pre_datas_ = std::move(pre_datas);
    input->params_.push_back(param);
    return input;
  }

  OutputCollector collector_;
  std::unique_ptr<xstream::XStreamSDK> sdk_;
};

// Interface.Config
TEST_F(CppApiTest, NodeQueriesAndAsyncFramePreserveState) {
  EXPECT_EQ(sdk_->GetConfig("first_method"), nullptr) << "TestMethod has no parameter";
  EXPECT_EQ(sdk_->UpdateConfig("first_method", std::make_shared<TestParam>("first_method")), 0);
  EXPECT_EQ(sdk_->GetVersion("first_method"), "0.0.0");
  EXPECT_EQ(sdk_->GetVersion("no_such_node"), "");
  EXPECT_EQ(sdk_->GetConfig("no_such_node"), nullptr);
  EXPECT_EQ(sdk_->UpdateConfig("no_such_node", std::make_shared<TestParam>("no_such_node")), 1);

  ASSERT_EQ(sdk_->AsyncPredict(Frame(DataState::FILTERED)), 0);
  ASSERT_TRUE(collector_.WaitFor(1));
  auto out = collector_.Outputs()[0];
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->state_, DataState::FILTERED);
  EXPECT_EQ(out->datas_[0]->name_, "global_out");
  EXPECT_EQ(out->output_type_, "__NODE_WHOLE_OUTPUT__");
  EXPECT_EQ(out->unique_name_, "");
}

// Interface.SyncPredict
TEST_F(CppApiTest, SyncPredictReturnsTheFrameOutput) {
  auto out = sdk_->SyncPredict(Frame(DataState::INVALID));
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->state_, DataState::INVALID);
  EXPECT_EQ(collector_.size(), 0u) << "no callback fires for a sync frame";
}

TEST_F(CppApiTest, SyncPredictRejectsNullOrEmptyInputWithMinus1000) {
  auto out = sdk_->SyncPredict(nullptr);
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_INPUT_INVALID);
  EXPECT_EQ(sdk_->SyncPredict(std::make_shared<xstream::InputData>())->error_code_,
            HOBOTXSTREAM_ERROR_INPUT_INVALID);
  auto outs = sdk_->SyncPredict2(nullptr);
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0]->error_code_, HOBOTXSTREAM_ERROR_INPUT_INVALID);
}

TEST_F(CppApiTest, UnknownInputSlotIsRejectedWithMinus1000) {
  EXPECT_EQ(sdk_->SyncPredict(MakeInput("not_an_input"))->error_code_,
            HOBOTXSTREAM_ERROR_INPUT_INVALID);
  EXPECT_EQ(sdk_->AsyncPredict(MakeInput("not_an_input")), HOBOTXSTREAM_ERROR_INPUT_INVALID);
  EXPECT_EQ(sdk_->AsyncPredict(MakeInput("tmp_data2")), HOBOTXSTREAM_ERROR_INPUT_INVALID)
      << "a node's slot is not a workflow input";
  EXPECT_EQ(sdk_->AsyncPredict(nullptr), HOBOTXSTREAM_ERROR_INPUT_INVALID);
}

TEST_F(CppApiTest, SourceIdOutOfRangeIsRejectedWithMinus1000) {
  auto input = Frame();
  input->source_id_ = 1;  // basic.json has one source
  EXPECT_EQ(sdk_->AsyncPredict(input), HOBOTXSTREAM_ERROR_INPUT_INVALID);
  EXPECT_EQ(sdk_->SyncPredict(input)->error_code_, HOBOTXSTREAM_ERROR_INPUT_INVALID);
}

TEST_F(CppApiTest, AsyncPredictReturnsSequenceIdsAndRejectionsConsumeNone) {
  EXPECT_EQ(sdk_->AsyncPredict(Frame()), 0);
  EXPECT_EQ(sdk_->AsyncPredict(Frame()), 1);
  EXPECT_EQ(sdk_->AsyncPredict(MakeInput("not_an_input")), HOBOTXSTREAM_ERROR_INPUT_INVALID);
  EXPECT_EQ(sdk_->AsyncPredict(Frame()), 2);
  ASSERT_TRUE(collector_.WaitFor(3));
  std::vector<int64_t> ids;
  for (const auto& o : collector_.Outputs()) ids.push_back(o->sequence_id_);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<int64_t>{0, 1, 2}));
}

// Interface.DisableParam, and what each DisableParam mode leaves in the outputs.
TEST_F(CppApiTest, DisableInvalidGivesInvalidDataThatDownstreamStillProcesses) {
  auto out = sdk_->SyncPredict(Disabled("first_method", DisableParam::Mode::Invalid));
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->state_, DataState::INVALID);
}

TEST_F(CppApiTest, DisableDefaultModeIsInvalid) {
  auto input = Frame();
  input->params_.push_back(std::make_shared<DisableParam>("first_method"));
  auto out = sdk_->SyncPredict(input);
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->state_, DataState::INVALID);
}

TEST_F(CppApiTest, DisableBestEffortPassThroughGivesOneOutput) {
  auto out = sdk_->SyncPredict(Disabled("first_method", DisableParam::Mode::BestEffortPassThrough));
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->state_, DataState::INVALID) << "tmp_data2 was a placeholder";
}

TEST_F(CppApiTest, DisableBestEffortPassThroughForwardsInputsAndPadsWithInvalid) {
  ASSERT_EQ(sdk_->SetCallback(collector_.Callback(), "first_method"), 0);
  auto input = Disabled("first_method", DisableParam::Mode::BestEffortPassThrough);
  const xstream::BaseDataPtr original = input->datas_[0];
  ASSERT_EQ(sdk_->AsyncPredict(input), 0);
  ASSERT_TRUE(collector_.WaitFor(2));
  auto node_outs = collector_.From("first_method");
  ASSERT_EQ(node_outs.size(), 1u);
  const auto& node = node_outs[0];
  EXPECT_EQ(node->error_code_, 0);
  ASSERT_EQ(node->datas_.size(), 4u);
  EXPECT_EQ(node->datas_[0], original) << "output 0 is input 0 itself";
  for (int k = 1; k < 4; ++k) EXPECT_EQ(node->datas_[k]->state_, DataState::INVALID) << k;
}

TEST_F(CppApiTest, DisablePassThroughWithMismatchedArityReportsMinus2002) {
  auto out = sdk_->SyncPredict(Disabled("first_method", DisableParam::Mode::PassThrough));
  EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY);
  EXPECT_TRUE(out->datas_.empty());
  EXPECT_NE(out->error_detail_.find("global_out"), std::string::npos) << out->error_detail_;
}

TEST_F(CppApiTest, DisablePassThroughWithMatchingArityForwardsTheSameObject) {
  ASSERT_EQ(sdk_->SetCallback(collector_.Callback(), "first_method"), 0);
  ASSERT_EQ(sdk_->AsyncPredict(Disabled("second_method", DisableParam::Mode::PassThrough)), 0);
  ASSERT_TRUE(collector_.WaitFor(2));
  auto node = collector_.From("first_method");
  auto group = collector_.From("");
  ASSERT_EQ(node.size(), 1u);
  ASSERT_EQ(group.size(), 1u);
  ASSERT_EQ(node[0]->datas_.size(), 2u);  // tmp_data1 and tmp_data2
  ASSERT_EQ(group[0]->datas_.size(), 1u);
  EXPECT_EQ(group[0]->error_code_, 0);
  EXPECT_EQ(group[0]->datas_[0], node[0]->datas_[1]) << "global_out is tmp_data2 itself";
}

TEST_F(CppApiTest, DisableUsePreDefineWithoutDataReportsMinus2002) {
  auto out = sdk_->SyncPredict(Disabled("first_method", DisableParam::Mode::UsePreDefine));
  EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY);
  EXPECT_TRUE(out->datas_.empty());
}

TEST_F(CppApiTest, DisableUsePreDefineWithMatchingDataUsesIt) {
  std::vector<xstream::BaseDataPtr> pre;
  for (int k = 0; k < 4; ++k) {
    pre.push_back(std::make_shared<BaseData>());
    pre.back()->type_ = "predefined_" + std::to_string(k);
  }
  auto out = sdk_->SyncPredict(Disabled("first_method", DisableParam::Mode::UsePreDefine, pre));
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->type_, "predefined_3") << "second_method copied pre_datas_[3]";
}

TEST_F(CppApiTest, DisableUsePreDefineOnLastNodeOutputsThePredefinedObject) {
  auto pre = std::make_shared<BaseData>();
  pre->type_ = "predefined";
  auto out = sdk_->SyncPredict(Disabled("second_method", DisableParam::Mode::UsePreDefine, {pre}));
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0], pre);
  EXPECT_EQ(pre->name_, "global_out") << "the reported datum is renamed to its slot";
}

TEST_F(CppApiTest, DisableUsePreDefineWithWrongCountReportsMinus2002) {
  auto out = sdk_->SyncPredict(
      Disabled("first_method", DisableParam::Mode::UsePreDefine, {std::make_shared<BaseData>()}));
  EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY);
}

TEST_F(CppApiTest, DisabledByNonDisableParamLeavesOutputsEmpty) {
  auto input = Frame();
  auto param = std::make_shared<TestParam>("first_method");
  param->is_enable_this_method_ = false;
  input->params_.push_back(param);
  auto out = sdk_->SyncPredict(input);
  EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY);
  EXPECT_TRUE(out->datas_.empty());
}

TEST_F(CppApiTest, InputWithErrorCodeSkipsNodesInCascade) {
  auto input = Frame();
  input->datas_[0]->error_code_ = 7;
  auto out = sdk_->SyncPredict(input);
  EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY)
      << "both nodes skipped: global_out is missing, nothing else counted";
  EXPECT_TRUE(out->datas_.empty());
}

TEST_F(CppApiTest, LaterParamForTheSameNodeWins) {
  auto input = Disabled("first_method", DisableParam::Mode::PassThrough);
  input->params_.push_back(std::make_shared<DisableParam>("first_method"));  // Invalid
  auto out = sdk_->SyncPredict(input);
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->state_, DataState::INVALID);
}

TEST_F(CppApiTest, UpdateConfigWithDisableParamOnlyUpdatesParameters) {
  EXPECT_EQ(sdk_->UpdateConfig("first_method", std::make_shared<DisableParam>("first_method")), 0);
  auto out = sdk_->SyncPredict(Frame());
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->state_, DataState::VALID) << "the node still ran";
}

TEST(CppApiMissingInputTest, FrameWithoutADeclaredInputCompletesWithMinus2002) {
  OutputCollector collector;
  auto sdk = MakeSdk("two_inputs.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  auto out = sdk->SyncPredict(MakeInput("in_a"));
  EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->datas_[0]->name_, "out_a");
  ASSERT_GE(sdk->AsyncPredict(MakeInput("in_b")), 0);
  ASSERT_TRUE(collector.WaitFor(1));
  auto async_out = collector.Outputs()[0];
  EXPECT_EQ(async_out->error_code_, HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY);
  ASSERT_EQ(async_out->datas_.size(), 1u);
  EXPECT_EQ(async_out->datas_[0]->name_, "out_b");
}

// Interface.ExceedTaskNum
TEST(CppApiLimitTest, MaxRunningCountZeroRejectsEverySubmissionWithMinus1001) {
  OutputCollector collector;
  auto sdk = MakeSdk("limit_tasknum.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  auto out = sdk->SyncPredict(MakeInput("global_in"));
  EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_EXCEED_MAX_RUNNING_COUNT);
  auto outs = sdk->SyncPredict2(MakeInput("global_in"));
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0]->error_code_, HOBOTXSTREAM_ERROR_EXCEED_MAX_RUNNING_COUNT);
  EXPECT_EQ(sdk->AsyncPredict(MakeInput("global_in")), HOBOTXSTREAM_ERROR_EXCEED_MAX_RUNNING_COUNT);
  EXPECT_EQ(sdk->GetTaskNum(), 0);
}

TEST(CppApiMultiOutputTest, SyncPredict2ReturnsGroupsInOutputTypeOrder) {
  auto sdk = MakeSdk("multi_output.json");
  ASSERT_EQ(sdk->Init(), 0);
  auto outs = sdk->SyncPredict2(MakeInput("global_in"));
  ASSERT_EQ(outs.size(), 2u);
  EXPECT_EQ(outs[0]->output_type_, "alpha");
  EXPECT_EQ(outs[1]->output_type_, "zeta");
  for (const auto& o : outs) {
    EXPECT_EQ(o->error_code_, 0) << o->output_type_;
    ASSERT_EQ(o->datas_.size(), 1u);
  }
  EXPECT_EQ(outs[0]->datas_[0]->name_, "early_out");
  EXPECT_EQ(outs[1]->datas_[0]->name_, "late_out");
}

TEST(CppApiMultiOutputTest, SyncPredictOnSeveralGroupsReturnsTheFirstByOutputType) {
  auto sdk = MakeSdk("multi_output.json");
  ASSERT_EQ(sdk->Init(), 0);
  auto out = sdk->SyncPredict(MakeInput("global_in"));
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->output_type_, "alpha");
  EXPECT_EQ(out->error_code_, 0);
}

TEST(CppApiMultiOutputTest, SyncPredict2OnOneGroupReturnsTheWholeOutput) {
  auto sdk = MakeSdk("basic.json");
  ASSERT_EQ(sdk->Init(), 0);
  auto outs = sdk->SyncPredict2(MakeInput("global_in"));
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0]->output_type_, "__NODE_WHOLE_OUTPUT__");
  EXPECT_EQ(outs[0]->error_code_, 0);
}

}  // namespace
}  // namespace xstream_test

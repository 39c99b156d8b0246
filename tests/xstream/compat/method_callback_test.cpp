// Global, group and per-node callbacks (XStream test/method_cb.cpp: CallBack.Global,
// CallBack.Method).
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_error.h"
#include "hobotxsdk/xstream_sdk.h"
#include "xstream/compat/sdk_test_util.hpp"

namespace xstream_test {
namespace {

using xstream::BaseData;
using xstream::DataState;

// CallBack.Global: the InputData is copied at submission, so one object may be reused.
TEST(CallbackTest, GlobalCallbackGetsEveryFrameOfAReusedInputData) {
  OutputCollector collector;
  auto sdk = MakeSdk("basic.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);

  constexpr int kFrames = 10;
  int contexts[kFrames] = {};
  auto input = std::make_shared<xstream::InputData>();
  input->datas_.resize(1);
  for (int i = 0; i < kFrames; ++i) {
    auto data = std::make_shared<BaseData>();  // a new datum; the old one may still be in use
    data->name_ = "global_in";
    data->type_ = "frame_" + std::to_string(i);
    data->state_ = DataState::INVALID;
    input->datas_[0] = data;
    input->context_ = &contexts[i];
    ASSERT_EQ(sdk->AsyncPredict(input), i);
  }
  ASSERT_TRUE(collector.WaitFor(kFrames));
  std::set<int64_t> ids;
  for (const auto& out : collector.Outputs()) {
    EXPECT_EQ(out->error_code_, 0);
    ASSERT_EQ(out->datas_.size(), 1u);
    EXPECT_EQ(out->datas_[0]->state_, DataState::INVALID);
    ASSERT_GE(out->sequence_id_, 0);
    ASSERT_LT(out->sequence_id_, kFrames);
    EXPECT_EQ(out->context_, &contexts[out->sequence_id_]);
    EXPECT_EQ(out->datas_[0]->type_, "frame_" + std::to_string(out->sequence_id_))
        << "each frame kept the datum it was submitted with";
    ids.insert(out->sequence_id_);
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kFrames));
  EXPECT_FALSE(collector.overlapped());
}

// CallBack.Method
TEST(CallbackTest, NodeCallbackPrecedesTheFrameOutputAndCanBeRemoved) {
  OutputCollector collector;
  auto sdk = MakeSdk("basic.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  ASSERT_EQ(sdk->SetCallback(collector.Callback(), "first_method"), 0);
  int context = 0;
  auto input = MakeInput("global_in");
  input->context_ = &context;

  ASSERT_EQ(sdk->AsyncPredict(input), 0);
  ASSERT_TRUE(collector.WaitFor(2));
  auto outs = collector.Outputs();
  ASSERT_EQ(outs.size(), 2u);
  const auto& node = outs[0];
  EXPECT_EQ(node->unique_name_, "first_method") << "the node callback comes first";
  EXPECT_EQ(node->error_code_, 2 * HOBOTXSTREAM_ERROR_OUTPUT_NOT_READY) << "invalid1, invalid2";
  ASSERT_EQ(node->datas_.size(), 2u);
  EXPECT_EQ(node->datas_[0]->name_, "tmp_data1");
  EXPECT_EQ(node->datas_[1]->name_, "tmp_data2");
  EXPECT_EQ(node->sequence_id_, 0);
  EXPECT_EQ(node->context_, &context);
  EXPECT_EQ(outs[1]->unique_name_, "");
  EXPECT_EQ(outs[1]->error_code_, 0);

  ASSERT_EQ(sdk->SetCallback(nullptr, "first_method"), 0);
  ASSERT_EQ(sdk->SetConfig("free_framedata", "on"), 0);
  ASSERT_EQ(sdk->AsyncPredict(input), 1);
  ASSERT_TRUE(collector.WaitFor(3));
  // A late node callback would arrive before the frame output: none may follow either.
  outs = collector.Outputs();
  ASSERT_EQ(outs.size(), 3u);
  EXPECT_EQ(outs[2]->unique_name_, "");
  EXPECT_EQ(outs[2]->sequence_id_, 1);
  EXPECT_EQ(outs[2]->error_code_, 0);
  ASSERT_EQ(outs[2]->datas_.size(), 1u);
}

TEST(CallbackTest, NodeCallbackNeedsAnInitialisedSdkAndAKnownNode) {
  auto sdk = MakeSdk("basic.json");
  OutputCollector collector;
  EXPECT_EQ(sdk->SetCallback(collector.Callback(), "first_method"),
            HOBOTXSTREAM_ERROR_INVALID_PARAM)
      << "before Init";
  EXPECT_EQ(sdk->SetCallback(collector.Callback()), 0) << "the global one may precede Init";
  ASSERT_EQ(sdk->Init(), 0);
  EXPECT_EQ(sdk->SetCallback(collector.Callback(), "no_such_node"),
            HOBOTXSTREAM_ERROR_INVALID_PARAM);
  EXPECT_EQ(sdk->SetCallback(collector.Callback(), "second_method"), 0);
}

TEST(CallbackTest, AsyncPredictWithoutGlobalCallbackIsRefused) {
  auto sdk = MakeSdk("basic.json");
  ASSERT_EQ(sdk->Init(), 0);
  EXPECT_EQ(sdk->AsyncPredict(MakeInput("global_in")), HOBOTXSTREAM_ERROR_INVALID_PARAM);
  OutputCollector collector;
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  EXPECT_EQ(sdk->AsyncPredict(MakeInput("global_in")), 0) << "the refusal consumed no id";
  ASSERT_TRUE(collector.WaitFor(1));
}

TEST(CallbackTest, NodeCallbacksDoNotFireForSyncFrames) {
  OutputCollector collector;
  auto sdk = MakeSdk("basic.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  ASSERT_EQ(sdk->SetCallback(collector.Callback(), "first_method"), 0);
  ASSERT_EQ(sdk->SetCallback(collector.Callback(), "second_method"), 0);
  EXPECT_EQ(sdk->SyncPredict(MakeInput("global_in"))->error_code_, 0);
  // An async frame afterwards: its callbacks are the only ones.
  ASSERT_EQ(sdk->AsyncPredict(MakeInput("global_in")), 1);
  ASSERT_TRUE(collector.WaitFor(3));
  for (const auto& out : collector.Outputs()) EXPECT_EQ(out->sequence_id_, 1);
  EXPECT_EQ(collector.size(), 3u);
}

TEST(CallbackTest, CallbacksRunOnWorkflowThreadsOneAtATime) {
  std::mutex mu;
  std::set<std::thread::id> threads;
  OutputCollector collector;
  auto sdk = MakeSdk("basic.json");
  ASSERT_EQ(sdk->SetCallback([&](xstream::OutputDataPtr out) {
    {
      std::lock_guard<std::mutex> lock(mu);
      threads.insert(std::this_thread::get_id());
    }
    collector.Add(std::move(out));
  }),
            0);
  ASSERT_EQ(sdk->Init(), 0);
  ASSERT_EQ(sdk->SetCallback(collector.Callback(), "first_method"), 0);
  constexpr int kFrames = 20;
  for (int i = 0; i < kFrames; ++i) ASSERT_EQ(sdk->AsyncPredict(MakeInput("global_in")), i);
  ASSERT_TRUE(collector.WaitFor(2 * kFrames));
  EXPECT_FALSE(collector.overlapped());
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u) << "not on the submitting thread";
}

// Multi-output: each group fires once per async frame, as soon as its slots are ready.
TEST(CallbackTest, EveryOutputGroupFiresOncePerFrame) {
  OutputCollector collector;
  auto sdk = MakeSdk("multi_output.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  constexpr int kFrames = 5;
  for (int i = 0; i < kFrames; ++i) ASSERT_EQ(sdk->AsyncPredict(MakeInput("global_in")), i);
  ASSERT_TRUE(collector.WaitFor(2 * kFrames));
  std::map<std::pair<int64_t, std::string>, int> seen;
  for (const auto& out : collector.Outputs()) {
    EXPECT_EQ(out->error_code_, 0);
    ASSERT_EQ(out->datas_.size(), 1u);
    EXPECT_EQ(out->datas_[0]->name_, out->output_type_ == "alpha" ? "early_out" : "late_out");
    ++seen[{out->sequence_id_, out->output_type_}];
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(2 * kFrames));
  for (const auto& [key, count] : seen) EXPECT_EQ(count, 1) << key.first << " " << key.second;
  EXPECT_EQ(collector.size(), static_cast<std::size_t>(2 * kFrames));
}

// XStream stops dispatching a frame's nodes once its outputs are complete; rill runs them, so
// a branch feeding no output still reaches its end (and its node callbacks fire).
TEST(CallbackTest, BranchAfterTheFrameOutputStillRuns) {
  constexpr int kFrames = 5;
  OutputCollector collector;
  auto sdk = MakeSdk("dangling_branch.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  ASSERT_EQ(sdk->SetCallback(collector.Callback(), "branch_2"), 0);
  for (int i = 0; i < kFrames; ++i) ASSERT_EQ(sdk->AsyncPredict(MakeInput("global_in")), i);
  ASSERT_TRUE(collector.WaitFor(2 * kFrames));
  std::set<int64_t> ids;
  for (const auto& out : collector.From("branch_2")) {
    EXPECT_EQ(out->error_code_, 0);
    ASSERT_EQ(out->datas_.size(), 1u);
    EXPECT_EQ(out->datas_[0]->name_, "branch_end");
    ids.insert(out->sequence_id_);
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kFrames));
  EXPECT_EQ(collector.From("").size(), static_cast<std::size_t>(kFrames));
}

}  // namespace
}  // namespace xstream_test

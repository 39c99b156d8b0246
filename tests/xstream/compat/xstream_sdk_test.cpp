// SDK instance lifecycle (XStream test/xstream_test.cpp: Interface.UpdataConfig,
// .SingleAPI_CreateSDK, .ReCreateSDK, .MultiSDK, .MulTHDCreateSDK).
#include "hobotxsdk/xstream_sdk.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_error.h"
#include "hobotxstream/xstream.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

using xstream::BaseData;
using xstream::DataState;

class TestParam : public xstream::InputParam {
 public:
  explicit TestParam(const std::string& unique_name) : xstream::InputParam(unique_name) {}
  std::string Format() override { return "test param"; }
};

xstream::InputDataPtr InvalidFrame() {
  auto data = std::make_shared<BaseData>();
  data->state_ = DataState::INVALID;
  return MakeInput("global_in", data);
}

// Interface.UpdataConfig (sic)
TEST(XStreamSdkTest, UpdateConfigThenAsyncFrameKeepsInvalidState) {
  ProfilerSandbox sandbox;
  OutputCollector collector;
  {
    auto sdk = MakeSdk("chain3.json");
    ASSERT_EQ(sdk->SetConfig("profiler", "on"), 0);
    ASSERT_EQ(sdk->SetConfig("profiler_file", sandbox.Path("profiler.txt")), 0);
    ASSERT_EQ(sdk->Init(), 0);
    ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
    ASSERT_EQ(sdk->SetCallback(collector.Callback(), "method_1"), 0);
    EXPECT_EQ(sdk->UpdateConfig("method_1", std::make_shared<TestParam>("method_1")), 0);

    ASSERT_EQ(sdk->AsyncPredict(InvalidFrame()), 0);
    ASSERT_TRUE(collector.WaitFor(2));
    auto group = collector.From("");
    ASSERT_EQ(group.size(), 1u);
    EXPECT_EQ(group[0]->error_code_, 0);
    ASSERT_EQ(group[0]->datas_.size(), 1u);
    EXPECT_EQ(group[0]->datas_[0]->state_, DataState::INVALID);
    auto node = collector.From("method_1");
    ASSERT_EQ(node.size(), 1u);
    EXPECT_EQ(node[0]->error_code_, 0);
    ASSERT_EQ(node[0]->datas_.size(), 1u);
    EXPECT_EQ(node[0]->datas_[0]->name_, "data_1");
  }
  // The framework profiler rewrote its file as a chrome trace when the SDK went away.
  EXPECT_TRUE(ReadJsonFile(sandbox.Path("profiler.txt")).isArray());
}

// Interface.SingleAPI_CreateSDK
TEST(XStreamSdkTest, CreateAndDeleteWithoutInitIsSafe) {
  xstream::XStreamSDK* sdk = xstream::XStreamSDK::CreateSDK();
  ASSERT_NE(sdk, nullptr);
  EXPECT_EQ(sdk->GetTaskNum(), 0);
  EXPECT_EQ(sdk->UpdateConfig("first_method", std::make_shared<TestParam>("first_method")), -1);
  EXPECT_EQ(sdk->GetConfig("first_method"), nullptr);
  EXPECT_EQ(sdk->GetVersion("first_method"), "");
  EXPECT_EQ(sdk->SyncPredict(MakeInput("global_in"))->error_code_,
            HOBOTXSTREAM_ERROR_INPUT_INVALID);
  delete sdk;
  std::shared_ptr<xstream::XStreamSDK> shared(xstream::XStreamSDK::CreateSDK());
}

// Interface.ReCreateSDK
TEST(XStreamSdkTest, RecreatedSdksEachPredict) {
  for (int i = 0; i < 10; ++i) {
    auto sdk = MakeSdk("basic.json");
    ASSERT_EQ(sdk->Init(), 0);
    int context = i;
    auto input = MakeInput("global_in");
    input->context_ = &context;
    auto out = sdk->SyncPredict(input);
    EXPECT_EQ(out->error_code_, 0);
    EXPECT_EQ(out->context_, &context);
    EXPECT_EQ(out->unique_name_, "");
    EXPECT_EQ(out->sequence_id_, 0);
  }
}

// Interface.MultiSDK
TEST(XStreamSdkTest, TwoSdksOnOneConfigAreIndependent) {
  ProfilerSandbox sandbox;
  OutputCollector collector;
  auto first = MakeSdk("chain3.json");
  auto second = MakeSdk("chain3.json");
  ASSERT_EQ(first->SetConfig("profiler", "on"), 0);
  ASSERT_EQ(first->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(first->Init(), 0);
  ASSERT_EQ(second->Init(), 0);
  for (const char* node : {"method_1", "method_2", "method_3"}) {
    ASSERT_EQ(first->SetCallback(collector.Callback(), node), 0) << node;
    EXPECT_EQ(first->UpdateConfig(node, std::make_shared<TestParam>(node)), 0) << node;
  }
  ASSERT_EQ(first->AsyncPredict(MakeInput("global_in")), 0);
  auto out = second->SyncPredict(MakeInput("global_in"));
  EXPECT_EQ(out->error_code_, 0);
  ASSERT_EQ(out->datas_.size(), 1u);
  EXPECT_EQ(out->sequence_id_, 0) << "the second SDK counts its own frames";

  ASSERT_TRUE(collector.WaitFor(4));
  EXPECT_EQ(collector.From("").size(), 1u);
  for (const char* node : {"method_1", "method_2", "method_3"}) {
    auto outs = collector.From(node);
    ASSERT_EQ(outs.size(), 1u) << node;
    EXPECT_EQ(outs[0]->error_code_, 0) << node;
  }
  EXPECT_EQ(collector.From("")[0]->error_code_, 0);
  first->SetConfig("profiler", "off");
}

// Interface.MulTHDCreateSDK, scaled down from 20 threads x 100 cycles.
TEST(XStreamSdkTest, ConcurrentCreateInitPredictDelete) {
  constexpr int kThreads = 8;
  constexpr int kCycles = 10;
  std::atomic<int> valid{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&valid] {
      for (int c = 0; c < kCycles; ++c) {
        std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
        if (sdk->SetConfig("config_file", SdkData("basic.json")) != 0 || sdk->Init() != 0) {
          continue;
        }
        auto out = sdk->SyncPredict(MakeInput("global_in"));
        if (out->error_code_ == 0 && out->datas_.size() == 1 &&
            out->datas_[0]->state_ == DataState::VALID) {
          valid++;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(valid.load(), kThreads * kCycles);
}

TEST(XStreamSdkTest, SecondInitReturnsMinus2) {
  auto sdk = MakeSdk("basic.json");
  ASSERT_EQ(sdk->Init(), 0);
  EXPECT_EQ(sdk->Init(), -2);
  EXPECT_EQ(sdk->SyncPredict(MakeInput("global_in"))->error_code_, 0) << "still usable";
}

TEST(XStreamSdkTest, InitWithAnExplicitFactory) {
  xstream::XStreamFlow flow;
  ASSERT_EQ(flow.SetConfig("config_file", SdkData("basic.json")), 0);
  ASSERT_EQ(flow.Init(std::make_shared<TestMethodFactory>()), 0);
  EXPECT_EQ(flow.SyncPredict(MakeInput("global_in"))->error_code_, 0);
  EXPECT_EQ(flow.GetVersion("second_method"), "0.0.0");
}

TEST(XStreamSdkTest, SetConfigKnowsXStreamKeysOnly) {
  std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
  EXPECT_EQ(sdk->SetConfig("no_such_key", "1"), -1);
  EXPECT_EQ(sdk->SetConfig("free_framedata", "on"), 0);
  EXPECT_EQ(sdk->SetConfig("time_monitor", "3"), 0);
  EXPECT_EQ(sdk->SetConfig("profiler_name", "name"), 0);
  EXPECT_EQ(sdk->SetConfig("config_file", SdkData("basic.json")), 0);
  ASSERT_EQ(sdk->Init(), 0);
  EXPECT_EQ(sdk->SyncPredict(MakeInput("global_in"))->error_code_, 0);
}

/// Opens TestGate() when the test ends, however it ends.
struct GateGuard {
  GateGuard() { TestGate().Close(); }
  ~GateGuard() { TestGate().Open(); }
};

// max_running_count bounds the frames accepted and not yet complete (XStream bounds its
// scheduler's task queue instead); GetTaskNum counts them.
TEST(XStreamSdkTest, MaxRunningCountBoundsFramesInFlight) {
  OutputCollector collector;
  auto sdk = MakeSdk("gate.json");  // max_running_count 2, one GateMethod node
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  {
    GateGuard gate;
    ASSERT_EQ(sdk->AsyncPredict(MakeInput("global_in")), 0);
    ASSERT_EQ(sdk->AsyncPredict(MakeInput("global_in")), 1);
    EXPECT_EQ(sdk->GetTaskNum(), 2);
    EXPECT_EQ(sdk->AsyncPredict(MakeInput("global_in")),
              HOBOTXSTREAM_ERROR_EXCEED_MAX_RUNNING_COUNT);
    auto out = sdk->SyncPredict(MakeInput("global_in"));
    EXPECT_EQ(out->error_code_, HOBOTXSTREAM_ERROR_EXCEED_MAX_RUNNING_COUNT);
    EXPECT_EQ(out->context_, nullptr);
  }
  ASSERT_TRUE(collector.WaitFor(2));
  // The group callback runs before the frame counts as complete (as in XStream), so the last
  // frame may still be counted for a moment.
  const auto deadline = std::chrono::steady_clock::now() + kWaitLimit;
  while (sdk->GetTaskNum() != 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(sdk->GetTaskNum(), 0);
  EXPECT_EQ(sdk->AsyncPredict(MakeInput("global_in")), 2) << "rejections consumed no id";
  ASSERT_TRUE(collector.WaitFor(3));
}

}  // namespace
}  // namespace xstream_test

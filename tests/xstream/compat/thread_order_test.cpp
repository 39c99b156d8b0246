// Reordering nodes (XStream test/thread_order.cpp: ThreadOrder.compatiable): a 3-thread reordering
// node followed by a 1-thread reordering node, each sleeping 1-20 ms at random, delivers frames to
// the output callback in submission order.
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "xstream/compat/sdk_test_util.hpp"

namespace xstream_test {
namespace {

TEST(ThreadOrderTest, ReorderingNodesDeliverFramesInSequenceOrder) {
  constexpr int kFrames = 10;
  OutputCollector collector;
  auto sdk = MakeSdk("thread_order.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  for (int i = 0; i < kFrames; ++i) {
    auto data = std::make_shared<xstream::BaseData>();
    data->type_ = "frame_" + std::to_string(i);
    ASSERT_EQ(sdk->AsyncPredict(MakeInput("global_in", data)), i);
    if (i % 2 == 1) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(collector.WaitFor(kFrames));
  auto outputs = collector.Outputs();
  ASSERT_EQ(outputs.size(), static_cast<std::size_t>(kFrames));
  for (int i = 0; i < kFrames; ++i) {
    EXPECT_EQ(outputs[i]->sequence_id_, i);
    EXPECT_EQ(outputs[i]->error_code_, 0);
    ASSERT_EQ(outputs[i]->datas_.size(), 1u);
    EXPECT_EQ(outputs[i]->datas_[0]->type_, "frame_" + std::to_string(i));
  }
}

TEST(ThreadOrderTest, OrderHoldsAcrossRepeatedBursts) {
  constexpr int kBursts = 3;
  constexpr int kFrames = 10;
  OutputCollector collector;
  auto sdk = MakeSdk("thread_order.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  for (int b = 0; b < kBursts; ++b) {
    for (int i = 0; i < kFrames; ++i) {
      ASSERT_EQ(sdk->AsyncPredict(MakeInput("global_in")), b * kFrames + i);
    }
    ASSERT_TRUE(collector.WaitFor((b + 1) * kFrames));
  }
  auto outputs = collector.Outputs();
  ASSERT_EQ(outputs.size(), static_cast<std::size_t>(kBursts * kFrames));
  for (int i = 0; i < kBursts * kFrames; ++i) EXPECT_EQ(outputs[i]->sequence_id_, i);
}

}  // namespace
}  // namespace xstream_test

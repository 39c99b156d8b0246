// A thread-safe method shares one instance among its node's threads (XStream test/thread_safe.cpp:
// ThreadSafe.compatiable). The following passthroughMethod node is disabled with PassThrough on
// every frame.
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

TEST(ThreadSafeTest, ThreadSafeMethodRunsOneInstanceOnAllItsThreads) {
  constexpr int kFrames = 30;
  ThreadSafeLog().Clear();
  OutputCollector collector;
  auto sdk = MakeSdk("thread_safe.json");
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->Init(), 0);
  for (int i = 0; i < kFrames; ++i) {
    auto input = MakeInput("global_in");
    input->params_.push_back(std::make_shared<xstream::DisableParam>(
        "passthrough_method", xstream::DisableParam::Mode::PassThrough));
    ASSERT_EQ(sdk->AsyncPredict(input), i);
  }
  ASSERT_TRUE(collector.WaitFor(kFrames));

  std::set<int> stamps;
  for (const auto& out : collector.Outputs()) {
    EXPECT_EQ(out->error_code_, 0);
    ASSERT_EQ(out->datas_.size(), 1u);
    auto* stamp = dynamic_cast<xstream::XStreamData<int>*>(out->datas_[0].get());
    ASSERT_NE(stamp, nullptr) << "the stamped datum, passed through";
    stamps.insert(stamp->value);
  }
  EXPECT_EQ(stamps.size(), static_cast<std::size_t>(kFrames)) << "one counter: one instance";
  EXPECT_EQ(*stamps.begin(), 0);
  EXPECT_EQ(*stamps.rbegin(), kFrames - 1);

  std::set<int> instances;
  std::set<std::thread::id> threads;
  for (const CallRecord& r : ThreadSafeLog().Records()) {
    instances.insert(r.instance);
    threads.insert(r.thread);
  }
  EXPECT_EQ(instances.size(), 1u);
  EXPECT_EQ(threads.size(), 3u) << "frames go round-robin over the node's 3 threads";
}

}  // namespace
}  // namespace xstream_test

// Instance and thread binding per MethodInfo and source (XStream test/multisource_test.cpp:
// MultiSourceTestMethod.BackwardCompatible1/2, .MultiSource1..4).
// Workflow: Scrambler (3 threads, shuffles completion order) → MultiSourceTest (T threads),
// written with json_key.h's keys. 20 frames per source, submitted in shuffled source order.
#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/json_key.h"
#include "hobotxstream/xstream_config.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

constexpr int kFramesPerSource = 20;

xstream::MethodInfo Info(bool thread_safe, bool need_reorder, bool src_ctx_dept) {
  xstream::MethodInfo info;
  info.is_thread_safe_ = thread_safe;
  info.is_need_reorder = need_reorder;
  info.is_src_ctx_dept = src_ctx_dept;
  return info;
}

/// The workflow; `sources` 0 leaves source_number out (XStream before multi-source).
Json::Value MakeConfig(int sources, int threads) {
  Json::Value config;
  config[xstream::kInputs].append("tagged");
  config[xstream::kOutputs].append("recorded");
  config[xstream::kSourceNum] = sources;
  if (sources == 0) config.removeMember(xstream::kSourceNum);
  Json::Value scrambler;
  scrambler[xstream::kUniqueName] = "scrambler";
  scrambler[xstream::kMethodType] = "Scrambler";
  scrambler[xstream::kThreadNum] = 3;
  scrambler[xstream::kInputs].append("tagged");
  scrambler[xstream::kOutputs].append("scrambled");
  Json::Value recorder;
  recorder[xstream::kUniqueName] = "recorder";
  recorder[xstream::kMethodType] = "MultiSourceTest";
  recorder[xstream::kThreadNum] = threads;
  recorder[xstream::kInputs].append("scrambled");
  recorder[xstream::kOutputs].append("recorded");
  config[xstream::kWorkflow].append(scrambler);
  config[xstream::kWorkflow].append(recorder);
  return config;
}

/// What one run observed.
struct Observed {
  int instances_created = 0;
  std::vector<CallRecord> calls;
  std::map<int, std::set<std::thread::id>> threads_of_instance;
  std::map<std::thread::id, std::set<int>> instances_of_thread;
  std::map<std::uint32_t, std::set<int>> instances_of_source;
  std::set<int> instances;
  std::set<std::thread::id> threads;
};

/// Runs 20 frames per source through the workflow with MultiSourceTest's MethodInfo `info`.
Observed RunFrames(const xstream::MethodInfo& info, int sources, int threads) {
  Observed run;
  MultiSourceInfo() = info;
  MultiSourceLog().Clear();
  MultiSourceInstances() = 0;
  rill::testing::ScratchDir dir;
  const std::string path = WriteConfig(dir, "multisource.json", MakeConfig(sources, threads));

  OutputCollector collector;
  std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
  EXPECT_EQ(sdk->SetCallback(collector.Callback()), 0);
  EXPECT_EQ(sdk->SetConfig("config_file", path), 0);
  const int rc = sdk->Init();
  EXPECT_EQ(rc, 0);
  if (rc != 0) return run;

  const int source_count = std::max(sources, 1);
  std::vector<std::uint32_t> order;
  for (int s = 0; s < source_count; ++s) order.insert(order.end(), kFramesPerSource, s);
  std::mt19937 rng(static_cast<unsigned>(1000 * sources + threads));
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<int> next_frame(source_count, 0);
  for (std::uint32_t s : order) {
    const int frame = next_frame[s]++;
    auto input = MakeInput("tagged", std::make_shared<FrameTagData>(FrameTag{s, frame}));
    input->source_id_ = s;
    EXPECT_EQ(sdk->AsyncPredict(input), frame) << "sequence ids count per source";
  }
  const std::size_t total = order.size();
  EXPECT_TRUE(collector.WaitFor(total)) << "got " << collector.size() << " of " << total;
  for (const auto& out : collector.Outputs()) {
    EXPECT_EQ(out->error_code_, 0);
    if (out->datas_.size() != 1) continue;
    auto* tag = dynamic_cast<FrameTagData*>(out->datas_[0].get());
    if (tag == nullptr) continue;
    EXPECT_EQ(out->source_id_, tag->value.source);
    EXPECT_EQ(out->sequence_id_, tag->value.frame);
  }
  sdk.reset();

  run.instances_created = MultiSourceInstances().load();
  run.calls = MultiSourceLog().Records();
  EXPECT_EQ(run.calls.size(), total);
  for (const CallRecord& c : run.calls) {
    run.threads_of_instance[c.instance].insert(c.thread);
    run.instances_of_thread[c.thread].insert(c.instance);
    run.instances_of_source[c.source].insert(c.instance);
    run.instances.insert(c.instance);
    run.threads.insert(c.thread);
  }
  return run;
}

void ExpectEachInstanceOnOneThread(const Observed& run) {
  for (const auto& [instance, threads] : run.threads_of_instance) {
    EXPECT_EQ(threads.size(), 1u) << "instance " << instance;
  }
}

void ExpectSourceInstanceBijection(const Observed& run, int sources) {
  std::set<int> used;
  ASSERT_EQ(run.instances_of_source.size(), static_cast<std::size_t>(sources));
  for (const auto& [source, instances] : run.instances_of_source) {
    ASSERT_EQ(instances.size(), 1u) << "source " << source << " always meets the same instance";
    used.insert(*instances.begin());
  }
  EXPECT_EQ(used.size(), static_cast<std::size_t>(sources)) << "one instance per source";
}

TEST(MultiSourceTestMethod, BackwardCompatible1ReorderingMethodGetsOneInstancePerThread) {
  for (int threads : {1, 3}) {
    SCOPED_TRACE("T=" + std::to_string(threads));
    Observed run = RunFrames(Info(false, true, false), 0, threads);
    EXPECT_EQ(run.instances_created, threads);
    EXPECT_EQ(run.instances.size(), static_cast<std::size_t>(threads));
    ExpectEachInstanceOnOneThread(run);
    EXPECT_EQ(run.threads.size(), static_cast<std::size_t>(threads));
    if (threads == 1) {  // one thread and reordering: calls in frame order
      for (std::size_t i = 0; i < run.calls.size(); ++i) EXPECT_EQ(run.calls[i].frame, int(i));
    }
  }
}

TEST(MultiSourceTestMethod, BackwardCompatible2ThreadSafeMethodSharesOneInstance) {
  for (int threads : {1, 3}) {
    SCOPED_TRACE("T=" + std::to_string(threads));
    Observed run = RunFrames(Info(true, false, false), 0, threads);
    EXPECT_EQ(run.instances_created, 1);
    EXPECT_EQ(run.instances.size(), 1u);
    EXPECT_EQ(run.threads.size(), static_cast<std::size_t>(threads));
    if (threads > 1) {
      EXPECT_GT(run.threads_of_instance.begin()->second.size(), 1u);
    }
  }
}

TEST(MultiSourceTestMethod, MultiSource1SourceIndependentMethodGetsOneInstancePerThread) {
  for (int threads : {1, 2, 5}) {
    SCOPED_TRACE("T=" + std::to_string(threads));
    Observed run = RunFrames(Info(false, false, false), 4, threads);
    EXPECT_EQ(run.instances_created, threads);
    EXPECT_EQ(run.instances.size(), static_cast<std::size_t>(threads));
    ExpectEachInstanceOnOneThread(run);
    EXPECT_EQ(run.threads.size(), static_cast<std::size_t>(threads));
  }
}

TEST(MultiSourceTestMethod, MultiSource2SourceDependentMethodPinsSourcesToThreads) {
  constexpr int kSources = 4;
  for (int threads : {1, 3, 4}) {
    SCOPED_TRACE("T=" + std::to_string(threads));
    Observed run = RunFrames(Info(false, false, true), kSources, threads);
    EXPECT_EQ(run.instances_created, kSources);
    ExpectSourceInstanceBijection(run, kSources);
    ExpectEachInstanceOnOneThread(run);
    const std::size_t lo = kSources / threads;
    for (const auto& [thread, instances] : run.instances_of_thread) {
      EXPECT_GE(instances.size(), lo);
      EXPECT_LE(instances.size(), lo + 1);
    }
    EXPECT_EQ(run.threads.size(), static_cast<std::size_t>(threads));
  }
}

TEST(MultiSourceTestMethod, MultiSource3ThreadSafeMethodSharesOneInstanceAcrossSources) {
  for (int threads : {1, 3, 4, 5}) {
    SCOPED_TRACE("T=" + std::to_string(threads));
    Observed run = RunFrames(Info(true, false, false), 4, threads);
    EXPECT_EQ(run.instances_created, 1);
    EXPECT_EQ(run.instances.size(), 1u);
    if (threads > 1) {
      EXPECT_GT(run.threads_of_instance.begin()->second.size(), 1u);
    }
    EXPECT_EQ(run.threads.size(), static_cast<std::size_t>(threads));
  }
}

TEST(MultiSourceTestMethod, MultiSource4ThreadSafeSourceDependentMethodHasAnInstancePerSource) {
  constexpr int kSources = 4;
  for (int threads : {1, 3, 4}) {
    SCOPED_TRACE("T=" + std::to_string(threads));
    Observed run = RunFrames(Info(true, false, true), kSources, threads);
    EXPECT_EQ(run.instances_created, kSources);
    ExpectSourceInstanceBijection(run, kSources);
    EXPECT_EQ(run.threads.size(), static_cast<std::size_t>(threads));
  }
}

// XStream aborts when a non-thread-safe source-dependent method has more threads than sources.
TEST(MultiSourceTestMethod, MoreThreadsThanSourcesForPinnedInstancesFailsInit) {
  MultiSourceInfo() = Info(false, false, true);
  rill::testing::ScratchDir dir;
  std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
  ASSERT_EQ(sdk->SetConfig("config_file", WriteConfig(dir, "c.json", MakeConfig(2, 3))), 0);
  EXPECT_EQ(sdk->Init(), -1);
}

}  // namespace
}  // namespace xstream_test

// Thread models: private thread pools and thread_list threads shared between nodes (XStream
// test/thread_model.cpp: ThreadModel.compatiable, .SingleThread, .CrossShare0/1/2). XStream's
// versions are smoke tests; these also check outputs, callbacks, UpdateConfig while frames run, and
// deletion with frames in flight.
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

struct ThreadModel {
  const char* name;
  const char* config;
  int nodes;  ///< BBoxFilter_1..n; only BBoxFilter_2 feeds the workflow output
};

void PrintTo(const ThreadModel& m, std::ostream* os) { *os << m.name; }

const ThreadModel kModels[] = {
    {"Compatible", "thread_model/compatiable.json", 2},      // thread_count 3 each
    {"SingleThread", "thread_model/single_thread.json", 2},  // both on thread_list [0]
    {"CrossShare0", "thread_model/cross_share0.json", 2},    // [0,1] / [1,2]
    {"CrossShare1", "thread_model/cross_share1.json", 2},    // [0,1,2] twice
    {"CrossShare2", "thread_model/cross_share2.json", 3},    // [0,1,2,3] / [1,2,5] / [0,1,3]
};

constexpr int kFrames = 10;

std::string NodeName(int i) { return "BBoxFilter_" + std::to_string(i); }

xstream::InputDataPtr BoxFrame() {
  return MakeInput("face_head_box",
                   MakeBoxes({BBox(0, 0, 10, 10), BBox(0, 0, 60, 60), BBox(0, 0, 80, 80)}));
}

/// The number of boxes in a frame output, or -1.
int BoxCount(const xstream::OutputDataPtr& out) {
  if (out->error_code_ != 0 || out->datas_.size() != 1) return -1;
  const std::vector<BBox>* boxes = BoxesOf(out->datas_[0]);
  return boxes ? static_cast<int>(boxes->size()) : -1;
}

class ThreadModelTest : public ::testing::TestWithParam<ThreadModel> {};

TEST_P(ThreadModelTest, SyncAndAsyncFramesWithUpdateConfigMidRun) {
  const ThreadModel& model = GetParam();
  OutputCollector collector;
  std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0) << "global callback before SetConfig/Init";
  ASSERT_EQ(sdk->SetConfig("config_file", SdkData(model.config)), 0);
  ASSERT_EQ(sdk->Init(), 0);
  for (int n = 1; n <= model.nodes; ++n) {
    ASSERT_EQ(sdk->SetCallback(collector.Callback(), NodeName(n)), 0) << NodeName(n);
  }

  for (int i = 0; i < kFrames / 2; ++i) {
    EXPECT_EQ(BoxCount(sdk->SyncPredict(BoxFrame())), 2) << "threshold 2500 drops 10x10";
  }
  for (int n = 1; n <= model.nodes; ++n) {
    // BBoxFilter takes its own FilterParam or JSON text.
    xstream::InputParamPtr threshold_90 =
        n == 1 ? xstream::InputParamPtr(std::make_shared<FilterParam>(NodeName(n), 90))
               : std::make_shared<xstream::SdkCommParam>(NodeName(n), R"({"threshold": 90})");
    EXPECT_EQ(sdk->UpdateConfig(NodeName(n), threshold_90), 0) << NodeName(n);
  }
  for (int i = 0; i < kFrames / 2; ++i) {
    EXPECT_EQ(BoxCount(sdk->SyncPredict(BoxFrame())), 3) << "threshold 90 keeps every box";
  }
  for (int n = 1; n <= model.nodes; ++n) {
    auto param = std::dynamic_pointer_cast<FilterParam>(sdk->GetConfig(NodeName(n)));
    ASSERT_NE(param, nullptr) << NodeName(n);
    EXPECT_EQ(param->threshold, 90.0f) << NodeName(n);
  }

  std::set<int64_t> ids;
  for (int i = 0; i < kFrames; ++i) {
    const int64_t id = sdk->AsyncPredict(BoxFrame());
    ASSERT_GE(id, 0);
    ids.insert(id);
    if (i == kFrames / 2) {  // while frames run; same value, so outputs stay predictable
      EXPECT_EQ(
          sdk->UpdateConfig("BBoxFilter_2", std::make_shared<FilterParam>("BBoxFilter_2", 90)), 0);
    }
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kFrames));
  ASSERT_TRUE(collector.WaitFor(kFrames * (1 + model.nodes)))
      << "got " << collector.size() << " callbacks";
  auto outputs = collector.From("");
  ASSERT_EQ(outputs.size(), static_cast<std::size_t>(kFrames));
  std::set<int64_t> seen;
  for (const auto& out : outputs) {
    EXPECT_EQ(BoxCount(out), 3);
    seen.insert(out->sequence_id_);
  }
  EXPECT_EQ(seen, ids);
  for (int n = 1; n <= model.nodes; ++n) {
    auto node_outs = collector.From(NodeName(n));
    EXPECT_EQ(node_outs.size(), static_cast<std::size_t>(kFrames)) << NodeName(n);
    for (const auto& out : node_outs) EXPECT_EQ(out->error_code_, 0) << NodeName(n);
  }
  EXPECT_FALSE(collector.overlapped());
  sdk.reset();
  EXPECT_EQ(collector.size(), static_cast<std::size_t>(kFrames * (1 + model.nodes)))
      << "no callback after every expected one arrived";
}

TEST_P(ThreadModelTest, DeleteWithFramesInFlight) {
  const ThreadModel& model = GetParam();
  OutputCollector collector;
  std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
  ASSERT_EQ(sdk->SetCallback(collector.Callback()), 0);
  ASSERT_EQ(sdk->SetConfig("config_file", SdkData(model.config)), 0);
  ASSERT_EQ(sdk->Init(), 0);
  for (int n = 1; n <= model.nodes; ++n) {
    ASSERT_EQ(sdk->SetCallback(collector.Callback(), NodeName(n)), 0);
  }
  for (int i = 0; i < 2 * kFrames; ++i) ASSERT_GE(sdk->AsyncPredict(BoxFrame()), 0);
  sdk.reset();  // must neither crash nor hang
  const std::size_t after_delete = collector.size();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(collector.size(), after_delete) << "no callback after the SDK is gone";
}

INSTANTIATE_TEST_SUITE_P(ThreadModel, ThreadModelTest, ::testing::ValuesIn(kModels),
                         [](const ::testing::TestParamInfo<ThreadModel>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace xstream_test

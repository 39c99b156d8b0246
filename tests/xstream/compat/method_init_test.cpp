// How method instances are initialised (XStream test/method_init_test.cpp:
// MethodInitTest.ConfigPath, .ConfigContent, .ConfigIncludeContent).
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/xstream_config.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

/// The InitReports of `frames` sync frames.
std::vector<InitReport> RunFrames(xstream::XStreamSDK& sdk, int frames) {
  std::vector<InitReport> reports;
  for (int i = 0; i < frames; ++i) {
    auto out = sdk.SyncPredict(MakeInput("global_in"));
    EXPECT_EQ(out->error_code_, 0);
    if (out->datas_.size() != 1) continue;
    auto* report = dynamic_cast<InitReportData*>(out->datas_[0].get());
    EXPECT_NE(report, nullptr);
    if (report != nullptr) reports.push_back(report->value);
  }
  return reports;
}

TEST(MethodInitTest, ConfigFileIsRelativeToTheWorkflowAndEachInstanceInitsOnItsThread) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  ASSERT_EQ(config->LoadFile(SdkData("method_init/config_path.json")), 0);
  EXPECT_EQ(config->folder_path_, SdkData("method_init/"));
  EXPECT_EQ(config->cfg_jv_["workflow"][0]["method_config_file"].asString(), "threshold_file.json");

  auto sdk = MakeSdk("method_init/config_path.json");
  ASSERT_EQ(sdk->Init(), 0);
  std::vector<InitReport> reports = RunFrames(*sdk, 9);
  ASSERT_EQ(reports.size(), 9u);
  std::set<int> instances;
  std::set<std::thread::id> init_threads;
  for (const InitReport& r : reports) {
    EXPECT_EQ(r.threshold, 7);
    EXPECT_EQ(r.init_from, "file");
    EXPECT_EQ(r.init_thread, r.process_thread)
        << "instance " << r.instance << " runs on the thread that initialised it";
    EXPECT_NE(r.init_thread, std::this_thread::get_id());
    instances.insert(r.instance);
    init_threads.insert(r.init_thread);
  }
  EXPECT_EQ(instances.size(), 3u) << "thread_count 3, not thread-safe: 3 instances";
  EXPECT_EQ(init_threads.size(), 3u);
}

TEST(MethodInitTest, InlineMethodConfigGoesToInitFromJsonString) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  ASSERT_EQ(config->LoadFile(SdkData("method_init/config_content.json")), 0);
  EXPECT_EQ(config->cfg_jv_["workflow"][0]["method_config"]["threshold"], Json::Value(9));

  auto sdk = MakeSdk("method_init/config_content.json");
  ASSERT_EQ(sdk->Init(), 0);
  std::vector<InitReport> reports = RunFrames(*sdk, 4);
  ASSERT_EQ(reports.size(), 4u);
  std::set<int> instances;
  for (const InitReport& r : reports) {
    EXPECT_EQ(r.threshold, 9);
    EXPECT_EQ(r.init_from, "json");
    EXPECT_EQ(r.init_thread, r.process_thread);
    instances.insert(r.instance);
  }
  EXPECT_EQ(instances.size(), 2u);
}

TEST(MethodInitTest, IncludedMethodConfigBecomesInlineContent) {
  auto config = std::make_shared<xstream::XStreamConfig>();
  ASSERT_EQ(config->LoadFile(SdkData("method_init/config_include_content.json")), 0);
  Json::Value expected_config(Json::objectValue);
  expected_config["threshold"] = 7;
  EXPECT_EQ(config->cfg_jv_["workflow"][0]["method_config"], expected_config);

  auto sdk = MakeSdk("method_init/config_include_content.json");
  ASSERT_EQ(sdk->Init(), 0);
  std::vector<InitReport> reports = RunFrames(*sdk, 2);
  ASSERT_EQ(reports.size(), 2u);
  for (const InitReport& r : reports) {
    EXPECT_EQ(r.threshold, 7);
    EXPECT_EQ(r.init_from, "json");
    EXPECT_EQ(r.init_thread, std::this_thread::get_id())
        << "a single instance is initialised on the thread calling Init";
  }
}

// XStream exits the process when a Method's Init fails; rill's Init returns -1.
TEST(MethodInitTest, FailingMethodInitMakesSdkInitFail) {
  auto sdk = MakeSdk("method_init/config_missing_file.json");
  EXPECT_EQ(sdk->Init(), -1);
}

TEST(MethodInitTest, RefusedInlineConfigFallsBackToInitWithoutAFile) {
  // InitFromJsonString refuses the content, so Init("") is tried, which fails too.
  auto sdk = MakeSdk("method_init/config_bad_content_falls_back.json");
  EXPECT_EQ(sdk->Init(), -1);
}

}  // namespace
}  // namespace xstream_test

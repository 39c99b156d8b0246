// thread_priority applied to node threads (XStream test/thread_priority_test.cpp:
// ThreadModel.ThreadPriority_FIFO/_RR/_IDLE/_BATCH/_NORMAL).
// Node probe_1 runs on thread_list [0] with priority 10, probe_2 on [1, 2] with priority 20;
// each outputs the policy and priority pthread_getschedparam reports for its thread. The
// config also sets optional.sched_upper/sched_down (priority 30), which rill only warns about.
// SCHED_FIFO/RR need privileges: those cases are skipped when this process cannot set them.
#include <pthread.h>
#include <sched.h>

#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/json_key.h"
#include "hobotxstream/xstream_config.h"
#include "xstream/compat/sdk_test_util.hpp"
#include "xstream/compat/test_methods.hpp"

namespace xstream_test {
namespace {

struct PriorityCase {
  const char* name;
  const char* policy;  ///< as written in the config
  int os_policy;
  bool realtime;  ///< FIFO/RR: configured priority applies; otherwise it stays 0
};

void PrintTo(const PriorityCase& c, std::ostream* os) { *os << c.name; }

const PriorityCase kCases[] = {
    {"FIFO", "SCHED_FIFO", SCHED_FIFO, true},       {"RR", "SCHED_RR", SCHED_RR, true},
    {"IDLE", "SCHED_IDLE", SCHED_IDLE, false},      {"BATCH", "SCHED_BATCH", SCHED_BATCH, false},
    {"NORMAL", "SCHED_NORMAL", SCHED_OTHER, false}, {"OTHER", "SCHED_OTHER", SCHED_OTHER, false},
};

/// Whether a thread of this process may switch itself to `policy` (priority 10).
bool MaySetPolicy(int policy) {
  bool ok = false;
  std::thread scratch([&] {
    sched_param sp{};
    sp.sched_priority = (policy == SCHED_FIFO || policy == SCHED_RR) ? 10 : 0;
    ok = pthread_setschedparam(pthread_self(), policy, &sp) == 0;
  });
  scratch.join();
  return ok;
}

Json::Value Priority(const char* policy, int priority) {
  Json::Value p;
  p[xstream::kPolicy] = policy;
  p[xstream::kPriority] = priority;
  return p;
}

Json::Value MakeConfig(const PriorityCase& c) {
  Json::Value config;
  config[xstream::kInputs].append("global_in");
  config[xstream::kOutputs].append("seen_1");
  config[xstream::kOutputs].append("seen_2");
  config[xstream::kOptional][xstream::kSchedUpper] = Priority(c.policy, 30);
  config[xstream::kOptional][xstream::kSchedDown] = Priority(c.policy, 30);
  Json::Value probe_1;
  probe_1[xstream::kUniqueName] = "probe_1";
  probe_1[xstream::kMethodType] = "SchedProbe";
  probe_1[xstream::kTheadList].append(0);
  probe_1[xstream::kThreadPriority] = Priority(c.policy, 10);
  probe_1[xstream::kInputs].append("global_in");
  probe_1[xstream::kOutputs].append("seen_1");
  Json::Value probe_2;
  probe_2[xstream::kUniqueName] = "probe_2";
  probe_2[xstream::kMethodType] = "SchedProbe";
  probe_2[xstream::kTheadList].append(1);
  probe_2[xstream::kTheadList].append(2);
  probe_2[xstream::kThreadPriority] = Priority(c.policy, 20);
  probe_2[xstream::kInputs].append("seen_1");
  probe_2[xstream::kOutputs].append("seen_2");
  config[xstream::kWorkflow].append(probe_1);
  config[xstream::kWorkflow].append(probe_2);
  return config;
}

class ThreadPriorityTest : public ::testing::TestWithParam<PriorityCase> {};

TEST_P(ThreadPriorityTest, NodeThreadsRunWithTheConfiguredPolicy) {
  const PriorityCase& c = GetParam();
  if (!MaySetPolicy(c.os_policy)) GTEST_SKIP() << "this process may not use " << c.policy;
  rill::testing::ScratchDir dir;
  std::unique_ptr<xstream::XStreamSDK> sdk(xstream::XStreamSDK::CreateSDK());
  ASSERT_EQ(sdk->SetConfig("config_file", WriteConfig(dir, "priority.json", MakeConfig(c))), 0);
  ASSERT_EQ(sdk->Init(), 0);
  for (int i = 0; i < 6; ++i) {  // probe_2 alternates between its two threads
    auto out = sdk->SyncPredict(MakeInput("global_in"));
    ASSERT_EQ(out->error_code_, 0);
    ASSERT_EQ(out->datas_.size(), 2u);
    for (int k = 0; k < 2; ++k) {
      auto* seen = dynamic_cast<SchedObservationData*>(out->datas_[k].get());
      ASSERT_NE(seen, nullptr);
      EXPECT_EQ(seen->value.policy, c.os_policy) << "probe_" << k + 1;
      EXPECT_EQ(seen->value.priority, c.realtime ? 10 * (k + 1) : 0) << "probe_" << k + 1;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ThreadPriority, ThreadPriorityTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<PriorityCase>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace xstream_test

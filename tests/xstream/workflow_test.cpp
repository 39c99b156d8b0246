// rill::sdk::Workflow through its native API: the frame flow, output assembly, error handling
// that replaces XStream's aborts and hangs, and the parameter lock.
#include "rill/sdk/workflow.hpp"

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>

#include <gtest/gtest.h>

#include "xstream/test_methods.hpp"

namespace rill::sdk {
namespace {

using testing::Gate;

std::unique_ptr<Workflow> open_workflow(const std::string& json, Diagnostics* diags_out = nullptr,
                                        int* rc_out = nullptr) {
  Diagnostics diags;
  config::WorkflowLoad load = config::load_workflow_string(json, "test.json", "", diags);
  EXPECT_EQ(load.status, config::WorkflowStatus::kOk) << diags.format();
  if (!load.spec) return nullptr;
  auto wf = std::make_unique<Workflow>();
  const int rc = wf->open(*load.spec, WorkflowOptions{.factory = testing::test_factory()}, diags);
  if (diags_out) *diags_out = diags;
  if (rc_out) *rc_out = rc;
  if (rc != 0) return nullptr;
  return wf;
}

FrameInput frame_with(std::initializer_list<const char*> slots, std::uint32_t source = 0) {
  FrameInput in;
  for (const char* s : slots) {
    auto d = std::make_shared<Data>();
    d->name_ = s;
    in.datas_.push_back(d);
  }
  in.source_id_ = source;
  return in;
}

/// Collects async outputs; wait() is bounded.
struct Collector {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<FrameOutputPtr> outputs;
  OutputCallback callback() {
    return [this](FrameOutputPtr out) {
      std::lock_guard g(mu);
      outputs.push_back(std::move(out));
      cv.notify_all();
    };
  }
  bool wait(std::size_t n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(20), [&] { return outputs.size() >= n; });
  }
};

constexpr const char* kChain = R"({
  "inputs": ["in"], "outputs": ["out"],
  "workflow": [
    {"unique_name": "a", "method_type": "Echo", "inputs": ["in"], "outputs": ["mid"]},
    {"unique_name": "b", "method_type": "Echo", "inputs": ["mid"], "outputs": ["out"]}
  ]})";

TEST(WorkflowTest, PredictReturnsTheSameDatumRenamedToTheOutputSlot) {
  auto wf = open_workflow(kChain);
  ASSERT_TRUE(wf);
  FrameInput in = frame_with({"in"});
  DataPtr datum = in.datas_[0];
  auto outs = wf->predict(in);
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0]->error_code_, 0);
  EXPECT_EQ(outs[0]->output_type_, kWholeOutput);
  ASSERT_EQ(outs[0]->datas_.size(), 1u);
  EXPECT_EQ(outs[0]->datas_[0], datum);
  EXPECT_EQ(datum->name_, "out");
  EXPECT_EQ(wf->frames_in_flight(), 0);
}

TEST(WorkflowTest, SubmitNumbersFramesPerSourceAndDeliversEveryOne) {
  auto wf = open_workflow(R"({"source_number": 2, "inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "a", "method_type": "Echo", "inputs": ["in"], "outputs": ["out"]}]})");
  ASSERT_TRUE(wf);
  Collector c;
  wf->set_output_callback(c.callback());
  EXPECT_EQ(wf->submit(frame_with({"in"}, 0)), 0);
  EXPECT_EQ(wf->submit(frame_with({"in"}, 1)), 0);
  EXPECT_EQ(wf->submit(frame_with({"in"}, 0)), 1);
  ASSERT_TRUE(c.wait(3));
  std::lock_guard g(c.mu);
  std::uint64_t globals = 0;
  for (const auto& o : c.outputs) globals |= 1u << o->global_sequence_id_;
  EXPECT_EQ(globals, 0b111u);
}

TEST(WorkflowTest, GroupsAreDeliveredByNameAndSyncReturnsThemInThatOrder) {
  auto wf = open_workflow(R"({"inputs": ["in"],
    "outputs": [{"output_type": "zeta", "outputs": ["y"]}, {"output_type": "alpha", "outputs": ["x", "y"]}],
    "workflow": [{"unique_name": "a", "method_type": "Echo", "inputs": ["in"], "outputs": ["x"]},
                 {"unique_name": "b", "method_type": "Echo", "inputs": ["x"], "outputs": ["y"]}]})");
  ASSERT_TRUE(wf);
  auto outs = wf->predict(frame_with({"in"}));
  ASSERT_EQ(outs.size(), 2u);
  EXPECT_EQ(outs[0]->output_type_, "alpha");
  EXPECT_EQ(outs[0]->datas_.size(), 2u);
  EXPECT_EQ(outs[1]->output_type_, "zeta");
}

TEST(WorkflowTest, AMissingDeclaredInputCompletesTheFrameWithMinus2002PerEmptySlot) {
  auto wf = open_workflow(R"({"inputs": ["in", "other"], "outputs": ["out", "other_out"],
    "workflow": [{"unique_name": "a", "method_type": "Echo", "inputs": ["in"], "outputs": ["out"]},
                 {"unique_name": "b", "method_type": "Echo", "inputs": ["other"], "outputs": ["other_out"]}]})");
  ASSERT_TRUE(wf);
  auto outs = wf->predict(frame_with({"in"}));
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0]->error_code_, kSlotNotReady);
  EXPECT_EQ(outs[0]->error_detail_, "other_out is not ready;");
  EXPECT_EQ(outs[0]->datas_.size(), 1u);
}

TEST(WorkflowTest, AThrowingMethodLeavesItsOutputsEmptyAndTheProcessRunning) {
  auto wf = open_workflow(R"({"inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "boom", "method_type": "Thrower", "inputs": ["in"], "outputs": ["mid"]},
                 {"unique_name": "after", "method_type": "Echo", "inputs": ["mid"], "outputs": ["out"]}]})");
  ASSERT_TRUE(wf);
  for (int i = 0; i < 3; ++i) {
    auto outs = wf->predict(frame_with({"in"}));
    EXPECT_EQ(outs[0]->error_code_, kSlotNotReady);
  }
  auto stats = wf->node_stats();
  EXPECT_EQ(stats[0].errors, 3u);
  EXPECT_EQ(stats[1].skipped, 3u);
  EXPECT_EQ(stats[1].calls, 0u);
}

TEST(WorkflowTest, AMethodReturningTooFewOutputsIsAFailureNotACrash) {
  auto wf = open_workflow(R"({"inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "s", "method_type": "Short", "inputs": ["in"], "outputs": ["out"]}]})");
  ASSERT_TRUE(wf);
  EXPECT_EQ(wf->predict(frame_with({"in"}))[0]->error_code_, kSlotNotReady);
  EXPECT_EQ(wf->node_stats()[0].errors, 1u);
}

TEST(WorkflowTest, SubmitRefusesFramesItCouldNeverComplete) {
  auto wf = open_workflow(kChain);
  ASSERT_TRUE(wf);
  EXPECT_EQ(wf->submit(frame_with({"in"})), -1) << "no output callback set";
  Collector c;
  wf->set_output_callback(c.callback());
  EXPECT_EQ(wf->submit(frame_with({"mid"})), kInvalidInput) << "not a workflow input";
  EXPECT_EQ(wf->submit(FrameInput{}), kInvalidInput) << "no data";
  EXPECT_EQ(wf->submit(frame_with({"in"}, 1)), kInvalidInput) << "source out of range";
  EXPECT_EQ(wf->submit(frame_with({"in"})), 0) << "refusals consume no sequence id";
  ASSERT_TRUE(c.wait(1));
}

TEST(WorkflowTest, NodeCallbackComesBeforeTheGroupItCompletes) {
  auto wf = open_workflow(kChain);
  ASSERT_TRUE(wf);
  std::vector<std::string> order;  // callbacks never overlap, so no lock is needed
  std::promise<void> done;
  ASSERT_EQ(wf->set_node_callback("b", [&](FrameOutputPtr o) { order.push_back(o->unique_name_); }),
            0);
  wf->set_output_callback([&](FrameOutputPtr o) {
    order.push_back(o->output_type_);
    done.set_value();
  });
  EXPECT_EQ(wf->set_node_callback("nope", [](FrameOutputPtr) {}), -1);
  ASSERT_GE(wf->submit(frame_with({"in"})), 0);
  ASSERT_EQ(done.get_future().wait_for(std::chrono::seconds(20)), std::future_status::ready);
  EXPECT_EQ(order, (std::vector<std::string>{"b", kWholeOutput}));
}

TEST(WorkflowTest, MaxRunningCountLimitsFramesInFlight) {
  Gate::reset();
  auto wf = open_workflow(R"({"max_running_count": 1, "inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "g", "method_type": "Gate", "inputs": ["in"], "outputs": ["out"]}]})");
  ASSERT_TRUE(wf);
  Collector c;
  wf->set_output_callback(c.callback());
  EXPECT_EQ(wf->submit(frame_with({"in"})), 0);
  EXPECT_EQ(wf->submit(frame_with({"in"})), kTooManyInFlight);
  EXPECT_EQ(wf->frames_in_flight(), 1);
  {
    std::lock_guard g(Gate::mu);
    Gate::open = true;
  }
  Gate::cv.notify_all();
  ASSERT_TRUE(c.wait(1));
  EXPECT_EQ(c.outputs[0]->sequence_id_, 0);
}

TEST(WorkflowTest, UpdateParamsWaitsForRunningCallsOfTheNode) {
  Gate::reset();
  auto wf = open_workflow(R"({"inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "g", "method_type": "Gate", "thread_count": 2,
                  "inputs": ["in"], "outputs": ["out"]}]})");
  ASSERT_TRUE(wf);
  Collector c;
  wf->set_output_callback(c.callback());
  ASSERT_GE(wf->submit(frame_with({"in"})), 0);
  {
    std::unique_lock lock(Gate::mu);
    ASSERT_TRUE(Gate::cv.wait_for(lock, std::chrono::seconds(20), [] { return Gate::inside; }));
  }
  auto update = std::async(std::launch::async, [&] { return wf->update_params("g", nullptr); });
  EXPECT_EQ(update.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  EXPECT_EQ(Gate::updates.load(), 0);
  {
    std::lock_guard g(Gate::mu);
    Gate::open = true;
  }
  Gate::cv.notify_all();
  EXPECT_EQ(update.get(), 0);
  EXPECT_EQ(Gate::updates.load(), 2) << "every instance of the node is updated";
  EXPECT_EQ(wf->update_params("nope", nullptr), 1);
  ASSERT_TRUE(c.wait(1));
}

TEST(WorkflowTest, ANodeWithoutThreadKeysGetsAThreadOnceACallBlocks) {
  auto wf = open_workflow(R"({"inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "fast", "method_type": "Echo", "inputs": ["in"], "outputs": ["mid"]},
                 {"unique_name": "slow", "method_type": "Sleepy", "inputs": ["mid"], "outputs": ["out"]}]})");
  ASSERT_TRUE(wf);
  {
    std::lock_guard g(testing::Sleepy::mu);
    testing::Sleepy::threads.clear();
  }
  for (int i = 0; i < 4; ++i) EXPECT_EQ(wf->predict(frame_with({"in"}))[0]->error_code_, 0);
  auto stats = wf->node_stats();
  EXPECT_FALSE(stats[0].own_thread) << "a fast node stays on the shared workers";
  EXPECT_TRUE(stats[1].own_thread);
  std::lock_guard g(testing::Sleepy::mu);
  ASSERT_EQ(testing::Sleepy::threads.size(), 4u);
  // After the first (blocking) call, every call runs on the node's own thread.
  EXPECT_EQ(testing::Sleepy::threads[1], testing::Sleepy::threads[2]);
  EXPECT_EQ(testing::Sleepy::threads[2], testing::Sleepy::threads[3]);
}

TEST(WorkflowTest, NodesWithThreadKeysHaveThreadsFromTheStart) {
  auto wf = open_workflow(R"({"inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "a", "method_type": "Echo", "thread_count": 1, "inputs": ["in"], "outputs": ["out"]}]})");
  ASSERT_TRUE(wf);
  EXPECT_TRUE(wf->node_stats()[0].own_thread);
}

TEST(WorkflowTest, OpenReportsUnknownMethodTypesAndFailedInitAtTheNode) {
  Diagnostics diags;
  int rc = 0;
  EXPECT_FALSE(open_workflow(R"({"inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "x", "method_type": "Nope", "inputs": ["in"], "outputs": ["out"]}]})",
                             &diags, &rc));
  EXPECT_EQ(rc, -1);
  EXPECT_NE(diags.format().find("test.json:2:18: error: node 'x': unknown method type 'Nope'"),
            std::string::npos)
      << diags.format();
  diags = {};
  EXPECT_FALSE(open_workflow(R"({"inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "x", "method_type": "BadInit", "inputs": ["in"], "outputs": ["out"]}]})",
                             &diags, &rc));
  EXPECT_EQ(rc, -1);
  EXPECT_NE(diags.format().find("Init(\"\") returned 7"), std::string::npos) << diags.format();
}

TEST(WorkflowTest, UnknownTypeIsReportedEvenWhenTheCallersDiagnosticsAlreadyHoldErrors) {
  Diagnostics diags;
  config::WorkflowLoad load = config::load_workflow_string(
      R"({"inputs": ["in"], "outputs": ["out"],
          "workflow": [{"unique_name": "x", "method_type": "Nope", "inputs": ["in"], "outputs": ["out"]}]})",
      "test.json", "", diags);
  ASSERT_TRUE(load.spec);
  diags.error(SourceLoc{"other.json", 1, 1}, "an earlier, unrelated error");
  Workflow wf;
  EXPECT_EQ(wf.open(*load.spec, WorkflowOptions{.factory = testing::test_factory()}, diags), -1);
  EXPECT_NE(diags.format().find("unknown method type 'Nope'"), std::string::npos) << diags.format();
}

TEST(WorkflowTest, AFactoryThatThrowsIsReportedAsSuchNotAsAnUnknownType) {
  Diagnostics diags;
  int rc = 0;
  EXPECT_FALSE(open_workflow(R"({"inputs": ["in"], "outputs": ["out"],
    "workflow": [{"unique_name": "x", "method_type": "ThrowOnCreate", "inputs": ["in"], "outputs": ["out"]}]})",
                             &diags, &rc));
  EXPECT_EQ(rc, -1);
  EXPECT_EQ(diags.error_count(), 1u) << diags.format();
  EXPECT_NE(diags.format().find("creating method 'ThrowOnCreate' threw: no licence"),
            std::string::npos)
      << diags.format();
}

}  // namespace
}  // namespace rill::sdk

// Where strands (nodes without thread keys) run: the core's default pool, the one process-wide
// worker pool, or the executor a program provides as "xstream"; never a pool of the SDK's own.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hobotxsdk/xstream_sdk.h"
#include "hobotxstream/method.h"
#include "hobotxstream/method_factory.h"
#include "hobotxstream/xstream.h"
#include "rill/core/executor.hpp"

namespace {

// Records the executor each DoProcess call runs on; passes its input through.
class WhereMethod : public xstream::Method {
 public:
  explicit WhereMethod(std::atomic<rill::Executor*>* seen) : seen_(seen) {}
  int Init(const std::string&) override { return 0; }
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>&) override {
    seen_->store(rill::Executor::current());
    return input;
  }
  void Finalize() override {}

 private:
  std::atomic<rill::Executor*>* seen_;
};

class WhereFactory : public xstream::MethodFactory {
 public:
  explicit WhereFactory(std::atomic<rill::Executor*>* seen) : seen_(seen) {}
  xstream::MethodPtr CreateMethod(const std::string&) override {
    return std::make_shared<WhereMethod>(seen_);
  }

 private:
  std::atomic<rill::Executor*>* seen_;
};

constexpr const char* kOneStrand = R"({
  "inputs": ["in"], "outputs": ["out"],
  "workflow": [{"unique_name": "where", "method_type": "Where", "inputs": ["in"],
                "outputs": ["out"]}]
})";

// The executor the strand of a one-node workflow ran its one frame on.
rill::Executor* StrandExecutor() {
  std::atomic<rill::Executor*> seen{nullptr};
  xstream::XStreamFlow flow;
  EXPECT_EQ(flow.SetConfig("config_string", kOneStrand), 0);
  EXPECT_EQ(flow.Init(std::make_shared<WhereFactory>(&seen)), 0);
  auto input = std::make_shared<xstream::InputData>();
  auto data = std::make_shared<xstream::BaseData>();
  data->name_ = "in";
  input->datas_.push_back(data);
  EXPECT_EQ(flow.SyncPredict(input)->error_code_, 0);
  return seen.load();
}

TEST(StrandExecutorTest, StrandsRunOnTheProcessDefaultPool) {
  std::shared_ptr<rill::Executor> pool = rill::default_executor();
  EXPECT_EQ(rill::default_executor(), pool) << "one pool per process";
  EXPECT_EQ(pool->name(), "rill");
  EXPECT_EQ(StrandExecutor(), pool.get());
}

TEST(StrandExecutorTest, StrandsRunOnTheProvidedXStreamExecutorWhenThereIsOne) {
  rill::ExecutorOptions options;
  options.name = "mine";
  options.threads = 1;
  auto mine = std::make_shared<rill::ThreadPool>(options);
  rill::provide_executor("xstream", mine);
  rill::Executor* used = StrandExecutor();
  rill::provide_executor("xstream", nullptr);
  EXPECT_EQ(used, mine.get());
  EXPECT_EQ(StrandExecutor(), rill::default_executor().get()) << "back once it is withdrawn";
}

}  // namespace

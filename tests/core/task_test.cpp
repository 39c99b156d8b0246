// spawn(): the task's frame, with everything it holds, is gone before on_done is told the task
// ended, so the callback may hand the task's resources back (the graph runtime relies on it).

#include "rill/core/task.hpp"

#include <memory>

#include <gtest/gtest.h>

#include "rill/core/executor.hpp"

namespace rill {
namespace {

Task<> hold(std::shared_ptr<int> resource) {
  co_await std::suspend_never{};
  (void)resource;
}

Task<> hold_then_throw(std::shared_ptr<int> resource) {
  co_await std::suspend_never{};
  throw std::runtime_error("boom");
}

TEST(Spawn, TaskFrameIsDestroyedBeforeOnDoneRuns) {
  ManualExecutor ex;
  auto resource = std::make_shared<int>(1);
  std::weak_ptr<int> watch = resource;
  bool called = false;
  spawn(ex, hold(std::move(resource)), [&](std::exception_ptr e) {
    called = true;
    EXPECT_FALSE(e);
    EXPECT_TRUE(watch.expired()) << "the task's frame still held its parameter";
  });
  ex.drain();
  EXPECT_TRUE(called);
}

TEST(Spawn, FailedTaskFrameIsDestroyedBeforeOnDoneSeesTheError) {
  ManualExecutor ex;
  auto resource = std::make_shared<int>(1);
  std::weak_ptr<int> watch = resource;
  bool called = false;
  spawn(ex, hold_then_throw(std::move(resource)), [&](std::exception_ptr e) {
    called = true;
    ASSERT_TRUE(e);
    EXPECT_THROW(std::rethrow_exception(e), std::runtime_error);
    EXPECT_TRUE(watch.expired());
  });
  ex.drain();
  EXPECT_TRUE(called);
}

}  // namespace
}  // namespace rill

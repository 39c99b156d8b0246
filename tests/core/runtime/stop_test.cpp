// Graph::stop(): a graceful stop drains what is in flight; nothing a source sent is lost.

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "core/runtime/runtime_nodes.hpp"

namespace rill::testing {
namespace {

using namespace std::chrono_literals;

TEST(GracefulStop, EveryMessageSentBeforeTheStopReachesTheSink) {
  EndlessSource::sent().store(0);
  auto g = load_graph(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "EndlessSource" },
  { name = "a", ty = "Transform" },
  { name = "b", ty = "Square" },
  { name = "c", ty = "Transform" },
  { name = "sink", ty = "Sink", key = "stop" },
]
connections = [
  { cap = 64, ports = ["src:out", "a:inp"] },
  { cap = 64, ports = ["a:out", "b:inp"] },
  { cap = 64, ports = ["b:out", "c:inp"] },
  { cap = 64, ports = ["c:out", "sink:inp"] },
]
)");
  ASSERT_TRUE(g);
  g->start();
  // Let the channels fill so the stop lands with messages in flight at every stage.
  while (EndlessSource::sent().load() < 5000) std::this_thread::sleep_for(1ms);
  g->stop();
  std::optional<RunResult> r = g->wait_for(60s);
  ASSERT_TRUE(r.has_value()) << "graph did not drain after stop()";
  EXPECT_TRUE(r->ok) << r->format();

  std::vector<Value> got = Store::take("stop");
  const auto sent = static_cast<std::size_t>(EndlessSource::sent().load());
  EXPECT_GE(sent, 5000u);
  ASSERT_EQ(got.size(), sent) << "in-flight messages were dropped";
  for (std::size_t i = 0; i < got.size(); ++i) {
    const auto x = static_cast<std::int64_t>(i);
    ASSERT_EQ(got[i].as_int(), x * x);
  }
}

TEST(GracefulStop, StopBeforeAnyMessageEndsCleanly) {
  EndlessSource::sent().store(0);
  auto g = load_graph(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [{ name = "src", ty = "EndlessSource" }, { name = "sink", ty = "Sink", key = "stop0" }]
connections = [{ cap = 1, ports = ["src:out", "sink:inp"] }]
)");
  ASSERT_TRUE(g);
  g->start();
  g->stop();
  std::optional<RunResult> r = g->wait_for(60s);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->ok) << r->format();
  EXPECT_EQ(Store::take("stop0").size(), static_cast<std::size_t>(EndlessSource::sent().load()));
}

}  // namespace
}  // namespace rill::testing

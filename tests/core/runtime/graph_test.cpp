#include "rill/core/graph.hpp"

#include <gtest/gtest.h>

#include "core/test_nodes.hpp"

namespace rill {
namespace {

using namespace testing;

GraphSpec chain_spec(int count, int passes, const std::string& key) {
  GraphSpec s;
  s.main = "main";
  GraphDef g;
  g.name = "main";
  g.nodes.push_back(node("src", "CountSource", Map{{"count", count}}));
  std::string prev = "src:out";
  for (int i = 0; i < passes; ++i) {
    std::string n = "p" + std::to_string(i);
    g.nodes.push_back(node(n, "Pass"));
    g.connections.push_back(conn(4, {prev, n + ":inp"}));
    prev = n + ":out";
  }
  g.nodes.push_back(node("sink", "Collect", Map{{"key", key}}));
  g.connections.push_back(conn(4, {prev, "sink:inp"}));
  s.graphs.push_back(std::move(g));
  return s;
}

TEST(Graph, ChainDeliversEveryMessageInOrderAndEnds) {
  Diagnostics d;
  auto g = Graph::create(chain_spec(1000, 8, "chain"), test_registry(), d);
  ASSERT_TRUE(g) << d.format();
  auto r = g->run();
  EXPECT_TRUE(r.ok) << r.format();
  auto got = Collect::take("chain");
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(got[static_cast<std::size_t>(i)].as_int(), i);
}

TEST(Graph, FanOutInsertsBcastSoEveryReceiverSeesEveryMessage) {
  GraphSpec s;
  s.main = "main";
  GraphDef g;
  g.name = "main";
  g.nodes.push_back(node("src", "CountSource", Map{{"count", 50}}));
  g.nodes.push_back(node("a", "Collect", Map{{"key", "fa"}}));
  g.nodes.push_back(node("b", "Collect", Map{{"key", "fb"}}));
  g.connections.push_back(conn(2, {"src:out", "a:inp", "b:inp"}));
  s.graphs.push_back(std::move(g));
  Diagnostics d;
  auto graph = Graph::create(s, test_registry(), d);
  ASSERT_TRUE(graph) << d.format();
  EXPECT_TRUE(graph->run().ok);
  EXPECT_EQ(Collect::take("fa").size(), 50u);
  EXPECT_EQ(Collect::take("fb").size(), 50u);
}

/// src (count ints) → f (FailAt fail_at, with `policy`) → sink (Collect under `key`).
GraphSpec failing_chain_spec(int count, int fail_at, OnError policy, const std::string& key) {
  GraphSpec s;
  s.main = "main";
  GraphDef g;
  g.name = "main";
  g.nodes.push_back(node("src", "CountSource", Map{{"count", count}}));
  auto f = node("f", "FailAt", Map{{"fail_at", fail_at}});
  f.on_error = policy;
  g.nodes.push_back(f);
  g.nodes.push_back(node("sink", "Collect", Map{{"key", key}}));
  g.connections.push_back(conn(4, {"src:out", "f:inp"}));
  g.connections.push_back(conn(4, {"f:out", "sink:inp"}));
  s.graphs.push_back(std::move(g));
  return s;
}

TEST(Graph, NodeErrorStopsGraphWithNodePath) {
  Diagnostics d;
  auto graph =
      Graph::create(failing_chain_spec(100000, 10, OnError::kStop, "err"), test_registry(), d);
  ASSERT_TRUE(graph) << d.format();
  auto r = graph->run();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.node, "main/f");
  EXPECT_EQ(r.message, "boom at 10");
  EXPECT_EQ(Collect::take("err").size(), 10u);
}

TEST(Graph, SkipPolicyDropsFailingMessageAndContinues) {
  Diagnostics d;
  auto graph = Graph::create(failing_chain_spec(20, 5, OnError::kSkip, "skip"), test_registry(), d);
  ASSERT_TRUE(graph) << d.format();
  EXPECT_TRUE(graph->run().ok);
  EXPECT_EQ(Collect::take("skip").size(), 19u);
}

TEST(Graph, RestartPolicyRebuildsTheNodeAndContinues) {
  FailAt::constructed().store(0);
  Diagnostics d;
  auto graph =
      Graph::create(failing_chain_spec(20, 5, OnError::kRestart, "restart"), test_registry(), d);
  ASSERT_TRUE(graph) << d.format();
  EXPECT_TRUE(graph->run().ok);
  EXPECT_EQ(FailAt::constructed().load(), 2) << "built once, rebuilt once after the failure";
  std::vector<Value> got = Collect::take("restart");
  ASSERT_EQ(got.size(), 19u);
  EXPECT_EQ(got[4].as_int(), 4);
  EXPECT_EQ(got[5].as_int(), 6);  // the failing message is gone, the rest flows on
}

TEST(Graph, UnknownTypeIsALocatedError) {
  GraphSpec s;
  s.main = "main";
  s.file = "x.toml";
  GraphDef g;
  g.name = "main";
  auto n = node("a", "Nope");
  n.type_loc = {"x.toml", 3, 6};
  g.nodes.push_back(n);
  s.graphs.push_back(std::move(g));
  Diagnostics d;
  EXPECT_FALSE(Graph::create(s, test_registry(), d));
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].format().rfind("x.toml:3:6: error: unexpected node type [Nope]", 0), 0u)
      << d.format();
}

}  // namespace
}  // namespace rill

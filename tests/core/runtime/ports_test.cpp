// Port kinds and wiring: dict ports, list ports (ordered by tag), fan-in, fan-out, static
// subgraphs with inherited args.

#include <algorithm>

#include <gtest/gtest.h>

#include "core/runtime/runtime_nodes.hpp"

namespace rill::testing {
namespace {

std::vector<std::int64_t> ints(const std::vector<Value>& vs) {
  std::vector<std::int64_t> out;
  for (const Value& v : vs) out.push_back(v.as_int());
  return out;
}

TEST(Ports, DictPortRoutesEachMessageToTheEndTaggedWithItsToAddr) {
  auto g = load_graph(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "AddrSource", streams = 3, per_stream = 4 },
  { name = "demux", ty = "Demux" },
  { name = "s0", ty = "Sink", key = "dict0" },
  { name = "s1", ty = "Sink", key = "dict1" },
  { name = "s2", ty = "Sink", key = "dict2" },
]
connections = [
  { cap = 2, ports = ["src:out", "demux:inp"] },
  { cap = 2, ports = ["demux:out:0", "s0:inp"] },
  { cap = 2, ports = ["demux:out:1", "s1:inp"] },
  { cap = 2, ports = ["demux:out:2", "s2:inp"] },
]
)");
  ASSERT_TRUE(g);
  RunResult r = g->run();
  ASSERT_TRUE(r.ok) << r.format();
  for (int k = 0; k < 3; ++k) {
    std::vector<std::int64_t> want;
    for (int j = 0; j < 4; ++j) want.push_back(k * 1000 + j);
    std::vector<std::int64_t> got = ints(Store::take("dict" + std::to_string(k)));
    EXPECT_EQ(got, want) << "key " << k;
  }
}

TEST(Ports, FanInMergesEverySenderAndEndsAfterTheLast) {
  auto g = load_graph(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [
  { name = "a", ty = "RangeSource", base = 0, count = 100 },
  { name = "b", ty = "RangeSource", base = 1000, count = 50 },
  { name = "sink", ty = "Sink", key = "fanin" },
]
connections = [{ cap = 3, ports = ["a:out", "b:out", "sink:inp"] }]
)");
  ASSERT_TRUE(g);
  ASSERT_TRUE(g->run().ok);
  std::vector<std::int64_t> got = ints(Store::take("fanin"));
  ASSERT_EQ(got.size(), 150u);
  std::vector<std::int64_t> from_a, from_b;
  for (std::int64_t v : got) (v < 1000 ? from_a : from_b).push_back(v);
  EXPECT_TRUE(std::is_sorted(from_a.begin(), from_a.end())) << "each sender keeps its order";
  EXPECT_TRUE(std::is_sorted(from_b.begin(), from_b.end()));
  EXPECT_EQ(from_a.size(), 100u);
  EXPECT_EQ(from_b.size(), 50u);
}

TEST(Ports, FanOutThenListPortJoinsBranchesInTagOrder) {
  // MegFlow's map_reduce example: Bcast to two workers joined on a list port. The list is
  // ordered by tag, not by declaration order.
  auto g = load_graph(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "RangeSource", base = 1, count = 10 },
  { name = "sq", ty = "Square" },
  { name = "id", ty = "Transform" },
  { name = "zip", ty = "Zip" },
  { name = "sink", ty = "Sink", key = "mapreduce" },
]
connections = [
  { cap = 2, ports = ["src:out", "sq:inp", "id:inp"] },
  { cap = 2, ports = ["sq:out", "zip:inp:1"] },
  { cap = 2, ports = ["id:out", "zip:inp:0"] },
  { cap = 2, ports = ["zip:out", "sink:inp"] },
]
)");
  ASSERT_TRUE(g);
  ASSERT_TRUE(g->run().ok);
  std::vector<Value> got = Store::take("mapreduce");
  ASSERT_EQ(got.size(), 10u);
  for (std::int64_t x = 1; x <= 10; ++x) {
    const List& pair = got[static_cast<std::size_t>(x - 1)].as_list();
    ASSERT_EQ(pair.size(), 2u);
    EXPECT_EQ(pair[0].as_int(), x);      // tag 0: the identity branch
    EXPECT_EQ(pair[1].as_int(), x * x);  // tag 1: the squaring branch
  }
}

TEST(Ports, StaticSubgraphInheritsArgsAndSplicesIntoParentConnections) {
  auto g = load_graph(R"(
main = "main"
[[graphs]]
name = "producer"
outputs = [{ name = "out", cap = 1, ports = ["src:out"] }]
nodes = [{ name = "src", ty = "RangeSource" }]

[[graphs]]
name = "main"
nodes = [
  { name = "p", ty = "producer", base = 500, count = 3 },
  { name = "sink", ty = "Sink", key = "static_sub" },
]
connections = [{ cap = 2, ports = ["p:out", "sink:inp"] }]
)");
  ASSERT_TRUE(g);
  ASSERT_TRUE(g->run().ok);
  EXPECT_EQ(ints(Store::take("static_sub")), (std::vector<std::int64_t>{500, 501, 502}));
}

TEST(Ports, UnconnectedNodeEndsOnItsOwn) {
  // MegFlow 04-isolated::test_unused: a lone Transform with nothing connected terminates.
  auto g = load_graph(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [{ name = "t", ty = "Transform" }]
)");
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->run().ok);
}

}  // namespace
}  // namespace rill::testing

// MegFlow's CI acceptance test (`megflow_run -p logical_test`) in C++: 300 dynamic subgraph
// instances created by DynDemux, the alternative of each chosen by the envelope tag, all sharing
// one global exclusive node that echoes every message ×10 back to the instance it came from;
// per-instance close by empty envelopes; resources at global, parent and local scope.

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/runtime/runtime_nodes.hpp"

namespace rill::testing {
namespace {

// The graph of MegFlow's examples/logical_test, minus its Python and subprocess parts.
constexpr const char* kLogicalToml = R"(
main = "main"

[[resources]]
name = "global_buf"
ty = "Buf"
n = 100

[[nodes]]
name = "repeat"
ty = "Repeat"
times = 10

{% for i in [0, 1] %}
[[graphs]]
name = "TransGraph{{ i }}"
inputs = [{ name = "inp", cap = 16, ports = ["trans:inp"] }]

[[graphs.resources]]
name = "buf"
ty = "Buf"
n = {{ i }}

[[graphs.nodes]]
name = "trans"
ty = "Transform"

[[graphs.nodes]]
name = "printer"
ty = "Printer"
res = ["global_buf", "parent_buf", "buf"]

[[graphs.connections]]
cap = 16
ports = ["trans:out", "repeat:inp"]

[[graphs.connections]]
cap = 16
ports = ["repeat:out", "printer:inp"]
{% end for %}

[[graphs]]
name = "main"

[[graphs.resources]]
name = "parent_buf"
ty = "Buf"
n = 7

[[graphs.nodes]]
name = "source"
ty = "AddrSource"
streams = 300
per_stream = 1
alt_prefix = "TransGraph"

[[graphs.nodes]]
name = "demux"
ty = "DynDemux"

[[graphs.nodes]]
name = "sub"
ty = "TransGraph0|TransGraph1"
res = ["parent_buf"]

[[graphs.connections]]
cap = 16
ports = ["source:out", "demux:inp"]

[[graphs.connections]]
cap = 16
ports = ["demux:out", "sub:inp"]
)";

TEST(LogicalTest, EveryDynamicInstanceGetsExactlyItsMessagesAndResourcesResolvePerScope) {
  auto g = load_graph(kLogicalToml);
  ASSERT_TRUE(g);
  RunResult r = g->run();  // must end on its own: every instance closes, then the source ends
  ASSERT_TRUE(r.ok) << r.format();

  std::vector<PrinterRecord> recs = Printer::take();
  ASSERT_EQ(recs.size(), 300u);
  std::set<std::uint64_t> keys;
  std::set<std::int64_t> local_ids;
  std::set<std::int64_t> global_ids, parent_ids;
  for (const PrinterRecord& rec : recs) {
    SCOPED_TRACE(rec.path);
    // Exactly its own message, echoed ten times by the shared node and routed back here.
    ASSERT_EQ(rec.values.size(), 10u);
    ASSERT_EQ(rec.to_addrs.size(), 1u);
    const std::uint64_t key = *rec.to_addrs.begin();
    keys.insert(key);
    for (const Value& v : rec.values) EXPECT_EQ(v.as_int(), static_cast<std::int64_t>(key) * 1000);

    // Global, parent and local scope, each the object of its scope.
    ASSERT_TRUE(rec.global_buf.is_map());
    ASSERT_TRUE(rec.parent_buf.is_map());
    ASSERT_TRUE(rec.buf.is_map());
    EXPECT_EQ(rec.global_buf.as_map().find("n")->as_int(), 100);
    EXPECT_EQ(rec.parent_buf.as_map().find("n")->as_int(), 7);
    // The tag chose the alternative, whose local resource says which one it is.
    EXPECT_EQ(rec.buf.as_map().find("n")->as_int(), static_cast<std::int64_t>(key % 2));
    global_ids.insert(rec.global_buf.as_map().find("id")->as_int());
    parent_ids.insert(rec.parent_buf.as_map().find("id")->as_int());
    local_ids.insert(rec.buf.as_map().find("id")->as_int());
  }
  EXPECT_EQ(keys.size(), 300u);
  EXPECT_EQ(global_ids.size(), 1u) << "one global object for the whole application";
  EXPECT_EQ(parent_ids.size(), 1u) << "one object per (main) graph instance";
  EXPECT_EQ(local_ids.size(), 300u) << "each dynamic instance has its own local resource";
  EXPECT_EQ(g->live_node_count(), 0u) << "every instance closed";
}

TEST(LogicalTest, UnknownTagFailsWithTheAlternativesNamed) {
  std::string toml = kLogicalToml;
  toml.replace(toml.find(R"(alt_prefix = "TransGraph")"), 25, R"(alt_prefix = "Nope")");
  auto g = load_graph(toml);
  ASSERT_TRUE(g);
  RunResult r = g->run();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.node, "main/demux");
  EXPECT_NE(r.message.find("tag 'Nope0' names none of the alternatives"), std::string::npos)
      << r.message;
  Printer::take();
}

TEST(DynamicIsolation, OneStreamsFailureLeavesTheOtherStreamsRunning) {
  auto g = load_graph(R"(
main = "main"
[[graphs]]
name = "stream"
inputs = [{ name = "inp", cap = 4, ports = ["f:inp"] }]
nodes = [{ name = "f", ty = "FailOn", fail_value = 3002 }, { name = "sink", ty = "Sink" }]
connections = [{ cap = 4, ports = ["f:out", "sink:inp"] }]

[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "AddrSource", streams = 10, per_stream = 5 },
  { name = "demux", ty = "DynDemux" },
  { name = "s", ty = "stream" },
]
connections = [
  { cap = 4, ports = ["src:out", "demux:inp"] },
  { cap = 4, ports = ["demux:out", "s:inp"] },
]
)");
  ASSERT_TRUE(g);
  RunResult r = g->run();
  EXPECT_TRUE(r.ok) << "a dynamic instance's failure is that stream's only: " << r.format();
  for (int k = 0; k < 10; ++k) {
    std::vector<Value> got = Store::take("main/s[" + std::to_string(k) + "]/sink");
    if (k == 3) {
      EXPECT_EQ(got.size(), 2u) << "stream 3 got 3000 and 3001, then failed on 3002";
    } else {
      EXPECT_EQ(got.size(), 5u) << "stream " << k;
    }
  }
}

}  // namespace
}  // namespace rill::testing

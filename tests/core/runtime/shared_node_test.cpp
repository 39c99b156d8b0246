// Shared (global) nodes: one instance serves every graph instance that references it, each
// message routed back to the client it came from, each client ended after its own outputs.

#include <algorithm>

#include <gtest/gtest.h>

#include "core/runtime/runtime_nodes.hpp"

namespace rill::testing {
namespace {

// 50 static subgraph instances, each with its own source (base = 1000 * i), all squaring through
// the one global `sq` and collecting into their own sink.
constexpr const char* kFiftyClients = R"(
main = "main"

[[nodes]]
name = "sq"
ty = "Square"

[[graphs]]
name = "client"

[[graphs.nodes]]
name = "src"
ty = "RangeSource"
count = 20

[[graphs.nodes]]
name = "sink"
ty = "Sink"

[[graphs.connections]]
cap = 4
ports = ["src:out", "sq:inp"]

[[graphs.connections]]
cap = 4
ports = ["sq:out", "sink:inp"]

[[graphs]]
name = "main"
{% for i in range(50) %}
[[graphs.nodes]]
name = "c{{ i }}"
ty = "client"
base = {{ i * 1000 }}
{% end for %}
)";

TEST(SharedNode, FiftyClientsEachGetExactlyTheirOwnResultsBack) {
  auto g = load_graph(kFiftyClients);
  ASSERT_TRUE(g);
  RunResult r = g->run();
  ASSERT_TRUE(r.ok) << r.format();
  for (int i = 0; i < 50; ++i) {
    SCOPED_TRACE(i);
    std::vector<Value> got = Store::take("main/c" + std::to_string(i) + "/sink");
    ASSERT_EQ(got.size(), 20u);
    for (std::size_t j = 0; j < got.size(); ++j) {
      const std::int64_t x = i * 1000 + static_cast<std::int64_t>(j);
      EXPECT_EQ(got[j].as_int(), x * x);  // its own values, in its own order
    }
  }
}

// MegFlow 01-subgraph::test_empty: the host feeds one message into a main-graph input that fans
// out to two branches through a global BinaryOpr-like node; the host gets exactly 2 then the end.
constexpr const char* kHostThroughShared = R"(
main = "main"

[[nodes]]
name = "gb"
ty = "Transform"

[[graphs]]
name = "sub"
inputs = [{ name = "a", cap = 1, ports = ["t:inp"] }]
outputs = [{ name = "c", cap = 1, ports = ["gb:out"] }]

[[graphs.nodes]]
name = "t"
ty = "Transform"

[[graphs.connections]]
cap = 1
ports = ["t:out", "gb:inp"]

[[graphs]]
name = "main"
inputs = [{ name = "inp", cap = 1, ports = ["t1:inp", "t2:inp"] }]
outputs = [{ name = "out", cap = 2, ports = ["t3:out"] }]

[[graphs.nodes]]
name = "t1"
ty = "Transform"

[[graphs.nodes]]
name = "t2"
ty = "Transform"

[[graphs.nodes]]
name = "s"
ty = "sub"

[[graphs.nodes]]
name = "t3"
ty = "Transform"

[[graphs.connections]]
cap = 1
ports = ["t1:out", "t2:out", "s:a"]

[[graphs.connections]]
cap = 1
ports = ["s:c", "t3:inp"]
)";

TEST(SharedNode, HostSeesEveryOutputThenEndOfStreamThroughASharedNode) {
  auto g = load_graph(kHostThroughShared);
  ASSERT_TRUE(g);
  Sender<Envelope> in = g->input("inp");
  Receiver<Envelope> out = g->output("out");
  ASSERT_TRUE(in.valid());
  ASSERT_TRUE(out.valid());
  g->start();
  ASSERT_EQ(in.send_blocking(Envelope{Value(42)}), SendStatus::kOk);
  in.release();
  std::vector<std::int64_t> got;
  while (auto e = out.recv_blocking()) got.push_back(e->msg().as_int());
  EXPECT_EQ(out.last_status(), RecvStatus::kEnd);
  EXPECT_EQ(got, (std::vector<std::int64_t>{42, 42}));
  RunResult r = g->wait();
  EXPECT_TRUE(r.ok) << r.format();
}

}  // namespace
}  // namespace rill::testing

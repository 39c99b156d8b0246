// Shared (global) nodes: one instance serves every graph instance that references it, each
// message routed back to the client it came from, each client ended after its own outputs.

#include <algorithm>
#include <memory>
#include <stdexcept>

#include <gtest/gtest.h>

#include "core/runtime/runtime_nodes.hpp"
#include "rill/core/function_node.hpp"

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

// A main graph whose nodes are clients of the shared node `sq`; its own nodes hold `token`.
constexpr const char* kClientsOfShared = R"(
main = "main"

[[nodes]]
name = "sq"
ty = "Twice"

[[graphs]]
name = "main"
inputs = [{ name = "inp", cap = 1, ports = ["a:inp"] }]
nodes = [{ name = "a", ty = "Watched" }, { name = "b", ty = "{{ last }}" }]
connections = [{ cap = 1, ports = ["a:out", "sq:inp"] }, { cap = 1, ports = ["sq:out", "b:inp"] }]
)";

/// Its constructor fails: the graph's build stops half-way.
class Refuses final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static Contract contract() { return {kIn}; }
  explicit Refuses(const NodeConfig&) { throw std::runtime_error("no device"); }
  Task<> exec(Context&) override { co_return; }
};

std::shared_ptr<Registry> watched_registry(const std::shared_ptr<int>& token) {
  auto r = std::make_shared<Registry>();
  r->add_node(map_node("Watched", "forwards", [token](std::int64_t x) { return x; }));
  r->add_node(map_node("Twice", "doubles", [](std::int64_t x) { return 2 * x; }));
  r->add<Refuses>("Refuses", "fails to construct");
  return r;
}

std::optional<GraphSpec> clients_spec(const char* last) {
  Diagnostics diags;
  config::TomlLoadOptions options;
  options.dynamic_text = std::string("last = \"") + last + "\"";
  auto spec = config::load_toml_string(kClientsOfShared, "test.toml", "", options, diags);
  EXPECT_TRUE(spec) << diags.format();
  return spec;
}

TEST(SharedNode, AGraphDestroyedWithoutStartingLeavesNoClientInstanceBehind) {
  // The shared node's forwarders wait on the clients' port ends from build time on and hold the
  // client instance; before, nothing ever woke them, and the main graph leaked with them.
  auto token = std::make_shared<int>(0);
  auto registry = watched_registry(token);
  const long registered = token.use_count();
  auto spec = clients_spec("Watched");
  ASSERT_TRUE(spec);
  Diagnostics diags;
  auto g = Graph::create(*spec, registry, diags);
  ASSERT_TRUE(g) << diags.format();
  ASSERT_GT(token.use_count(), registered);
  g.reset();
  EXPECT_EQ(token.use_count(), registered) << "a node instance of the never-started graph leaked";
}

TEST(SharedNode, ANodeThatFailsToConstructLeavesACleanErrorAndNothingBehind) {
  auto token = std::make_shared<int>(0);
  auto registry = watched_registry(token);
  const long registered = token.use_count();
  auto spec = clients_spec("Refuses");
  ASSERT_TRUE(spec);
  Diagnostics diags;
  auto g = Graph::create(*spec, registry, diags);
  EXPECT_FALSE(g);
  EXPECT_NE(diags.format().find("no device"), std::string::npos) << diags.format();
  EXPECT_EQ(token.use_count(), registered) << "a node built before the failure leaked";
}

}  // namespace
}  // namespace rill::testing

// What the loader produces is what the planner expects: a MegFlow-shaped config (DynDemux feeding
// `A|B` alternatives, a shared node used from subgraphs, args on the dynamic node) loads, plans
// with the built-in registry and runs to its end.

#include <memory>
#include <optional>

#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>
#include <rill/core/graph.hpp>

namespace rill::config {
namespace {

constexpr const char* kLogicalShape = R"(main = "main"
nodes = [{ name = "shared", ty = "Transform" }]

{% for i in range(2) %}
[[graphs]]
name = "TransGraph{{ i }}"
inputs = [{ name = "inp", cap = 16, ports = ["t:inp"] }]
nodes = [
  { name = "t", ty = "Transform" },
  { name = "sink", ty = "NoopConsumer", on_error = "skip" },
]
connections = [
  { cap = 16, ports = ["t:out", "shared:inp"] },
  { cap = 16, ports = ["shared:out", "sink:inp"] },
]
{% end for %}

[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "NoopProducer" },
  { name = "demux", ty = "DynDemux" },
  { name = "dst", ty = "TransGraph0 | TransGraph1", tag = "arg from graph" },
]
connections = [
  { cap = 16, ports = ["src:out", "demux:inp"] },
  { cap = 16, ports = ["demux:out", "dst:inp"] },
]
)";

TEST(PlannerHandoff, MegFlowShapedConfigLoadsPlansAndRuns) {
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(kLogicalShape, "logical.toml", "", {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  ASSERT_EQ(spec->graphs.size(), 3u);
  EXPECT_EQ(spec->graphs[1].name, "TransGraph1");
  std::unique_ptr<Graph> graph = Graph::create(*spec, builtin_registry(), diags);
  ASSERT_NE(graph, nullptr) << diags.format();
  EXPECT_EQ(diags.format(), "");
  RunResult result = graph->run();
  EXPECT_TRUE(result.ok) << result.format();
}

}  // namespace
}  // namespace rill::config

// The MegFlow TOML schema read into a GraphSpec, field by field.

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>

namespace rill::config {
namespace {

/// Loads `text` as "app.toml"; fails the test (and returns an empty spec) on any diagnostic.
GraphSpec load(const std::string& text) {
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(text, "app.toml", "", {}, diags);
  EXPECT_EQ(diags.format(), "");
  EXPECT_TRUE(spec.has_value());
  return spec.value_or(GraphSpec{});
}

std::string where(const SourceLoc& loc) {
  return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

const NodeSpec* find_node(const std::vector<NodeSpec>& nodes, const std::string& name) {
  for (const NodeSpec& n : nodes) {
    if (n.name == name) return &n;
  }
  ADD_FAILURE() << "no node " << name;
  return nullptr;
}

constexpr const char* kPipeline = R"(main = "main"

[[graphs]]
name = "main"
nodes = [
  { name = "src", ty = "Transform" },
  { name = "demux", ty = "Demux" },
  { name = "sink", ty = "NoopConsumer" },
]
connections = [
  { cap = 4, ports = ["src:out", "demux:inp"] },
  { cap = 1, ports = ["demux:out:7", "sink:inp"] },
]
)";

TEST(TomlLoader, ReadsMainAndTheRootFileName) {
  GraphSpec spec = load(kPipeline);
  EXPECT_EQ(spec.main, "main");
  EXPECT_EQ(where(spec.main_loc), "app.toml:1:8");
  EXPECT_EQ(spec.file, "app.toml");
  ASSERT_EQ(spec.graphs.size(), 1u);
  EXPECT_EQ(spec.graphs[0].name, "main");
  EXPECT_EQ(where(spec.graphs[0].loc), "app.toml:3:1");
}

TEST(TomlLoader, ReadsGraphNodesInDeclarationOrderWithLocations) {
  GraphSpec spec = load(kPipeline);
  const GraphDef& g = spec.graphs.at(0);
  ASSERT_EQ(g.nodes.size(), 3u);
  EXPECT_EQ(g.nodes[0].name, "src");
  EXPECT_EQ(g.nodes[0].type, "Transform");
  EXPECT_EQ(g.nodes[2].name, "sink");
  EXPECT_EQ(where(g.nodes[1].loc), "app.toml:7:3");
  EXPECT_EQ(where(g.nodes[1].type_loc), "app.toml:7:26");
  // Defaults of the optional keys.
  EXPECT_EQ(g.nodes[0].cloned, 1);
  EXPECT_TRUE(g.nodes[0].res.empty());
  EXPECT_TRUE(g.nodes[0].args.empty());
  EXPECT_EQ(g.nodes[0].executor, "");
  EXPECT_EQ(g.nodes[0].on_error, OnError::kStop);
}

TEST(TomlLoader, ReadsConnectionsCapAndPortReferences) {
  GraphSpec spec = load(kPipeline);
  const GraphDef& g = spec.graphs.at(0);
  ASSERT_EQ(g.connections.size(), 2u);
  EXPECT_EQ(g.connections[0].cap, 4u);
  EXPECT_EQ(g.connections[1].cap, 1u);
  EXPECT_EQ(where(g.connections[1].loc), "app.toml:12:3");
  ASSERT_EQ(g.connections[1].ports.size(), 2u);
  const PortRef& tagged = g.connections[1].ports[0];
  EXPECT_EQ(tagged.node, "demux");
  EXPECT_EQ(tagged.port, "out");
  EXPECT_EQ(tagged.tag, 7u);
  EXPECT_EQ(tagged.text, "demux:out:7");
  EXPECT_EQ(where(tagged.loc), "app.toml:12:23");
  const PortRef& plain = g.connections[1].ports[1];
  EXPECT_EQ(plain.node, "sink");
  EXPECT_EQ(plain.port, "inp");
  EXPECT_FALSE(plain.tag.has_value());
}

TEST(TomlLoader, PortTagMayBeAnyUnsigned64BitInteger) {
  GraphSpec spec = load(R"(main = "m"
[[graphs]]
name = "m"
connections = [{ cap = 1, ports = ["a:out:18446744073709551615", "b:inp:0"] }]
)");
  const auto& ports = spec.graphs.at(0).connections.at(0).ports;
  EXPECT_EQ(ports.at(0).tag, 18446744073709551615u);
  EXPECT_EQ(ports.at(1).tag, 0u);
}

TEST(TomlLoader, ReadsGraphInputsAndOutputs) {
  GraphSpec spec = load(R"(main = "main"
[[graphs]]
name = "main"
inputs = [{ name = "inp", cap = 2, ports = ["t1:inp", "t2:inp"] }]
outputs = [{ name = "out", cap = 3, ports = ["t3:out"] }]
nodes = [
  { name = "t1", ty = "Transform" },
  { name = "t2", ty = "Transform" },
  { name = "t3", ty = "Transform" },
]
)");
  const GraphDef& g = spec.graphs.at(0);
  ASSERT_EQ(g.inputs.size(), 1u);
  EXPECT_EQ(g.inputs[0].name, "inp");
  EXPECT_EQ(g.inputs[0].cap, 2u);
  ASSERT_EQ(g.inputs[0].ports.size(), 2u);
  EXPECT_EQ(g.inputs[0].ports[1].node, "t2");
  ASSERT_EQ(g.outputs.size(), 1u);
  EXPECT_EQ(g.outputs[0].name, "out");
  EXPECT_EQ(g.outputs[0].cap, 3u);
  EXPECT_EQ(g.outputs[0].ports.at(0).text, "t3:out");
  EXPECT_EQ(where(g.outputs[0].loc), "app.toml:5:12");
}

TEST(TomlLoader, GraphInputMayListNoPorts) {
  // Unlike a connection, an input nobody reads is legal (its messages are discarded).
  GraphSpec spec = load(R"(main = "main"
[[graphs]]
name = "main"
inputs = [{ name = "inp", cap = 2, ports = [] }]
)");
  EXPECT_TRUE(spec.graphs.at(0).inputs.at(0).ports.empty());
}

TEST(TomlLoader, UnknownKeyInAGraphInputIsIgnoredWithAWarning) {
  // MegFlow's NamedConn silently ignored extra keys; real configs may carry some.
  Diagnostics diags;
  auto spec = load_toml_string(R"(main = "main"
[[graphs]]
name = "main"
inputs = [{ name = "inp", cap = 2, ports = [], note = "x" }]
)",
                               "app.toml", "", {}, diags);
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(diags.format(),
            "app.toml:4:48: warning: unknown key 'note' in graph input is ignored\n");
  EXPECT_EQ(spec->graphs.at(0).inputs.at(0).name, "inp");
}

TEST(TomlLoader, ReadsClonedResAndPassesEveryOtherKeyThroughAsArgs) {
  GraphSpec spec = load(R"(main = "main"
[[graphs]]
name = "main"

[[graphs.nodes]]
name = "det"
ty = "Transform"
cloned = 3
res = ["model", "buf"]
threshold = 0.5
count = 7
enabled = true
label = "person"
sizes = [1, 2]
opts = { depth = 2, mode = "fast" }
when = 1979-05-27T07:32:00Z
)");
  const NodeSpec* n = find_node(spec.graphs.at(0).nodes, "det");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->type, "Transform");
  EXPECT_EQ(n->cloned, 3);
  EXPECT_EQ(n->res, (std::vector<std::string>{"model", "buf"}));
  EXPECT_EQ(where(n->loc), "app.toml:5:1");
  // name, ty, cloned and res are not arguments; the rest keep their TOML types and order.
  Map expected{{"threshold", 0.5},
               {"count", 7},
               {"enabled", true},
               {"label", "person"},
               {"sizes", Value(List{1, 2})},
               {"opts", Value(Map{{"depth", 2}, {"mode", "fast"}})},
               {"when", "1979-05-27T07:32:00Z"}};
  EXPECT_EQ(n->args, expected);
  std::vector<std::string> order;
  for (const auto& [k, v] : n->args) order.push_back(k);
  EXPECT_EQ(order, (std::vector<std::string>{"threshold", "count", "enabled", "label", "sizes",
                                             "opts", "when"}));
}

TEST(TomlLoader, ReadsExecutorAndOnErrorNodeKeysOutsideTheArgs) {
  GraphSpec spec = load(R"(main = "main"
[[graphs]]
name = "main"
nodes = [
  { name = "a", ty = "Transform", executor = "rt", on_error = "skip", k = 1 },
  { name = "b", ty = "Transform", on_error = "restart" },
  { name = "c", ty = "Transform", on_error = "stop" },
]
)");
  const auto& nodes = spec.graphs.at(0).nodes;
  EXPECT_EQ(nodes.at(0).executor, "rt");
  EXPECT_EQ(nodes.at(0).on_error, OnError::kSkip);
  EXPECT_EQ(nodes.at(0).args, (Map{{"k", 1}}));
  EXPECT_EQ(nodes.at(1).on_error, OnError::kRestart);
  EXPECT_EQ(nodes.at(2).on_error, OnError::kStop);
}

TEST(TomlLoader, ReadsGlobalResourcesAndGraphResourcesWithArgs) {
  GraphSpec spec = load(R"(main = "main"

[[resources]]
name = "global_buf"
ty = "Buffer"
n = 10

[[graphs]]
name = "main"
resources = [{ name = "buf", ty = "Buffer", n = 3, tags = ["a"] }]
)");
  ASSERT_EQ(spec.resources.size(), 1u);
  EXPECT_EQ(spec.resources[0].name, "global_buf");
  EXPECT_EQ(spec.resources[0].type, "Buffer");
  EXPECT_EQ(spec.resources[0].args, (Map{{"n", 10}}));
  EXPECT_EQ(where(spec.resources[0].loc), "app.toml:3:1");
  const auto& local = spec.graphs.at(0).resources;
  ASSERT_EQ(local.size(), 1u);
  EXPECT_EQ(local[0].name, "buf");
  EXPECT_EQ(local[0].args, (Map{{"n", 3}, {"tags", Value(List{"a"})}}));
}

TEST(TomlLoader, TopLevelNodesAreGlobalSharedNodes) {
  GraphSpec spec = load(R"(main = "main"
nodes = [{ name = "det", ty = "sub", cloned = 2, batch = 4 }]

[[graphs]]
name = "sub"
inputs = [{ name = "inp", cap = 4, ports = ["t:inp"] }]
outputs = [{ name = "out", cap = 4, ports = ["t:out"] }]
nodes = [{ name = "t", ty = "Transform" }]

[[graphs]]
name = "main"
nodes = [{ name = "t", ty = "Transform" }]
connections = [{ cap = 8, ports = ["t:out", "det:inp"] }]
)");
  ASSERT_EQ(spec.nodes.size(), 1u);
  EXPECT_EQ(spec.nodes[0].name, "det");
  EXPECT_EQ(spec.nodes[0].type, "sub");
  EXPECT_EQ(spec.nodes[0].cloned, 2);
  EXPECT_EQ(spec.nodes[0].args, (Map{{"batch", 4}}));
  ASSERT_EQ(spec.graphs.size(), 2u);
  EXPECT_EQ(spec.graphs[0].name, "sub");
  EXPECT_EQ(spec.graphs[1].name, "main");
}

TEST(TomlLoader, AcceptsAlternativeTypesForDynamicSubgraphs) {
  // Whether `A|B` is legal depends on the node being dynamic, which only the planner knows.
  GraphSpec spec = load(R"(main = "main"
[[graphs]]
name = "main"
nodes = [{ name = "dst", ty = "TransGraph0 | TransGraph1" }]
)");
  const NodeSpec& n = spec.graphs.at(0).nodes.at(0);
  EXPECT_EQ(n.type, "TransGraph0 | TransGraph1");
  EXPECT_EQ(n.alternatives(), (std::vector<std::string>{"TransGraph0", "TransGraph1"}));
}

TEST(TomlLoader, ReadsExecutorsExtension) {
  GraphSpec spec = load(R"(main = "main"

[[executors]]
name = "rt"
threads = 2
policy = "SCHED_FIFO"
priority = 10
cpus = [0, 1]

[[executors]]
name = "plain"

[[graphs]]
name = "main"
)");
  ASSERT_EQ(spec.executors.size(), 2u);
  const ExecutorOptions& rt = spec.executors[0].options;
  EXPECT_EQ(rt.name, "rt");
  EXPECT_EQ(rt.threads, 2);
  EXPECT_EQ(rt.policy, SchedPolicy::kFifo);
  EXPECT_EQ(rt.priority, 10);
  EXPECT_EQ(rt.cpu_affinity, (std::vector<int>{0, 1}));
  EXPECT_EQ(where(spec.executors[0].loc), "app.toml:3:1");
  const ExecutorOptions& plain = spec.executors[1].options;
  EXPECT_EQ(plain.name, "plain");
  EXPECT_EQ(plain.threads, 0);
  EXPECT_EQ(plain.policy, SchedPolicy::kOther);
  EXPECT_TRUE(plain.cpu_affinity.empty());
}

TEST(TomlLoader, ArrayOfTablesAndInlineFormsAreEquivalent) {
  GraphSpec inline_form = load(R"(main = "m"
[[graphs]]
name = "m"
nodes = [{ name = "a", ty = "Transform", x = 1 }]
connections = [{ cap = 2, ports = ["a:out", "a:inp"] }]
)");
  GraphSpec table_form = load(R"(main = "m"
[[graphs]]
name = "m"
[[graphs.nodes]]
name = "a"
ty = "Transform"
x = 1
[[graphs.connections]]
cap = 2
ports = ["a:out", "a:inp"]
)");
  const GraphDef& a = inline_form.graphs.at(0);
  const GraphDef& b = table_form.graphs.at(0);
  EXPECT_EQ(a.nodes.at(0).name, b.nodes.at(0).name);
  EXPECT_EQ(a.nodes.at(0).args, b.nodes.at(0).args);
  EXPECT_EQ(a.connections.at(0).cap, b.connections.at(0).cap);
  EXPECT_EQ(a.connections.at(0).ports.at(1).text, b.connections.at(0).ports.at(1).text);
}

TEST(TomlLoader, MissingFileIsReportedWithTheSystemReason) {
  Diagnostics diags;
  EXPECT_FALSE(load_toml_file("/nonexistent/app.toml", {}, diags).has_value());
  EXPECT_EQ(diags.format(),
            "/nonexistent/app.toml: error: cannot read config file: No such file or directory\n");
}

TEST(TomlLoader, TextWithoutANameIsCalledString) {
  Diagnostics diags;
  EXPECT_FALSE(load_toml_string("main = 1\n[[graphs]]\nname = \"1\"\n", "", "", {}, diags));
  EXPECT_EQ(diags.format(), "<string>:1:8: error: main must be a string, got integer\n");
}

}  // namespace
}  // namespace rill::config

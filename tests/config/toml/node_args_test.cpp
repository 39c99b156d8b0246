// Node arguments against their type's contract, through the TOML front-end and the planner:
// each problem is an error at the argument's own FILE:LINE:COL, and nothing is instantiated.

#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>
#include <rill/core/graph.hpp>

namespace rill::config {
namespace {

/// A main graph holding one Batch node with `args` (one `key = value` per line, from line 6).
std::string batch_graph(const std::string& args) {
  return "main = \"main\"\n"
         "[[graphs]]\n"
         "name = \"main\"\n"
         "[[graphs.nodes]]\n"
         "name = \"b\"\nty = \"Batch\"\n" +
         args;
}

/// Every diagnostic the config gets, formatted; "" when it plans.
std::string diagnostics_of(const std::string& toml) {
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(toml, "g.toml", ".", {}, diags);
  if (spec) {
    std::unique_ptr<Graph> graph = Graph::create(*spec, builtin_registry(), diags);
    EXPECT_EQ(graph == nullptr, diags.has_errors());
  }
  return diags.format();
}

TEST(NodeArgs, AWrongTypeIsReportedAtTheArgument) {
  EXPECT_EQ(diagnostics_of(batch_graph("batch_size = \"8\"\n")),
            "g.toml:7:1: error: node b (Batch): argument 'batch_size' must be an integer, got "
            "string \"8\"\n");
}

TEST(NodeArgs, AFloatForAnIntegerIsAWrongType) {
  EXPECT_EQ(diagnostics_of(batch_graph("batch_size = 8.0\n")),
            "g.toml:7:1: error: node b (Batch): argument 'batch_size' must be an integer, got "
            "double 8.0\n");
}

TEST(NodeArgs, AnOutOfRangeValueNamesTheRange) {
  EXPECT_EQ(diagnostics_of(batch_graph("batch_size = 0\n")),
            "g.toml:7:1: error: node b (Batch): argument 'batch_size' must be between 1 and "
            "65536, got int 0\n");
  EXPECT_EQ(diagnostics_of(batch_graph("timeout = -5\n")),
            "g.toml:7:1: error: node b (Batch): argument 'timeout' must be between 0 and "
            "86400000, got int -5\n");
}

TEST(NodeArgs, AnUnknownArgumentSuggestsTheClosestDeclaredOne) {
  EXPECT_EQ(diagnostics_of(batch_graph("batchsize = 4\n")),
            "g.toml:7:1: error: node b (Batch): unknown argument 'batchsize' (did you mean "
            "'batch_size'?)\n");
}

TEST(NodeArgs, AnUnknownArgumentWithoutACloseMatchListsTheDeclaredOnes) {
  EXPECT_EQ(diagnostics_of(batch_graph("window = 4\n")),
            "g.toml:7:1: error: node b (Batch): unknown argument 'window'; its arguments are "
            "batch_size, timeout\n");
}

TEST(NodeArgs, ANodeTypeWithoutArgumentsSaysSo) {
  EXPECT_EQ(diagnostics_of("main = \"main\"\n[[graphs]]\nname = \"main\"\n"
                           "nodes = [{ name = \"t\", ty = \"Transform\", factor = 2 }]\n"),
            "g.toml:4:42: error: node t (Transform): unknown argument 'factor'; this node type "
            "takes no arguments\n");
}

TEST(NodeArgs, EveryProblemIsReportedInOnePass) {
  EXPECT_EQ(diagnostics_of(batch_graph("batch_size = true\ntimeout = \"x\"\n")),
            "g.toml:7:1: error: node b (Batch): argument 'batch_size' must be an integer, got "
            "bool true\n"
            "g.toml:8:1: error: node b (Batch): argument 'timeout' must be a number, got string "
            "\"x\"\n");
}

TEST(NodeArgs, ValidArgumentsPlan) {
  EXPECT_EQ(diagnostics_of(batch_graph("batch_size = 4\ntimeout = 5\n")), "");
}

TEST(NodeArgs, InheritedArgumentsAreCheckedWhenTheSubgraphIsBuilt) {
  // `batch_size` reaches the inner Batch from the subgraph node (MegFlow's inheritance); its
  // type is checked when the instance is built (before anything runs), and keys meant for other
  // nodes are let through.
  const std::string toml =
      "main = \"main\"\n"
      "[[graphs]]\nname = \"sub\"\n"
      "nodes = [{ name = \"b\", ty = \"Batch\" }]\n"
      "inputs = [{ name = \"inp\", cap = 1, ports = [\"b:inp\"] }]\n"
      "[[graphs]]\nname = \"main\"\n"
      "nodes = [{ name = \"s\", ty = \"sub\", batch_size = \"many\", other = 1 }]\n";
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(toml, "g.toml", ".", {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(Graph::create(*spec, builtin_registry(), diags), nullptr);
  EXPECT_EQ(diags.format(),
            "g.toml: error: node main/s/b: construction failed: argument 'batch_size' must be an "
            "integer, got string \"many\"\n");
}

}  // namespace
}  // namespace rill::config

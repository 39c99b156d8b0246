// `rill graph`: the drawing of a small config with a main input, a static subgraph, fan-out, a
// shared node and a dynamic subgraph, compared with the expected DOT and Mermaid text.

#include <gtest/gtest.h>

#include "child_process.hpp"

namespace rill::testing {
namespace {

TEST(RillGraph, DotShowsSubgraphsAsClustersAndMarksSharedNodes) {
  ProcessResult r = rill({"graph", "draw.toml", "--format", "dot"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_file(cli_data("draw.dot")));
}

TEST(RillGraph, DotIsTheDefaultFormat) {
  ProcessResult r = rill({"graph", "draw.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_file(cli_data("draw.dot")));
}

TEST(RillGraph, MermaidShowsSubgraphsAndMarksSharedNodes) {
  ProcessResult r = rill({"graph", "draw.toml", "--format", "mermaid"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_file(cli_data("draw.mmd")));
}

TEST(RillGraph, PluginNodeDirectionsComeFromThePluginPath) {
  ProcessResult r = rill({"graph", "ticks.toml", "-p", test_plugin_dir()}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  \"ticks\" -> \"relay\" [label=\"out → inp\"];\n"), std::string::npos)
      << r.out;
}

TEST(RillGraph, UnknownFormatIsAUsageError) {
  ProcessResult r = rill({"graph", "draw.toml", "--format", "svg"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(RillGraph, InvalidConfigPrintsDiagnostics) {
  ProcessResult r = rill({"graph", "bad_schema.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("bad_schema.toml:11:11: error: cap must be at least 1\n", 0), 0u) << r.err;
}

}  // namespace
}  // namespace rill::testing

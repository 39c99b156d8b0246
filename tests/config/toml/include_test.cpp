// `include = [...]`: paths relative to the including file, merge order, fragments, templating of
// included files. Include errors are in malformed_test.cpp.

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>

#include "support/scratch_dir.hpp"

namespace rill::config {
namespace {

using rill::testing::ScratchDir;

std::vector<std::string> graph_names(const GraphSpec& spec) {
  std::vector<std::string> out;
  for (const GraphDef& g : spec.graphs) out.push_back(g.name);
  return out;
}

std::string graph_def(const std::string& name) { return "[[graphs]]\nname = \"" + name + "\"\n"; }

TEST(TomlInclude, RelativePathsResolveAgainstTheIncludingFilesDirectory) {
  // root → sub/a.toml → (relative to sub/) deeper/b.toml → (relative to sub/deeper/) ../c.toml
  ScratchDir dir;
  std::string root = dir.write("app/root.toml",
                               "main = \"main\"\ninclude = [\"sub/a.toml\"]\n" + graph_def("main"));
  dir.write("app/sub/a.toml", "include = [\"deeper/b.toml\"]\n" + graph_def("a"));
  dir.write("app/sub/deeper/b.toml", "include = [\"../c.toml\"]\n" + graph_def("b"));
  dir.write("app/sub/c.toml", graph_def("c"));
  // Decoys where a cwd- or root-relative resolution would look.
  dir.write("app/deeper/b.toml", graph_def("wrong_b"));
  dir.write("app/c.toml", graph_def("wrong_c"));
  Diagnostics diags;
  auto spec = load_toml_file(root, {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(graph_names(*spec), (std::vector<std::string>{"main", "a", "b", "c"}));
  EXPECT_EQ(spec->main, "main");
}

TEST(TomlInclude, AbsoluteIncludePathIsUsedAsIs) {
  ScratchDir dir;
  std::string lib = dir.write("lib/common.toml", graph_def("common"));
  std::string root = dir.write(
      "app/root.toml", "main = \"main\"\ninclude = [\"" + lib + "\"]\n" + graph_def("main"));
  Diagnostics diags;
  auto spec = load_toml_file(root, {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(graph_names(*spec), (std::vector<std::string>{"main", "common"}));
}

TEST(TomlInclude, ListsAreConcatenatedIncluderFirstThenEachIncludeInOrder) {
  ScratchDir dir;
  std::string root = dir.write("root.toml", R"(main = "main"
include = ["one.toml", "two.toml"]
nodes = [{ name = "g_root", ty = "Transform" }]
resources = [{ name = "r_root", ty = "Buffer" }]
executors = [{ name = "e_root" }]
[[graphs]]
name = "main"
)");
  dir.write("one.toml", R"(include = ["one_child.toml"]
nodes = [{ name = "g_one", ty = "Transform" }]
resources = [{ name = "r_one", ty = "Buffer" }]
executors = [{ name = "e_one" }]
[[graphs]]
name = "one"
)");
  dir.write("one_child.toml", graph_def("one_child"));
  dir.write("two.toml", R"(nodes = [{ name = "g_two", ty = "Transform" }]
[[graphs]]
name = "two"
)");
  Diagnostics diags;
  auto spec = load_toml_file(root, {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(graph_names(*spec), (std::vector<std::string>{"main", "one", "one_child", "two"}));
  ASSERT_EQ(spec->nodes.size(), 3u);
  EXPECT_EQ(spec->nodes[0].name, "g_root");
  EXPECT_EQ(spec->nodes[1].name, "g_one");
  EXPECT_EQ(spec->nodes[2].name, "g_two");
  ASSERT_EQ(spec->resources.size(), 2u);
  EXPECT_EQ(spec->resources[1].name, "r_one");
  ASSERT_EQ(spec->executors.size(), 2u);
  EXPECT_EQ(spec->executors[1].options.name, "e_one");
}

TEST(TomlInclude, MainComesFromTheRootEvenWhenAnIncludedFileHasOne) {
  // MegFlow required `main` in every included file and ignored it; keeping such files loadable
  // matters for configs written for MegFlow.
  ScratchDir dir;
  std::string root =
      dir.write("root.toml", "main = \"main\"\ninclude = [\"lib.toml\"]\n" + graph_def("main"));
  dir.write("lib.toml", "main = \"lib\"\n" + graph_def("lib"));
  Diagnostics diags;
  auto spec = load_toml_file(root, {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(spec->main, "main");
  EXPECT_EQ(spec->main_loc.file, root);
}

TEST(TomlInclude, IncludedFragmentMayOmitMainAndGraphs) {
  ScratchDir dir;
  std::string root =
      dir.write("root.toml", "main = \"main\"\ninclude = [\"res.toml\"]\n" + graph_def("main"));
  dir.write("res.toml", "resources = [{ name = \"shared\", ty = \"Buffer\" }]\n");
  Diagnostics diags;
  auto spec = load_toml_file(root, {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  ASSERT_EQ(spec->resources.size(), 1u);
  EXPECT_EQ(spec->resources[0].name, "shared");
}

TEST(TomlInclude, RootThatIncludesItsGraphsMayOmitGraphs) {
  ScratchDir dir;
  std::string root = dir.write("root.toml", "main = \"main\"\ninclude = [\"graphs.toml\"]\n");
  dir.write("graphs.toml", graph_def("main"));
  Diagnostics diags;
  auto spec = load_toml_file(root, {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(graph_names(*spec), (std::vector<std::string>{"main"}));
}

TEST(TomlInclude, IncludedFilesAreTemplatedWithTheSameDynamicContext) {
  ScratchDir dir;
  std::string root = dir.write("root.toml", "main = \"{{ Main }}\"\ninclude = [\"g.toml\"]\n");
  dir.write("g.toml", "{% for n in Names %}[[graphs]]\nname = \"{{ n }}\"\n{% end for %}");
  TomlLoadOptions opts;
  opts.dynamic_text = "Main = \"b\"\nNames = [\"a\", \"b\"]\n";
  Diagnostics diags;
  auto spec = load_toml_file(root, opts, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(spec->main, "b");
  EXPECT_EQ(graph_names(*spec), (std::vector<std::string>{"a", "b"}));
}

TEST(TomlInclude, LocationsInIncludedFilesNameThatFile) {
  ScratchDir dir;
  std::string root = dir.write("app/root.toml", "main = \"main\"\ninclude = [\"sub/g.toml\"]\n");
  dir.write("app/sub/g.toml",
            "[[graphs]]\nname = \"main\"\nnodes = [{ name = \"n\", ty = \"T\" }]\n");
  Diagnostics diags;
  auto spec = load_toml_file(root, {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  const NodeSpec& n = spec->graphs.at(0).nodes.at(0);
  EXPECT_EQ(n.loc.file, dir.path("app/sub/g.toml"));
  EXPECT_EQ(n.loc.line, 3);
  EXPECT_EQ(n.loc.col, 10);
}

TEST(TomlInclude, ConfigGivenAsTextResolvesIncludesAgainstItsBaseDir) {
  ScratchDir dir;
  dir.write("conf/g.toml", graph_def("main"));
  Diagnostics diags;
  auto spec = load_toml_string("main = \"main\"\ninclude = [\"g.toml\"]\n", "inline.toml",
                               dir.path("conf"), {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(graph_names(*spec), (std::vector<std::string>{"main"}));
}

TEST(TomlInclude, SameFileNamedTwiceThroughDifferentPathsIsOneFile) {
  // `sub/../g.toml` and `g.toml` are the same file: including both is a repeat, not two graphs.
  ScratchDir dir;
  std::string root =
      dir.write("root.toml", "main = \"main\"\ninclude = [\"g.toml\", \"sub/../g.toml\"]\n");
  dir.write("g.toml", graph_def("main"));
  std::filesystem::create_directories(dir.path("sub"));
  Diagnostics diags;
  EXPECT_FALSE(load_toml_file(root, {}, diags));
  EXPECT_EQ(diags.error_count(), 1u) << diags.format();
}

}  // namespace
}  // namespace rill::config

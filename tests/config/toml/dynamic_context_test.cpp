// A config is a template first: the `--dynamic` TOML is its context, and problems in the rendered
// TOML point back at the line the user wrote.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>

#include "support/scratch_dir.hpp"

namespace rill::config {
namespace {

using rill::testing::ScratchDir;

constexpr const char* kTemplated = R"(main = "main"
[[graphs]]
name = "main"
nodes = [
{% for i in range(Args.Node) -%}
  { name = "t{{ i }}", ty = "{{ Args.Type }}", idx = {{ i }} },
{% end for -%}
]
connections = [
{% for i in range(Args.Node - 1) -%}
  { cap = {{ Args.cap | default(16) }}, ports = ["t{{ i }}:out", "t{{ i + 1 }}:inp"] },
{% end for -%}
]
)";

std::vector<std::string> node_names(const GraphSpec& spec) {
  std::vector<std::string> out;
  for (const NodeSpec& n : spec.graphs.at(0).nodes) out.push_back(n.name);
  return out;
}

TEST(DynamicContext, DynamicTextIsTheTemplateContext) {
  TomlLoadOptions opts;
  opts.dynamic_text = "[Args]\nNode = 3\nType = \"Transform\"\n";
  Diagnostics diags;
  auto spec = load_toml_string(kTemplated, "app.toml", "", opts, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(node_names(*spec), (std::vector<std::string>{"t0", "t1", "t2"}));
  EXPECT_EQ(spec->graphs[0].nodes[2].type, "Transform");
  EXPECT_EQ(spec->graphs[0].nodes[2].args, (Map{{"idx", 2}}));
  ASSERT_EQ(spec->graphs[0].connections.size(), 2u);
  EXPECT_EQ(spec->graphs[0].connections[1].cap, 16u);
  EXPECT_EQ(spec->graphs[0].connections[1].ports[1].text, "t2:inp");
}

TEST(DynamicContext, DynamicFileIsTheTemplateContext) {
  ScratchDir dir;
  TomlLoadOptions opts;
  opts.dynamic_path = dir.write("dyn.toml", "[Args]\nNode = 2\nType = \"Noop\"\ncap = 5\n");
  Diagnostics diags;
  auto spec = load_toml_string(kTemplated, "app.toml", "", opts, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(node_names(*spec), (std::vector<std::string>{"t0", "t1"}));
  EXPECT_EQ(spec->graphs[0].connections.at(0).cap, 5u);
}

TEST(DynamicContext, DynamicFileWinsOverDynamicText) {
  ScratchDir dir;
  TomlLoadOptions opts;
  opts.dynamic_path = dir.write("dyn.toml", "[Args]\nNode = 1\nType = \"FromFile\"\n");
  opts.dynamic_text = "[Args]\nNode = 1\nType = \"FromText\"\n";
  Diagnostics diags;
  auto spec = load_toml_string(kTemplated, "app.toml", "", opts, diags);
  ASSERT_TRUE(spec) << diags.format();
  EXPECT_EQ(spec->graphs.at(0).nodes.at(0).type, "FromFile");
}

TEST(DynamicContext, WithoutDynamicContextAVariableIsUnknown) {
  Diagnostics diags;
  EXPECT_FALSE(load_toml_string(kTemplated, "app.toml", "", {}, diags));
  EXPECT_EQ(diags.format(),
            "app.toml:5:19: error: unknown variable 'Args'\n"
            "app.toml:10:19: error: unknown variable 'Args'\n");
}

TEST(DynamicContext, BrokenDynamicTextIsReportedAsDynamic) {
  TomlLoadOptions opts;
  opts.dynamic_text = "[Args\nNode = 1\n";
  Diagnostics diags;
  EXPECT_FALSE(load_toml_string(kTemplated, "app.toml", "", opts, diags));
  EXPECT_EQ(diags.format(),
            "<dynamic>:1:6: error: TOML syntax error in table header: expected ']', saw '\\n'\n");
}

TEST(DynamicContext, MissingDynamicFileIsReported) {
  TomlLoadOptions opts;
  opts.dynamic_path = "/nonexistent/dyn.toml";
  Diagnostics diags;
  EXPECT_FALSE(load_toml_string(kTemplated, "app.toml", "", opts, diags));
  EXPECT_EQ(diags.format(),
            "/nonexistent/dyn.toml: error: cannot read dynamic file: No such file or directory\n");
}

TEST(DynamicContext, SchemaErrorsInRenderedTextPointAtTheTemplateSourceOnce) {
  // The bad cap comes out of a loop: the error names the template line, not the rendered ones,
  // and the two rendered copies of the mistake make one message.
  TomlLoadOptions opts;
  opts.dynamic_text = "[Args]\nNode = 3\nType = \"Transform\"\ncap = 0\n";
  Diagnostics diags;
  EXPECT_FALSE(load_toml_string(kTemplated, "app.toml", "", opts, diags));
  EXPECT_EQ(diags.format(), "app.toml:11:11: error: cap must be at least 1\n");
}

TEST(DynamicContext, TomlSyntaxErrorAfterATagPointsAtTheTemplateSource) {
  Diagnostics diags;
  EXPECT_FALSE(
      load_toml_string("{{ n = 1 }}main = \"main\"\n"
                       "{% if true %}\n"
                       "x = = {{ n }}\n"
                       "{% end if %}\n",
                       "app.toml", "", {}, diags));
  EXPECT_EQ(diags.format(),
            "app.toml:3:5: error: TOML syntax error in value: could not determine value type\n");
}

}  // namespace
}  // namespace rill::config

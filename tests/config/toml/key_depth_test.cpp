// TOML key nesting: a key nested deeper than limits::kMaxNesting levels (header segments, the
// dotted keys of enclosing inline tables, its own segments) is a located error found before toml++
// parses the text; toml++ itself overflowed the stack on 100000 segments. Exactly the limit is
// accepted, and what strings and comments hold is not mistaken for keys.

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>
#include <rill/core/limits.hpp>

#include "support/repeat.hpp"

namespace rill::config {
namespace {

using rill::testing::repeat;

using limits::kMaxNesting;

constexpr int kHostile = 100000;

/// `a.a...a` with n segments.
std::string dotted(int n) {
  std::string out = "a";
  out += repeat(".a", n - 1);
  return out;
}

/// Every diagnostic of loading `text` as "deep.toml" ("" when it loads cleanly).
std::string errors_of(const std::string& text, const TomlLoadOptions& options = {}) {
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(text, "deep.toml", "", options, diags);
  EXPECT_EQ(spec.has_value(), !diags.has_errors());
  return diags.format();
}

/// A valid config, loaded with `dynamic` as its template context: the context is parsed as TOML
/// (and converted to a Value) without any schema, so any key may nest in it.
constexpr const char* kConfig = R"(main = "g"
[[graphs]]
name = "g"
nodes = [{name = "a", ty = "Noop"}]
)";

std::string errors_of_dynamic(const std::string& dynamic) {
  TomlLoadOptions options;
  options.dynamic_text = dynamic;
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(kConfig, "deep.toml", "", options, diags);
  EXPECT_EQ(spec.has_value(), !diags.has_errors());
  // The context's diagnostics name it "<dynamic>".
  return diags.format();
}

std::string key_error(const std::string& file, int line, int col) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(col) +
         ": error: keys nested deeper than 128 levels\n";
}

TEST(TomlKeyDepth, HostileDottedKeyIsRefusedAtTheFirstSegmentTooDeep) {
  // The 129th segment starts after 128 "a.": column 257.
  EXPECT_EQ(errors_of(dotted(kHostile) + " = 1\n"), key_error("deep.toml", 1, 257));
  EXPECT_EQ(errors_of_dynamic(dotted(kHostile) + " = 1\n"), key_error("<dynamic>", 1, 257));
}

TEST(TomlKeyDepth, HostileTableHeaderIsRefused) {
  const std::string header = "[" + dotted(50000) + ".b]\n";
  EXPECT_EQ(errors_of(header), key_error("deep.toml", 1, 258));
  EXPECT_EQ(errors_of("[[" + dotted(50000) + "]]\n"), key_error("deep.toml", 1, 259));
}

TEST(TomlKeyDepth, HostileKeysInInlineTablesAreRefused) {
  // `x` is level 1, so the 128th segment inside its inline table is the 129th level.
  EXPECT_EQ(errors_of("x = {" + dotted(kHostile) + " = 1}\n"),
            key_error("deep.toml", 1, 6 + 127 * 2));
  // Inline tables in inline tables: the k-th `a` is level k + 1.
  EXPECT_EQ(errors_of("x = " + repeat("{a = ", kHostile) + "1" + repeat("}", kHostile) + "\n"),
            key_error("deep.toml", 1, 4 + 127 * 5 + 2));
  // Arrays are no levels, but the keys inside them are counted.
  EXPECT_EQ(errors_of("x = [[{" + dotted(kHostile) + " = 1}]]\n"),
            key_error("deep.toml", 1, 8 + 127 * 2));
}

TEST(TomlKeyDepth, ExactlyTheLimitIsAccepted) {
  const int n = kMaxNesting;
  EXPECT_EQ(errors_of_dynamic(dotted(n) + " = 1\n"), "");
  EXPECT_EQ(errors_of_dynamic(dotted(n + 1) + " = 1\n"), key_error("<dynamic>", 1, 2 * n + 1));
  // A header's segments and its keys' segments add up.
  EXPECT_EQ(errors_of_dynamic("[" + dotted(n - 2) + "]\nb.c = 1\n"), "");
  EXPECT_EQ(errors_of_dynamic("[" + dotted(n) + "]\n"), "");
  EXPECT_EQ(errors_of_dynamic("[" + dotted(n - 1) + "]\nb.c = 1\n"), key_error("<dynamic>", 2, 3));
  EXPECT_EQ(errors_of_dynamic("[[" + dotted(n + 1) + "]]\n"), key_error("<dynamic>", 1, 3 + 2 * n));
  // So do the keys of enclosing inline tables, whether or not in arrays.
  EXPECT_EQ(errors_of_dynamic("x = " + repeat("[{a = ", n - 1) + "1" + repeat("}]", n - 1) + "\n"),
            "");
  EXPECT_EQ(errors_of_dynamic("x = " + repeat("[{a = ", n) + "1" + repeat("}]", n) + "\n"),
            key_error("<dynamic>", 1, 5 + (n - 1) * 6 + 2));
  // A node's arguments: `[[nodes]]` is level 1.
  const std::string node = std::string(kConfig) + "[[nodes]]\nname = \"n\"\nty = \"Noop\"\n";
  EXPECT_EQ(errors_of(node + dotted(n - 1) + " = 1\n"), "");
  EXPECT_EQ(errors_of(node + dotted(n) + " = 1\n"), key_error("deep.toml", 8, 2 * n - 1));
}

TEST(TomlKeyDepth, ArgumentsAsDeepAsTomlAllowsConvert) {
  // The deepest value toml++ accepts under the deepest key: 128 key levels, then arrays nested
  // as deep as toml++'s own limit allows ("exceeded maximum nested value depth of 256" from 256).
  const int arrays = 255;
  const std::string node = std::string(kConfig) + "[[nodes]]\nname = \"n\"\nty = \"Noop\"\n" +
                           dotted(kMaxNesting - 1) + " = " + repeat("[", arrays) + "1" +
                           repeat("]", arrays) + "\n";
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(node, "deep.toml", "", {}, diags);
  ASSERT_TRUE(spec) << diags.format();
  ASSERT_EQ(spec->nodes.size(), 1u);
  const Value* v = spec->nodes[0].args.find("a");
  int levels = 0;
  while (v != nullptr && (v->is_map() || v->is_list())) {
    v = v->is_map() ? v->as_map().find("a") : &v->as_list().front();
    ++levels;
  }
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->as_int(), 1);
  EXPECT_EQ(levels, kMaxNesting - 2 + arrays);
}

TEST(TomlKeyDepth, StringsAndCommentsAreNotKeys) {
  const std::string deep = dotted(kHostile);
  const std::string text = "s = \"" + deep + "\"\n" +           // basic string
                           "t = '" + deep + "'\n" +             // literal string
                           "e = \"\\\" " + deep + " = 1\"\n" +  // escaped quote
                           "m = \"\"\"\n" + deep + " = 1\n\\\"\"\"\n" + deep + "\"\"\"\n" +
                           "l = '''\n[" + deep + "]\n'''''\n" +  // content ends with two quotes
                           "# " + deep + " = 1\n" +              //
                           "c = 1 # " + deep + "\n" +            //
                           "\"" + deep + "\" = 1\n" +            // one quoted segment
                           "arr = [\n  1, # " + deep + "\n  '" + deep + "',\n]\n";
  EXPECT_EQ(errors_of_dynamic(text), "");
}

TEST(TomlKeyDepth, AKeyMadeByTheTemplateIsReportedAtItsTag) {
  // The rendered key is 200 segments; the error maps back to the `{{ }}` that wrote it.
  EXPECT_EQ(errors_of("main = \"g\"\n  {{ range(200) | join('.') }} = 1\n"),
            key_error("deep.toml", 2, 3));
}

}  // namespace
}  // namespace rill::config

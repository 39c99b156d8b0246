// SourceMap: where each byte of a rendered template came from, so TOML and schema errors found in
// the rendered text point at what the user wrote.

#include <string>

#include <gtest/gtest.h>

#include <rill/config/template.hpp>

#include "config/template/render_helpers.hpp"

namespace rill::config {
namespace {

TEST(TemplateSourceMap, VerbatimTextMapsCharacterForCharacter) {
  Diagnostics diags;
  RenderedTemplate r = render_template_mapped("{{ x = 1 }}ab\ncd", Value(Map{}), "t.toml", diags);
  ASSERT_EQ(r.text, "ab\ncd");
  SourceLoc c = r.map.locate(3);  // 'c'
  EXPECT_EQ(c.file, "t.toml");
  EXPECT_EQ(c.line, 2);
  EXPECT_EQ(c.col, 1);
  EXPECT_EQ(r.map.locate(1).col, 13);  // 'b'
}

TEST(TemplateSourceMap, GeneratedTextMapsToItsTag) {
  Diagnostics diags;
  RenderedTemplate r =
      render_template_mapped("a\n  {{ 'long value' }}z", Value(Map{}), "t.toml", diags);
  ASSERT_EQ(r.text, "a\n  long valuez");
  EXPECT_EQ(r.map.locate(8).line, 2);   // inside "long value"
  EXPECT_EQ(r.map.locate(8).col, 3);    // the tag's '{'
  EXPECT_EQ(r.map.locate(14).col, 21);  // the 'z' after the tag
}

TEST(TemplateSourceMap, LoopOutputMapsBackToTheLoopBody) {
  Diagnostics diags;
  RenderedTemplate r = render_template_mapped("{% for i in range(3) %}\nx{% end for %}",
                                              Value(Map{}), "t.toml", diags);
  ASSERT_EQ(r.text, "\nx\nx\nx");
  SourceLoc third_x = r.map.locate(5);
  EXPECT_EQ(third_x.line, 2);
  EXPECT_EQ(third_x.col, 1);
  EXPECT_TRUE(r.ok);
}

}  // namespace
}  // namespace rill::config

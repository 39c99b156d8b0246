// Template errors: each located at the tag or expression in the template source, every one
// reported in a single pass.

#include <string>

#include <gtest/gtest.h>

#include <rill/config/template.hpp>

#include "config/template/render_helpers.hpp"

namespace rill::config {
namespace {

using testing::errors_of;

TEST(TemplateErrors, UnknownVariableErrorPointsAtTheVariable) {
  EXPECT_EQ(errors_of("main = \"main\"\nn = {{ 1 + cout }}\n"),
            "t.toml:2:12: error: unknown variable 'cout'\n");
}

TEST(TemplateErrors, MissingKeyNamesThePathSoFar) {
  Value ctx(Map{{"Args", Value(Map{{"Node", 1}})}});
  EXPECT_EQ(errors_of("{{ Args.Nodes }}", ctx), "t.toml:1:4: error: 'Args' has no key 'Nodes'\n");
}

TEST(TemplateErrors, SyntaxErrorPointsIntoTheTag) {
  EXPECT_EQ(errors_of("a = 1\nb = {{ 1 + }}\n"),
            "t.toml:2:12: error: expected an expression, found end of tag\n");
}

TEST(TemplateErrors, UnterminatedTagIsReportedAtItsOpening) {
  EXPECT_EQ(errors_of("a = 1\nb = {{ 1 + 2\n"), "t.toml:2:5: error: unterminated '{{' tag\n");
}

TEST(TemplateErrors, UnterminatedBlockIsReportedAtItsOpening) {
  EXPECT_EQ(errors_of("x\n  {% for i in range(2) %}{{ i }}\n"),
            "t.toml:2:3: error: unterminated 'for' block: missing '{% end for %}'\n");
}

TEST(TemplateErrors, MisspelledEndGetsAHint) {
  EXPECT_EQ(errors_of("{% if true %}x{% endif %}"),
            "t.toml:1:1: error: unterminated 'if' block: missing '{% end if %}'\n"
            "t.toml:1:18: error: unknown statement 'endif' (write 'end if')\n");
}

TEST(TemplateErrors, StrayEndAndElseAreReported) {
  EXPECT_EQ(errors_of("{% end for %}\n{% else %}"),
            "t.toml:1:1: error: 'end for' without a matching 'for'\n"
            "t.toml:2:1: error: 'else' without a matching 'if'\n");
}

TEST(TemplateErrors, UnknownFunctionAndFilterAreSyntaxErrors) {
  EXPECT_EQ(errors_of("{{ rnage(3) }}\n{{ 'a' | uper }}"),
            "t.toml:1:4: error: unknown function 'rnage'\n"
            "t.toml:2:10: error: unknown filter 'uper'\n");
}

TEST(TemplateErrors, EverySyntaxErrorIsReportedInOnePass) {
  EXPECT_EQ(errors_of("{{ 1 + }}\n{{ ) }}\n{% frob %}\n"),
            "t.toml:1:8: error: expected an expression, found end of tag\n"
            "t.toml:2:4: error: expected an expression, found ')'\n"
            "t.toml:3:4: error: unknown statement 'frob'\n");
}

TEST(TemplateErrors, EveryEvaluationErrorIsReportedInOnePass) {
  EXPECT_EQ(errors_of("{{ a }}\n{{ 1 / 0 }}\n{{ 'x' + 1 }}\n"),
            "t.toml:1:4: error: unknown variable 'a'\n"
            "t.toml:2:6: error: division by zero\n"
            "t.toml:3:8: error: '+' needs numbers, got string and int (use '~' to join strings)\n");
}

TEST(TemplateErrors, AnErrorInsideALoopIsReportedOnce) {
  EXPECT_EQ(errors_of("{% for i in range(5) %}{{ j }}{% end for %}"),
            "t.toml:1:27: error: unknown variable 'j'\n");
}

TEST(TemplateErrors, ForOverANonSequenceIsAnError) {
  EXPECT_EQ(errors_of("{% for i in 3 %}{% end for %}"),
            "t.toml:1:13: error: 'for' needs a list or a map, got int\n");
}

TEST(TemplateErrors, RangeRejectsANonPositiveStep) {
  EXPECT_EQ(errors_of("{% for i in range([0, 3, 0]) %}{% end for %}"),
            "t.toml:1:13: error: range step must be positive, got 0\n");
}

TEST(TemplateErrors, FloatLiteralIsReportedAsUnsupported) {
  EXPECT_EQ(errors_of("x = {{ 2 * 0.5 }}"),
            "t.toml:1:12: error: float literals are not supported in templates (integers only, as "
            "in MegFlow's templar)\n");
}

TEST(TemplateErrors, ColumnsCountCharactersNotBytes) {
  EXPECT_EQ(errors_of("# héllo {{ nope }}"), "t.toml:1:12: error: unknown variable 'nope'\n");
}

}  // namespace
}  // namespace rill::config

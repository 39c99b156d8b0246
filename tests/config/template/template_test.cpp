// The template pre-pass: what substitution, assignment, for, if, whitespace trimming and comments
// render.

#include <string>

#include <gtest/gtest.h>

#include <rill/config/template.hpp>

#include "config/template/render_helpers.hpp"

namespace rill::config {
namespace {

using testing::errors_of;
using testing::render;

// --- substitution --------------------------------------------------------------------------

TEST(Template, TextWithoutTagsIsCopiedVerbatim) {
  EXPECT_EQ(render("main = \"main\"\n# { not a tag }\n"), "main = \"main\"\n# { not a tag }\n");
}

TEST(Template, SubstitutesArithmeticWithUsualPrecedence) {
  EXPECT_EQ(render("n = {{ 1 + 2 * 3 }}"), "n = 7");
  EXPECT_EQ(render("n = {{ (1 + 2) * 3 }}"), "n = 9");
  EXPECT_EQ(render("n = {{ 7 / 2 }} {{ 7 % 2 }} {{ -3 + 1 }}"), "n = 3 1 -2");
}

TEST(Template, TagClosingInsideAnInlineTableLeavesTheTableBrace) {
  // `{{ n }}}`: the tag ends at the first `}}`, the last `}` closes the TOML inline table.
  EXPECT_EQ(render("t = { n = {{ 3 }}}", Value(Map{})), "t = { n = 3}");
  EXPECT_EQ(render("t = {{ {'a': {'b': 1}} }}"), "t = { a = { b = 1 } }");
}

TEST(Template, StringsRenderRawInAnyQuoteStyle) {
  EXPECT_EQ(render(R"(a = "{{ 'x' }}{{ "y" }}{{ `z` }}")"), R"(a = "xyz")");
}

TEST(Template, TildeConcatenatesAnyValues) {
  EXPECT_EQ(render("ty = \"{{ 'Graph' ~ 1 }}\""), "ty = \"Graph1\"");
}

TEST(Template, BooleanAndNullLiteralsHaveTheirAliases) {
  EXPECT_EQ(render("{{ true }} {{ yes }} {{ false }} {{ no }} [{{ null }}{{ nil }}]"),
            "true true false false []");
}

TEST(Template, ListsAndMapsRenderAsTomlLiterals) {
  EXPECT_EQ(render("xs = {{ [1, 'a', [true]] }}"), "xs = [1, \"a\", [true]]");
  EXPECT_EQ(render("m = {{ {'k': 1, 'two words': 'v'} }}"), "m = { k = 1, \"two words\" = \"v\" }");
}

TEST(Template, DottedAndIndexedPathsReadTheContext) {
  Value ctx(Map{{"Args", Value(Map{{"Node", 10}, {"names", Value(List{"a", "b"})}})}});
  EXPECT_EQ(render("{{ Args.Node }} {{ Args['Node'] }} {{ Args.names[1] }}", ctx), "10 10 b");
}

TEST(Template, ComparisonsIncludingLessOrEqualWork) {
  EXPECT_EQ(render("{{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 >= 4 }} {{ 'a' == 'a' }} {{ 1 != 1 }}"),
            "true true false true false");
}

TEST(Template, FiltersApplyToTheExpressionOnTheirLeft) {
  EXPECT_EQ(render("{{ 'ab' ~ 'c' | upper }} {{ [1, 2] | len + 1 }} {{ [1, 2] | join('-') }}"),
            "ABC 3 1-2");
}

TEST(Template, DefaultFilterStandsInForAnUndefinedVariable) {
  EXPECT_EQ(render("n = {{ missing | default(4) }}"), "n = 4");
  EXPECT_EQ(render("n = {{ Args.missing | default(4) }}", Value(Map{{"Args", Value(Map{})}})),
            "n = 4");
}

// --- assignment -----------------------------------------------------------------------------

TEST(Template, AssignmentRendersNothingAndDefinesTheVariable) {
  EXPECT_EQ(render("{{ x = 2 }}v = {{ x * 3 }}"), "v = 6");
}

TEST(Template, AssignedMapLiteralIsReadableByPath) {
  EXPECT_EQ(render("{{ Args = {'Node': 10, 'Data': 1} }}{{ Args.Node + Args.Data }}"), "11");
}

TEST(Template, AssignmentThroughAPathUpdatesOneKey) {
  EXPECT_EQ(render("{{ a = {'x': 1, 'y': 2} }}{{ a.y = 5 }}{{ a }}"), "{ x = 1, y = 5 }");
}

TEST(Template, AssignmentDoesNotChangeTheCallersContext) {
  Value ctx(Map{{"n", 1}});
  EXPECT_EQ(render("{{ n = 2 }}{{ n }}", ctx), "2");
  EXPECT_EQ(ctx.as_map().find("n")->as_int(), 1);
}

// --- for ------------------------------------------------------------------------------------

TEST(Template, ForOverRangeOfNCountsFromZero) {
  EXPECT_EQ(render("{% for i in range(3) %}{{ i }},{% end for %}"), "0,1,2,");
}

TEST(Template, ForOverRangeWithStartEndAndStep) {
  EXPECT_EQ(render("{% for i in range([2, 5]) %}{{ i }}{% end for %}"), "234");
  EXPECT_EQ(render("{% for i in range([1, 8, 3]) %}{{ i }}{% end for %}"), "147");
  EXPECT_EQ(render("[{% for i in range(0) %}{{ i }}{% end for %}]"), "[]");
}

TEST(Template, ForOverAContextListBindsEachItem) {
  Value ctx(Map{{"c", Value(List{2, 3, 4})}});
  EXPECT_EQ(render("{% for x in c %}{{ x * 10 }} {% end for %}", ctx), "20 30 40 ");
}

TEST(Template, ForOverAnInlineListLiteral) {
  EXPECT_EQ(render("{% for s in ['a', 'b'] %}<{{ s }}>{% end for %}"), "<a><b>");
}

TEST(Template, ForOverAMapBindsKeyAndValueInOrder) {
  Value ctx(Map{{"d", Value(Map{{"z", 1}, {"a", 2}})}});
  EXPECT_EQ(render("{% for e in d %}{{ e.key }}={{ e.value }};{% end for %}", ctx), "z=1;a=2;");
}

TEST(Template, NestedLoopsSeeTheOuterVariable) {
  EXPECT_EQ(render("{% for i in range(2) %}{% for j in range(2) %}{{ i }}{{ j }} {% end for %}"
                   "{% end for %}"),
            "00 01 10 11 ");
}

TEST(Template, LoopVariableDoesNotOutliveTheLoop) {
  EXPECT_EQ(errors_of("{% for i in range(1) %}{% end for %}\n{{ i }}"),
            "t.toml:2:4: error: unknown variable 'i'\n");
}

TEST(Template, ProfileStyleChainOfNodesRendersValidLines) {
  // The shape of MegFlow's shipped profile.toml: an inline Args map and a loop over Node-1.
  std::string text =
      "{{ Args = {'Node': 3} -}}\n"
      "{% for i in range(Args.Node - 1) -%}\n"
      "{ cap = 16, ports = [\"t{{ i }}:out\", \"t{{ i + 1 }}:inp\"] },\n"
      "{% end for -%}\n";
  EXPECT_EQ(render(text),
            "{ cap = 16, ports = [\"t0:out\", \"t1:inp\"] },\n"
            "{ cap = 16, ports = [\"t1:out\", \"t2:inp\"] },\n");
}

// --- if -------------------------------------------------------------------------------------

TEST(Template, IfElseIfElseTakesTheFirstTrueBranch) {
  std::string text = "{% if n == 1 %}one{% else if n == 2 %}two{% else %}many{% end if %}";
  EXPECT_EQ(render(text, Value(Map{{"n", 1}})), "one");
  EXPECT_EQ(render(text, Value(Map{{"n", 2}})), "two");
  EXPECT_EQ(render(text, Value(Map{{"n", 7}})), "many");
}

TEST(Template, IfWithoutElseRendersNothingWhenFalse) {
  EXPECT_EQ(render("[{% if false %}x{% end if %}]"), "[]");
}

TEST(Template, IfTestsTruthinessAndShortCircuits) {
  Value ctx(Map{{"xs", Value(List{})}, {"name", "a"}});
  EXPECT_EQ(render("{% if xs %}full{% else %}empty{% end if %}", ctx), "empty");
  // `x.missing` is never evaluated: && stops at the false left side.
  EXPECT_EQ(render("{% if xs && xs.missing %}x{% else %}ok{% end if %}", ctx), "ok");
  EXPECT_EQ(render("{% if name == 'a' || name.missing %}ok{% end if %}", ctx), "ok");
}

TEST(Template, AssignmentInsideIfIsVisibleAfterIt) {
  // `if` opens no scope (as in templar); `for` does.
  EXPECT_EQ(render("{% if true %}{{ x = 1 }}{% end if %}{{ x }}"), "1");
}

TEST(Template, ScopeBlockKeepsItsAssignmentsInside) {
  EXPECT_EQ(render("{{ x = 1 }}{% scope %}{{ x = 2 }}{{ x }}{% end scope %}{{ x }}"), "21");
}

// --- whitespace trim and comments -----------------------------------------------------------

TEST(Template, LeadingDashSwallowsAllWhitespaceBeforeTheTag) {
  EXPECT_EQ(render("a = 1\n\n  {{- 'x' }}"), "a = 1x");
}

TEST(Template, TrailingDashSwallowsAllWhitespaceAfterTheTag) {
  EXPECT_EQ(render("{{ 'x' -}}\n\n   b"), "xb");
  EXPECT_EQ(render("{% if true -%}\n  yes\n{%- end if %}"), "yes");
}

TEST(Template, WithoutDashWhitespaceIsKept) {
  EXPECT_EQ(render("{{ x = 1 }}\n{% if true %}\ny\n{% end if %}\n"), "\n\ny\n\n");
}

TEST(Template, CommentsRenderNothing) {
  EXPECT_EQ(render("a{# {{ not evaluated }} #}b"), "ab");
  EXPECT_EQ(render("a\n  {#- trimmed both sides -#}\n  b"), "ab");
}

}  // namespace
}  // namespace rill::config

// Template nesting: expressions, blocks and the values a loop builds are bounded by
// limits::kMaxNesting with a located error, checked before the parser or evaluator recurses; past
// the limit they once overflowed the stack. Exactly the limit is accepted.

#include <string>

#include <gtest/gtest.h>

#include <rill/config/template.hpp>
#include <rill/core/limits.hpp>

#include "config/template/render_helpers.hpp"
#include "support/repeat.hpp"

namespace rill::config {
namespace {

using rill::testing::repeat;

using limits::kMaxNesting;
using testing::errors_of;
using testing::render;

constexpr int kHostile = 100000;

/// `{{ OPEN^n INNER CLOSE^n }}`: one expression nested n deep.
std::string nested(const std::string& open, const std::string& inner, const std::string& close,
                   int n) {
  return "{{ " + repeat(open, n) + inner + repeat(close, n) + " }}";
}

/// The error for a tag whose 129th level starts at column `col` of line 1.
std::string expr_error(int col) {
  return "t.toml:1:" + std::to_string(col) + ": error: expression nested deeper than 128 levels\n";
}

TEST(TemplateDepth, TheLimitIs128) { EXPECT_EQ(kMaxNesting, 128); }

TEST(TemplateDepth, HostileParenthesesAreRefusedAtTheFirstLevelTooMany) {
  // "{{ " is 3 characters: the 129th '(' is at column 3 + 129.
  EXPECT_EQ(errors_of(nested("(", "1", ")", kHostile)), expr_error(132));
}

TEST(TemplateDepth, HostileUnaryMinusIsRefused) {
  EXPECT_EQ(errors_of("{{ " + repeat("-", kHostile) + "1 }}"), expr_error(132));
}

TEST(TemplateDepth, HostileListBracketsAreRefused) {
  EXPECT_EQ(errors_of(nested("[", "", "]", kHostile)), expr_error(132));
}

TEST(TemplateDepth, HostileMapBracesAreRefused) {
  // `{'k': ` is 6 characters.
  EXPECT_EQ(errors_of(nested("{'k': ", "1", "}", kHostile)), expr_error(4 + 128 * 6));
}

TEST(TemplateDepth, HostileCallsFiltersAndIndexesAreRefused) {
  EXPECT_EQ(errors_of(nested("range(", "1", ")", kHostile)), expr_error(4 + 128 * 6 + 5));
  // `x | join(` opens a level at its '('.
  EXPECT_EQ(errors_of(nested("x | join(", "1", ")", kHostile)), expr_error(4 + 128 * 9 + 8));
  EXPECT_EQ(errors_of(nested("x[", "1", "]", kHostile)), expr_error(4 + 128 * 2 + 1));
}

TEST(TemplateDepth, HostileOperatorChainsAreRefused) {
  // `1 + 1 + ...` recurses in nothing while parsing, but its tree is as deep as it is long, and
  // evaluating (or freeing) the tree recurses once per operator.
  EXPECT_EQ(errors_of("{{ 1" + repeat(" + 1", kHostile) + " }}"), expr_error(4 + 128 * 4 + 2));
  EXPECT_EQ(errors_of("{{ 'a'" + repeat(" | upper", kHostile) + " }}"),
            expr_error(7 + 128 * 8 + 1));
}

TEST(TemplateDepth, HostilePathsAreRefused) {
  // Assigning to `a.b.b...` builds one map per step, recursively.
  EXPECT_EQ(errors_of("{{ a" + repeat(".b", kHostile) + " = 1 }}"), expr_error(5 + 128 * 2));
}

TEST(TemplateDepth, ExactlyTheLimitIsAccepted) {
  const int n = kMaxNesting;
  EXPECT_EQ(render(nested("(", "7", ")", n)), "7");
  EXPECT_EQ(render("{{ " + repeat("-", n) + "7 }}"), "7");
  EXPECT_EQ(render("{{ x = 7 }}{{ " + repeat("-", n - 1) + "x }}"), "-7");
  EXPECT_EQ(render(nested("[", "", "]", n)), repeat("[", n) + repeat("]", n));
  EXPECT_EQ(render("{{ 0" + repeat(" + 1", n) + " }}"), std::to_string(n));
  EXPECT_EQ(render("{{ a" + repeat(".b", n) + " = 7 }}{{ a" + repeat(".b", n) + " }}"), "7");

  EXPECT_EQ(errors_of(nested("(", "7", ")", n + 1)), expr_error(4 + n));
  EXPECT_EQ(errors_of("{{ " + repeat("-", n + 1) + "7 }}"), expr_error(4 + n));
  EXPECT_EQ(errors_of(nested("[", "", "]", n + 1)), expr_error(4 + n));
  EXPECT_EQ(errors_of("{{ 0" + repeat(" + 1", n + 1) + " }}"), expr_error(4 + 4 * n + 2));
  EXPECT_EQ(errors_of("{{ a" + repeat(".b", n + 1) + " = 7 }}"), expr_error(5 + 2 * n));
}

TEST(TemplateDepth, LevelsAddUpAcrossKinds) {
  // 64 brackets around 64 parentheses: 128 levels; one more minus makes 129.
  const std::string inner = repeat("(", 64) + "1" + repeat(")", 64);
  EXPECT_EQ(render(nested("[", inner, "]", 64)), repeat("[", 64) + "1" + repeat("]", 64));
  EXPECT_EQ(errors_of(nested("[", "-" + inner, "]", 64)), expr_error(4 + 64 + 1 + 63));
  // A chain of 100 operators under 29 lists: the outermost list is the 129th level.
  EXPECT_EQ(render(nested("[", "0" + repeat(" + 1", 100), "]", 28)),
            repeat("[", 28) + "100" + repeat("]", 28));
  EXPECT_EQ(errors_of(nested("[", "0" + repeat(" + 1", 100), "]", 29)), expr_error(4));
}

/// `{% OPEN %}` n times around `x`, each closed by `{% CLOSE %}`.
std::string nested_blocks(const std::string& open, const std::string& close, int n) {
  return repeat("{% " + open + " %}", n) + "x" + repeat("{% " + close + " %}", n);
}

/// The error for the 129th of a row of `{% OPEN %}` tags.
std::string block_error(const std::string& open) {
  std::size_t col = 1 + 128 * ("{% " + open + " %}").size();
  return "t.toml:1:" + std::to_string(col) + ": error: blocks nested deeper than 128 levels\n";
}

TEST(TemplateDepth, HostileBlocksAreRefusedAtTheFirstBlockTooMany) {
  // One error: the `end`s after the refused block are not reported as unmatched.
  EXPECT_EQ(errors_of(nested_blocks("if 1", "end if", kHostile)), block_error("if 1"));
  EXPECT_EQ(errors_of(nested_blocks("for i in [1]", "end for", kHostile)),
            block_error("for i in [1]"));
  EXPECT_EQ(errors_of(nested_blocks("scope", "end scope", kHostile)), block_error("scope"));
}

TEST(TemplateDepth, ExactlyTheLimitOfBlocksIsAccepted) {
  const int n = kMaxNesting;
  EXPECT_EQ(render(nested_blocks("if 1", "end if", n)), "x");
  EXPECT_EQ(render(nested_blocks("for i in [1]", "end for", n)), "x");
  EXPECT_EQ(render(nested_blocks("scope", "end scope", n)), "x");
  EXPECT_EQ(errors_of(nested_blocks("if 1", "end if", n + 1)), block_error("if 1"));
  // Blocks of different kinds count together; `else` opens no level.
  std::string mixed = repeat("{% if 0 %}{% else %}{% for i in [1] %}", n / 2) + "x" +
                      repeat("{% end for %}{% end if %}", n / 2);
  EXPECT_EQ(render(mixed), "x");
  // Inside a scope, the 64th `for` is the 129th level.
  EXPECT_EQ(errors_of("{% scope %}" + mixed + "{% end scope %}"),
            "t.toml:1:" + std::to_string(1 + 11 + 63 * 38 + 20) +
                ": error: blocks nested deeper than 128 levels\n");
}

TEST(TemplateDepth, ALoopCannotBuildAValueDeeperThanTheLimit) {
  // Each round wraps the value once more: copying or printing it once recursed without bound.
  // Reported once at the list literal, though every round after the 128th fails.
  EXPECT_EQ(errors_of("{{ a = 1 }}{% for i in range(100000) %}{{ a = [a] }}{% end for %}{{ a }}"),
            "t.toml:1:47: error: value nested deeper than 128 levels\n");
  EXPECT_EQ(errors_of("{{ a = {} }}{% for i in range(100000) %}{{ a.x = a }}{% end for %}"),
            "t.toml:1:44: error: value nested deeper than 128 levels\n");
  // Exactly the limit: 128 lists around an int (printed in the loop, whose scope `a` is in).
  EXPECT_EQ(render("{{ a = 1 }}{% for i in range(128) %}{{ a = [a] }}"
                   "{% if i == 127 %}{{ a }}{% end if %}{% end for %}"),
            repeat("[", kMaxNesting) + "1" + repeat("]", kMaxNesting));
}

}  // namespace
}  // namespace rill::config

// Template work is bounded: nested loops that would run for hours, output past the config size
// limit, and a string doubled without end each stop with one located error instead of a hang or
// an out-of-memory kill.

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <rill/core/limits.hpp>

#include "config/template/render_helpers.hpp"

namespace rill::config {
namespace {

using testing::errors_of;
using ::testing::HasSubstr;

TEST(TemplateBudget, NestedLoopsStopAtTheStepLimit) {
  // 10^12 iterations of nothing: no output grows, only the work.
  const std::string text =
      "{% for i in range(1000000) %}{% for j in range(1000000) %}{% end for %}{% end for %}";
  const std::string errors = errors_of(text);
  EXPECT_THAT(errors,
              HasSubstr("error: the template runs more than " +
                        std::to_string(limits::kMaxTemplateSteps) + " steps (nested loops?)"));
  EXPECT_EQ(errors.find('\n'), errors.size() - 1) << "reported more than once: " << errors;
}

TEST(TemplateBudget, OutputPastTheConfigSizeLimitStops) {
  // 100 bytes a line, a million lines: 100 MB of output from 60 bytes of template.
  const std::string text =
      "{% for i in range(1000000) %}" + std::string(99, 'x') + "\n{% end for %}";
  EXPECT_THAT(errors_of(text), HasSubstr("error: the rendered config is larger than 16 MiB"));
}

TEST(TemplateBudget, AStringDoubledInALoopStopsAtTheSizeLimit) {
  const std::string text = R"({{ s = "x" }}{% for i in range(64) %}{{ s = s ~ s }}{% end for %})";
  EXPECT_THAT(errors_of(text), HasSubstr("error: '~' makes a string longer than 16 MiB"));
}

TEST(TemplateBudget, WorkBelowTheLimitsRenders) {
  const std::string text =
      "{% for i in range(1000) %}{% for j in range(1000) %}{% end for %}"
      "{% end for %}done";
  EXPECT_EQ(errors_of(text), "");
}

}  // namespace
}  // namespace rill::config

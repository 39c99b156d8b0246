// The config limits (include/rill/core/limits.hpp) as the TOML front-end enforces them: a value
// past a limit is a located error naming the key and the limit; the limit itself is accepted.

#include <optional>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>
#include <rill/core/limits.hpp>

namespace rill::config {
namespace {

/// Every diagnostic of loading `text` as "lim.toml" ("" when it loads cleanly).
std::string errors_of(const std::string& text) {
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_string(text, "lim.toml", "", {}, diags);
  EXPECT_EQ(spec.has_value(), !diags.has_errors());
  return diags.format();
}

std::string with_cap(std::int64_t cap) {
  return fmt::format(R"(main = "g"
[[graphs]]
name = "g"
nodes = [{{name = "a", ty = "Noop"}}, {{name = "b", ty = "Noop"}}]
connections = [{{cap = {}, ports = ["a:out", "b:inp"]}}]
)",
                     cap);
}

TEST(ConfigLimits, AChannelCapPastTheLimitIsALocatedError) {
  // 2^63-1 once passed validation and corrupted the heap when the graph ran.
  EXPECT_EQ(errors_of(with_cap(INT64_MAX)),
            fmt::format("lim.toml:5:23: error: cap must be at most {}\n", limits::kMaxChannelCap));
  EXPECT_EQ(errors_of(with_cap(limits::kMaxChannelCap + 1)),
            fmt::format("lim.toml:5:23: error: cap must be at most {}\n", limits::kMaxChannelCap));
  EXPECT_EQ(errors_of(with_cap(limits::kMaxChannelCap)), "");
}

TEST(ConfigLimits, ClonedPastTheLimitIsALocatedError) {
  auto config = [](std::int64_t n) {
    return fmt::format(R"(main = "g"
[[graphs]]
name = "g"
nodes = [{{name = "a", ty = "Noop", cloned = {}}}]
)",
                       n);
  };
  EXPECT_EQ(errors_of(config(limits::kMaxCloned + 1)),
            fmt::format("lim.toml:4:45: error: cloned must be at most {}\n", limits::kMaxCloned));
  EXPECT_EQ(errors_of(config(limits::kMaxCloned)), "");
}

TEST(ConfigLimits, ExecutorThreadsPastTheLimitIsALocatedError) {
  auto config = [](std::int64_t n) {
    return fmt::format(R"(main = "g"
[[executors]]
name = "e"
threads = {}
[[graphs]]
name = "g"
)",
                       n);
  };
  EXPECT_EQ(errors_of(config(limits::kMaxExecutorThreads + 1)),
            fmt::format("lim.toml:4:11: error: threads must be at most {}\n",
                        limits::kMaxExecutorThreads));
  EXPECT_EQ(errors_of(config(limits::kMaxExecutorThreads)), "");
}

TEST(ConfigLimits, MoreExecutorsThanTheLimitIsAnErrorAtTheFirstOneTooMany) {
  auto config = [](std::int64_t n) {
    std::string text = "main = \"g\"\n[[graphs]]\nname = \"g\"\n";
    for (std::int64_t i = 0; i < n; ++i) text += fmt::format("[[executors]]\nname = \"e{}\"\n", i);
    return text;
  };
  // Executor i's table header is on line 4 + 2 i.
  EXPECT_EQ(
      errors_of(config(limits::kMaxExecutors + 2)),
      fmt::format("lim.toml:{}:1: error: {} [[executors]]: at most {} may be declared\n",
                  4 + 2 * limits::kMaxExecutors, limits::kMaxExecutors + 2, limits::kMaxExecutors));
  EXPECT_EQ(errors_of(config(limits::kMaxExecutors)), "");
}

}  // namespace
}  // namespace rill::config

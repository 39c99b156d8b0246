// Diagnostics bound what hostile input can make them hold: messages are cut (values echoed in
// them may be megabytes), and past a count the rest are counted, not kept.

#include "rill/core/diagnostic.hpp"

#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "rill/core/limits.hpp"

namespace rill {
namespace {

TEST(Diagnostics, AnEchoedHugeValueIsCutToAReadableLength) {
  Diagnostics d;
  d.error({"a.toml", 1, 1}, "unknown type [" + std::string(1'000'000, 'x') + "]");
  ASSERT_EQ(d.items().size(), 1u);
  const std::string& m = d.items()[0].message;
  EXPECT_LE(m.size(), limits::kMaxMessageChars + 40);
  EXPECT_EQ(m.substr(0, 15), "unknown type [x");
  EXPECT_NE(m.find(fmt::format("... ({} more bytes)", 1'000'015 - limits::kMaxMessageChars)),
            std::string::npos)
      << m.substr(limits::kMaxMessageChars - 10);
}

TEST(Diagnostics, TheCutNeverSplitsAUtf8Character) {
  // "é" is two bytes: a cut at an odd byte count would fall inside one.
  std::string text;
  while (text.size() < 3 * limits::kMaxMessageChars) text += "é";
  const std::string cut = cut_for_message("x" + text);
  const std::size_t kept = cut.find("...");
  ASSERT_NE(kept, std::string::npos);
  EXPECT_EQ(kept % 2, 1u) << "kept 'x' plus whole two-byte characters only";
}

TEST(Diagnostics, PastTheLimitDiagnosticsAreCountedNotKept) {
  Diagnostics d;
  const std::size_t n = limits::kMaxDiagnostics + 5;
  for (std::size_t i = 0; i < n; ++i) d.error({"a.toml", static_cast<int>(i + 1), 1}, "bad");
  d.warning({"a.toml", 1, 1}, "odd");
  EXPECT_EQ(d.items().size(), limits::kMaxDiagnostics);
  EXPECT_EQ(d.error_count(), n);
  EXPECT_TRUE(d.has_errors());
  const std::string text = d.format();
  EXPECT_NE(text.find("(6 more diagnostics not shown, 5 of them errors)\n"), std::string::npos)
      << text.substr(text.size() - 200);
}

TEST(Diagnostics, AppendKeepsTheOtherListsCountOfWhatItDropped) {
  Diagnostics a;
  for (std::size_t i = 0; i < limits::kMaxDiagnostics + 3; ++i) a.error({}, "bad");
  Diagnostics b;
  b.append(a);
  EXPECT_EQ(b.error_count(), limits::kMaxDiagnostics + 3);
}

}  // namespace
}  // namespace rill

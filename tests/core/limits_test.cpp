// The limits table in docs/robustness.md says what include/rill/core/limits.hpp says: every
// constant listed, with its value, and nothing else.

#include "rill/core/limits.hpp"

#include <cstdint>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace rill {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string repo_file(const std::string& relative) {
  return read_file(std::string(RILL_TEST_DATA_DIR) + "/../../" + relative);
}

/// The values, by name, as the code has them. A constant added to limits.hpp must be added here
/// too (the header scan below fails otherwise), and to the table.
const std::map<std::string, std::int64_t>& code_values() {
  static const std::map<std::string, std::int64_t> values{
      {"kMaxChannelCap", limits::kMaxChannelCap},
      {"kMaxCloned", limits::kMaxCloned},
      {"kMaxExecutors", limits::kMaxExecutors},
      {"kMaxExecutorThreads", limits::kMaxExecutorThreads},
      {"kMaxBatchSize", limits::kMaxBatchSize},
      {"kMaxConfigFileBytes", static_cast<std::int64_t>(limits::kMaxConfigFileBytes)},
      {"kMaxMessageChars", static_cast<std::int64_t>(limits::kMaxMessageChars)},
      {"kMaxDiagnostics", static_cast<std::int64_t>(limits::kMaxDiagnostics)},
      {"kMaxNesting", limits::kMaxNesting},
      {"kMaxJsonNesting", limits::kMaxJsonNesting},
      {"kMaxTemplateSteps", limits::kMaxTemplateSteps},
      {"kMaxRangeLength", limits::kMaxRangeLength},
      {"kMaxImagePixels", limits::kMaxImagePixels},
  };
  return values;
}

TEST(Limits, EveryConstantInTheHeaderIsCheckedHere) {
  const std::string header = repo_file("include/rill/core/limits.hpp");
  std::set<std::string> declared;
  const std::regex decl(R"(inline constexpr [^=]*\b(k[A-Za-z0-9]+) =)");
  for (auto it = std::sregex_iterator(header.begin(), header.end(), decl);
       it != std::sregex_iterator(); ++it) {
    declared.insert((*it)[1]);
  }
  std::set<std::string> checked;
  for (const auto& [name, value] : code_values()) checked.insert(name);
  EXPECT_EQ(declared, checked);
}

TEST(Limits, TheDocumentedTableMatchesTheCode) {
  const std::string doc = repo_file("docs/robustness.md");
  const auto begin = doc.find("<!-- limits:begin -->");
  const auto end = doc.find("<!-- limits:end -->");
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const std::string table = doc.substr(begin, end - begin);
  std::map<std::string, std::int64_t> documented;
  const std::regex row(R"(\| `(k[A-Za-z0-9]+)` \| (\d+) \|)");
  for (auto it = std::sregex_iterator(table.begin(), table.end(), row);
       it != std::sregex_iterator(); ++it) {
    documented[(*it)[1]] = std::stoll((*it)[2]);
  }
  EXPECT_EQ(documented, code_values());
}

}  // namespace
}  // namespace rill

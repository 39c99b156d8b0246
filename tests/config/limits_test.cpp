// The nesting limits (include/rill/config/limits.hpp) as docs/cli.md lists them: the table must
// say what the code enforces.

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include <rill/config/limits.hpp>

namespace rill::config {
namespace {

std::string cli_doc() {
  std::ifstream in(std::string(RILL_TEST_DATA_DIR) + "/../../docs/cli.md");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The start of the docs table row of limit `name`: "| `name` | value |".
std::string row(const std::string& name, int value) {
  return "\n| `" + name + "` | " + std::to_string(value) + " | ";
}

TEST(ConfigNestingLimits, DocsListEachLimitWithItsValue) {
  const std::string doc = cli_doc();
  ASSERT_NE(doc.find("\n## Limits\n"), std::string::npos) << "docs/cli.md has no Limits section";
  EXPECT_NE(doc.find(row("kMaxNesting", limits::kMaxNesting)), std::string::npos);
  EXPECT_NE(doc.find(row("kMaxJsonNesting", limits::kMaxJsonNesting)), std::string::npos);
}

}  // namespace
}  // namespace rill::config

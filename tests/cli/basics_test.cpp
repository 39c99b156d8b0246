// `rill --version`, `--help` and usage errors.

#include <regex>

#include <gtest/gtest.h>

#include "child_process.hpp"

namespace rill::testing {
namespace {

TEST(RillBasics, VersionPrintsNameAndVersion) {
  ProcessResult r = rill({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(rill \d+\.\d+\.\d+\n)"))) << r.out;
}

TEST(RillBasics, HelpListsTheCommands) {
  ProcessResult r = rill({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"run", "validate", "graph"}) {
    EXPECT_TRUE(std::regex_search(r.out, std::regex(std::string("\n  ") + cmd + " ")))
        << cmd << "\n"
        << r.out;
  }
}

TEST(RillBasics, RunHelpListsItsFlags) {
  ProcessResult r = rill({"run", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* flag : {"-c,--config", "-p,--plugin-path", "--plugin", "-m,--module-path",
                           "--dynamic", "--dump", "--trace,--profile", "--frames"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag << "\n" << r.out;
  }
}

TEST(RillBasics, UsageErrorsExitTwo) {
  EXPECT_EQ(rill({}).exit_code, 2);
  EXPECT_EQ(rill({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(rill({"run"}).exit_code, 2);  // -c is required
  EXPECT_EQ(rill({"graph"}).exit_code, 2);
  EXPECT_EQ(rill({"validate"}).exit_code, 2);
}

}  // namespace
}  // namespace rill::testing

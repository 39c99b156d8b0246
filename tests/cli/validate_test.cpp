// `rill validate`: front-end and registry-dependent checks without running anything.

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "child_process.hpp"
#include "support/repeat.hpp"
#include "support/scratch_dir.hpp"

namespace rill::testing {
namespace {

TEST(RillValidate, ValidConfigPrintsOk) {
  ProcessResult r = rill({"validate", "ok.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ok.toml: ok\n");
  EXPECT_EQ(r.err, "");
}

TEST(RillValidate, ReportsEveryFrontEndErrorWithItsLocation) {
  ProcessResult r = rill({"validate", "bad_schema.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "bad_schema.toml:11:11: error: cap must be at least 1\n"
            "bad_schema.toml:12:47: error: unknown key 'colour' in connection (expected one of: "
            "cap ports)\n");
  EXPECT_EQ(r.out, "");
}

TEST(RillValidate, ReportsErrorsOnlyTheRegistryCanFind) {
  ProcessResult r = rill({"validate", "bad_types.toml"}, cli_data(""));
  EXPECT_EQ(r.exit_code, 2);
  // The first message ends with the list of known types, which grows with the built-ins.
  EXPECT_EQ(r.err.rfind("bad_types.toml:7:24: error: unexpected node type [NoSuchSource]; known "
                        "types: ",
                        0),
            0u)
      << r.err;
  EXPECT_NE(r.err.find("\nbad_types.toml:13:23: error: unexpected port relay:output\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(RillValidate, PluginTypesAreKnownWithThePluginPath) {
  ProcessResult without = rill({"validate", "ticks.toml"}, cli_data(""));
  EXPECT_EQ(without.exit_code, 2);
  ProcessResult with = rill({"validate", "ticks.toml", "-p", test_plugin_dir()}, cli_data(""));
  EXPECT_EQ(with.exit_code, 0) << with.err;
  EXPECT_EQ(with.out, "ticks.toml: ok\n");
}

TEST(RillValidate, HostileNestingIsAValidationErrorNotACrash) {
  // Each of these once overflowed the stack (SIGSEGV) in toml++, the template parser or its
  // evaluator: now each is one located error and exit code 2.
  constexpr int kDeep = 100000;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a" + repeat(".a", kDeep - 1) + " = 1\n",
       "1:257: error: keys nested deeper than 128 levels"},
      {"[" + repeat("a.", 50000) + "b]\n", "1:258: error: keys nested deeper than 128 levels"},
      {"x = {{ " + repeat("(", kDeep) + "1" + repeat(")", kDeep) + " }}\n",
       "1:136: error: expression nested deeper than 128 levels"},
      {"x = {{ " + repeat("-", kDeep) + "1 }}\n",
       "1:136: error: expression nested deeper than 128 levels"},
      {"x = {{ " + repeat("[", kDeep) + repeat("]", kDeep) + " }}\n",
       "1:136: error: expression nested deeper than 128 levels"},
      {repeat("{% if 1 %}\n", kDeep) + repeat("{% end if %}\n", kDeep),
       "129:1: error: blocks nested deeper than 128 levels"},
      {repeat("{% for i in [1] %}\n", kDeep) + repeat("{% end for %}\n", kDeep),
       "129:1: error: blocks nested deeper than 128 levels"},
  };
  ScratchDir dir;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string name = "deep" + std::to_string(i) + ".toml";
    dir.write(name, cases[i].first);
    ProcessResult r = rill({"validate", name}, dir.path());
    EXPECT_EQ(r.term_signal, 0) << name;
    EXPECT_EQ(r.exit_code, 2) << name;
    EXPECT_EQ(r.err, name + ":" + cases[i].second + "\n");
    EXPECT_EQ(r.out, "");
  }
  dir.write("deep.json", repeat("[", kDeep) + repeat("]", kDeep));
  ProcessResult r = rill({"validate", "deep.json"}, dir.path());
  EXPECT_EQ(r.term_signal, 0);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "deep.json:1:1002: error: values nested deeper than 1000 levels\n");
}

}  // namespace
}  // namespace rill::testing

// `rill validate`: front-end and registry-dependent checks without running anything.

#include <string>

#include <gtest/gtest.h>

#include "child_process.hpp"

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

}  // namespace
}  // namespace rill::testing

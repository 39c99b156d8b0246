// Hostile configs against the Release binary: each is a clean validation error (exit code 2),
// never a signal, a hang, or megabytes of output.

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rill/core/limits.hpp>

#include "child_process.hpp"
#include "support/scratch_dir.hpp"

namespace rill::testing {
namespace {

class HostileConfig : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    return dir_.write(name, text);
  }
  /// `rill validate` on `text`, checked to end by itself with exit code 2.
  ProcessResult validate(const std::string& text) {
    ProcessResult r = rill({"validate", write("h.toml", text)});
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.term_signal, 0) << "killed by a signal";
    EXPECT_EQ(r.exit_code, 2) << r.err.substr(0, 2000);
    return r;
  }
  ScratchDir dir_;
};

TEST_F(HostileConfig, AChannelCapNear2To63IsRefusedNotRun) {
  ProcessResult r = rill({"run", "-c", write("h.toml", R"(main = "g"
[[graphs]]
name = "g"
nodes = [{name = "a", ty = "Noop"}, {name = "b", ty = "NoopConsumer"}]
connections = [{cap = 9223372036854775807, ports = ["a:out", "b:inp"]}]
)")});
  EXPECT_EQ(r.term_signal, 0);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(fmt::format("cap must be at most {}", limits::kMaxChannelCap)),
            std::string::npos)
      << r.err;
}

TEST_F(HostileConfig, IncludingADeviceFileIsRefused) {
  ProcessResult r = validate("main = \"g\"\ninclude = [\"/dev/zero\"]\n[[graphs]]\nname = \"g\"\n");
  EXPECT_NE(r.err.find("cannot read included file /dev/zero: not a regular file"),
            std::string::npos)
      << r.err;
}

TEST_F(HostileConfig, AHugeValueIsNotEchoedBackWhole) {
  const std::string type(8 << 20, 'T');
  ProcessResult r = validate(
      "main = \"g\"\n[[graphs]]\nname = \"g\"\nnodes = [{name = \"a\", ty = \"" + type + "\"}]\n");
  EXPECT_LT(r.err.size(), 16u * 1024) << "the 8 MB type name was echoed";
  EXPECT_NE(r.err.find("more bytes)"), std::string::npos) << r.err.substr(0, 2000);
}

TEST_F(HostileConfig, ARepeatedMistakeIsReportedABoundedNumberOfTimes) {
  std::string text = "main = \"g\"\n[[graphs]]\nname = \"g\"\nnodes = [\n";
  for (int i = 0; i < 100000; ++i) text += fmt::format("  {{name = \"n{}\", ty = \"Nope\"}},\n", i);
  text += "]\n";
  ProcessResult r = validate(text);
  EXPECT_LT(std::count(r.err.begin(), r.err.end(), '\n'), 200) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("more diagnostics not shown"), std::string::npos);
}

}  // namespace
}  // namespace rill::testing

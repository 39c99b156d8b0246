// Reading config files: a device, a FIFO or an oversized file is refused with a clear error
// instead of being read forever (or into all memory). Through load_toml_file, as users meet it.

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <rill/config/toml_loader.hpp>
#include <rill/core/limits.hpp>

#include "support/scratch_dir.hpp"

namespace rill::config {
namespace {

using testing::ScratchDir;

namespace fs = std::filesystem;

std::string errors_loading(const std::string& path) {
  Diagnostics diags;
  std::optional<GraphSpec> spec = load_toml_file(path, {}, diags);
  EXPECT_FALSE(spec.has_value());
  return diags.format();
}

class ConfigFile : public ::testing::Test {
 protected:
  ScratchDir dir_;
};

TEST_F(ConfigFile, ADeviceFileIsRefusedNotReadForever) {
  EXPECT_EQ(errors_loading("/dev/zero"),
            "/dev/zero: error: cannot read config file: not a regular file (devices, FIFOs and "
            "sockets are not read as configs)\n");
}

TEST_F(ConfigFile, AFifoIsRefusedWithoutWaitingForAWriter) {
  const std::string fifo = dir_.path("app.toml");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // Opening a FIFO for reading blocks until a writer comes: the loader must not open it.
  EXPECT_EQ(errors_loading(fifo),
            fifo +
                ": error: cannot read config file: not a regular file (devices, FIFOs and "
                "sockets are not read as configs)\n");
}

TEST_F(ConfigFile, AFileOverTheSizeLimitIsRefused) {
  const std::string big = dir_.path("big.toml");
  {
    std::ofstream out(big, std::ios::binary);
    const std::string line(1023, '#');
    for (std::size_t i = 0; i <= limits::kMaxConfigFileBytes / 1024; ++i) out << line << '\n';
  }
  ASSERT_GT(fs::file_size(big), limits::kMaxConfigFileBytes);
  EXPECT_EQ(errors_loading(big),
            fmt::format("{}: error: cannot read config file: larger than {} MiB, the limit for a "
                        "config file\n",
                        big, limits::kMaxConfigFileBytes >> 20));
}

TEST_F(ConfigFile, AnIncludedDeviceIsRefusedAtTheInclude) {
  const std::string root =
      dir_.write("app.toml", "main = \"g\"\ninclude = [\"/dev/zero\"]\n[[graphs]]\nname = \"g\"\n");
  EXPECT_EQ(errors_loading(root),
            root +
                ":2:12: error: cannot read included file /dev/zero: not a regular file "
                "(devices, FIFOs and sockets are not read as configs)\n");
}

TEST_F(ConfigFile, AMissingFileSaysSo) {
  EXPECT_EQ(
      errors_loading(dir_.path("none.toml")),
      dir_.path("none.toml") + ": error: cannot read config file: No such file or directory\n");
}

}  // namespace
}  // namespace rill::config

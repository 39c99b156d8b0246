#include "text_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "rill/core/limits.hpp"

namespace rill::config {

bool read_text_file(const std::string& path, std::string* out, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // Checked before opening: opening a FIFO blocks until a writer comes, and a device file
  // (/dev/zero, /dev/urandom) never ends.
  const fs::file_status st = fs::status(path, ec);
  if (ec) {
    *error = ec == std::errc::no_such_file_or_directory ? std::string(std::strerror(ENOENT))
                                                        : ec.message();
    return false;
  }
  if (st.type() == fs::file_type::directory) {
    *error = "is a directory";
    return false;
  }
  if (st.type() != fs::file_type::regular) {
    *error = "not a regular file (devices, FIFOs and sockets are not read as configs)";
    return false;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = errno != 0 ? std::strerror(errno) : "cannot open file";
    return false;
  }
  // Read in chunks and stop past the limit (a file may grow while it is read).
  constexpr std::size_t kMax = limits::kMaxConfigFileBytes;
  std::string text;
  char chunk[64 * 1024];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMax) {
      *error = fmt::format("larger than {} MiB, the limit for a config file", kMax >> 20);
      return false;
    }
  }
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  *out = std::move(text);
  return true;
}

}  // namespace rill::config

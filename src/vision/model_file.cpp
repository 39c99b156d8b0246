#include "model_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "rill/vision/backend.hpp"

namespace rill::vision::detail {

std::string read_model_file(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec) {
    const std::string why =
        ec == std::errc::no_such_file_or_directory ? "no such file" : ec.message();
    throw ModelError(fmt::format("model file '{}': {}", path.string(), why));
  }
  // Checked before opening: a FIFO would block until a writer comes.
  if (st.type() != fs::file_type::regular) {
    throw ModelError(fmt::format("model file '{}': not a regular file", path.string()));
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ModelError(fmt::format("model file '{}': {}", path.string(),
                                 errno != 0 ? std::strerror(errno) : "cannot open file"));
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw ModelError(fmt::format("model file '{}': read error", path.string()));
  return bytes;
}

}  // namespace rill::vision::detail

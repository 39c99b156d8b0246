#pragma once
// What every rill fuzz target shares: the input as text, and a directory with nothing in it.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace rill::fuzz {

inline std::string text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// An empty directory made once per process, for relative includes to resolve in.
inline const std::string& empty_dir() {
  static const std::string dir = [] {
    auto p = std::filesystem::temp_directory_path() / ("rill_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(p);
    return p.string();
  }();
  return dir;
}

}  // namespace rill::fuzz

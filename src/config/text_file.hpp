#pragma once
// Reading a config file whole, shared by the TOML and JSON front-ends.

#include <string>

namespace rill::config {

/// Reads a whole regular file of at most limits::kMaxConfigFileBytes; on failure returns false
/// and sets `error` (strerror text, "is a directory", not a regular file, too large, or "read
/// error").
bool read_text_file(const std::string& path, std::string* out, std::string* error);

}  // namespace rill::config

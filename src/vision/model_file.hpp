#pragma once
// Reading a model file whole, with errors that name the file.

#include <filesystem>
#include <string>

namespace rill::vision::detail {

/// The bytes of the regular file `path`. Throws ModelError naming the path when it is missing,
/// not a regular file (a directory, a FIFO that would block), or unreadable.
std::string read_model_file(const std::filesystem::path& path);

}  // namespace rill::vision::detail

#pragma once
// Expands ImageInput's `urls` into the files to read: directories (optionally recursive), single
// files and shell globs, each in sorted order so a run is reproducible.

#include <string>
#include <vector>

namespace rill::media {

struct FileList {
  std::vector<std::string> files;
  /// One line per url that named nothing readable (missing path, unreadable directory).
  std::vector<std::string> problems;
};

/// Hidden files (".name") are skipped; so are entries that are not regular files.
FileList list_files(const std::vector<std::string>& urls, bool recursive);

}  // namespace rill::media

#include "file_list.hpp"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace rill::media {
namespace {

namespace fs = std::filesystem;

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

void add_directory(const fs::path& dir, bool recursive, FileList* out) {
  std::error_code ec;
  std::vector<std::string> found;
  auto visit = [&](const fs::directory_entry& e) {
    std::error_code fec;
    if (!hidden(e.path()) && e.is_regular_file(fec)) found.push_back(e.path().string());
  };
  if (recursive) {
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (hidden(it->path()) && it->is_directory()) {
        it.disable_recursion_pending();
        continue;
      }
      visit(*it);
    }
  } else {
    fs::directory_iterator it(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) visit(*it);
  }
  if (ec) out->problems.push_back(dir.string() + ": " + ec.message());
  std::sort(found.begin(), found.end());
  out->files.insert(out->files.end(), found.begin(), found.end());
}

bool has_glob(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

}  // namespace

FileList list_files(const std::vector<std::string>& urls, bool recursive) {
  FileList out;
  for (const std::string& url : urls) {
    std::error_code ec;
    if (fs::is_directory(url, ec)) {
      add_directory(url, recursive, &out);
    } else if (fs::is_regular_file(url, ec)) {
      out.files.push_back(url);
    } else if (has_glob(url)) {
      glob_t g{};
      int rc = ::glob(url.c_str(), 0, nullptr, &g);  // glob sorts its matches
      if (rc == 0) {
        for (std::size_t i = 0; i < g.gl_pathc; ++i) {
          if (fs::is_regular_file(g.gl_pathv[i], ec)) out.files.emplace_back(g.gl_pathv[i]);
        }
      } else {
        out.problems.push_back(url + ": no file matches");
      }
      globfree(&g);
    } else {
      out.problems.push_back(url + ": no such file or directory");
    }
  }
  return out;
}

}  // namespace rill::media

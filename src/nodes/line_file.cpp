// LineFile: shared, buffered, line-wise output files (line_file.hpp).

#include "line_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <system_error>

#include <spdlog/spdlog.h>

namespace rill::nodes {
namespace {

/// The files open now, by absolute path. Entries expire with their last holder.
struct OpenFiles {
  std::mutex mu;
  std::map<std::string, std::weak_ptr<LineFile>> by_path;
};

OpenFiles& open_files() {
  static OpenFiles files;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
  return files;
}

[[noreturn]] void fail(const std::string& path, const std::string& what, int err) {
  throw std::runtime_error("cannot " + what + " '" + path + "': " + std::strerror(err));
}

}  // namespace

LineFile::LineFile(std::string path, std::FILE* f)
    : path_(std::move(path)),
      buffer_(new char[kBufferBytes]),
      file_(f),
      flushed_at_(std::chrono::steady_clock::now()) {}

LineFile::~LineFile() {
  std::lock_guard g(mu_);
  if (std::fclose(file_) != 0) {
    // Nobody is left to throw to: the last lines may be lost, say so.
    spdlog::error("cannot write '{}': {}", path_, std::strerror(errno));
  }
}

std::shared_ptr<LineFile> LineFile::open(const std::string& path, bool append) {
  std::error_code ec;
  const std::filesystem::path abs = std::filesystem::absolute(path, ec).lexically_normal();
  if (ec) fail(path, "resolve", ec.value());
  OpenFiles& files = open_files();
  std::lock_guard g(files.mu);
  std::weak_ptr<LineFile>& slot = files.by_path[abs.string()];
  if (std::shared_ptr<LineFile> open = slot.lock()) return open;
  if (abs.has_parent_path()) {
    std::filesystem::create_directories(abs.parent_path(), ec);
    if (ec) fail(path, "create the directory of", ec.value());
  }
  std::FILE* f = std::fopen(abs.c_str(), append ? "ab" : "wb");
  if (f == nullptr) fail(path, "open for writing", errno);
  std::shared_ptr<LineFile> file(new LineFile(path, f));
  // glibc ignores the size unless given the buffer too. The lock, not stdio's, keeps lines whole.
  std::setvbuf(f, file->buffer_.get(), _IOFBF, kBufferBytes);
  slot = file;
  return file;
}

void LineFile::write(std::string_view lines) {
  std::lock_guard g(mu_);
  if (std::fwrite(lines.data(), 1, lines.size(), file_) != lines.size()) {
    fail(path_, "write", errno);
  }
  dirty_ = true;
  if (std::chrono::steady_clock::now() - flushed_at_ >= kFlushEvery) flush_locked();
}

void LineFile::flush() {
  std::lock_guard g(mu_);
  flush_locked();
}

void LineFile::flush_locked() {
  flushed_at_ = std::chrono::steady_clock::now();
  if (!dirty_) return;
  dirty_ = false;
  if (std::fflush(file_) != 0) fail(path_, "write", errno);
}

std::chrono::steady_clock::time_point LineFile::flush_due() const {
  std::lock_guard g(mu_);
  return dirty_ ? flushed_at_ + kFlushEvery : std::chrono::steady_clock::time_point::max();
}

}  // namespace rill::nodes

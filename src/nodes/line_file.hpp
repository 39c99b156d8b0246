#pragma once
// LineFile: an append-only text file written in whole lines, buffered, shared by every node
// instance that opens the same path at the same time. JsonLines uses it so that the instances of
// a per-stream subgraph (or clones) write one file together instead of truncating and
// interleaving each other's bytes. Private to rill_nodes.

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace rill::nodes {

/// Lifecycle: open() returns the file; it is flushed and closed when the last holder drops it.
/// Thread safety: every member may be called from any thread at once.
class LineFile {
 public:
  /// How long written lines may sit in the buffer: a `tail -f` sees them within this.
  static constexpr std::chrono::seconds kFlushEvery{1};

  /// The file at `path` (parent directories created). When nobody has it open yet, it is opened
  /// anew: truncated, or appended to with `append`; otherwise the open one is shared and
  /// `append` is ignored. Throws std::runtime_error naming the path and the reason when it
  /// cannot be created or opened for writing.
  static std::shared_ptr<LineFile> open(const std::string& path, bool append);

  ~LineFile();
  LineFile(const LineFile&) = delete;
  LineFile& operator=(const LineFile&) = delete;

  /// Appends whole lines (each ending in '\n'), so concurrent writers never split a line.
  /// Flushes when the buffer is full or kFlushEvery has passed since the last flush. Throws
  /// std::runtime_error naming the path when writing fails (disk full).
  void write(std::string_view lines);
  /// Writes the buffer out now. Throws like write().
  void flush();
  /// When the buffer holds lines not yet flushed, the time by which they should be; else
  /// time_point::max().
  [[nodiscard]] std::chrono::steady_clock::time_point flush_due() const;

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  LineFile(std::string path, std::FILE* f);
  void flush_locked();

  /// 64 KiB: a few hundred result lines per write(2), small next to a frame.
  static constexpr std::size_t kBufferBytes = std::size_t{64} << 10;

  const std::string path_;
  mutable std::mutex mu_;
  std::unique_ptr<char[]> buffer_;                    // stdio's buffer; outlives file_
  std::FILE* file_;                                   // guarded by mu_
  bool dirty_ = false;                                // guarded by mu_
  std::chrono::steady_clock::time_point flushed_at_;  // guarded by mu_
};

}  // namespace rill::nodes

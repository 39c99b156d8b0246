#pragma once
// TraceRecorder: node activations of a running graph as a Chrome / Perfetto trace, in the JSON
// trace-event format (`{"traceEvents": [...]}`, one complete "X" event per node `exec` call),
// which chrome://tracing and ui.perfetto.dev open. A graph records into it only when
// GraphOptions::trace is set; otherwise the node driver pays a test of a null pointer per
// activation and nothing else.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace rill {

/// Collects complete events (name, start, duration, thread) and writes them as trace-event JSON.
/// Lifecycle: create before the graph, pass it in GraphOptions::trace, write after the run (or
/// at any time: write() copies what was recorded so far).
/// Thread safety: record() from any thread (a mutex; tracing is a diagnostic mode); the others
/// from any thread.
class TraceRecorder {
 public:
  using Clock = std::chrono::steady_clock;

  /// Where and when one activation began: taken by begin(), handed back to end().
  struct Span {
    Clock::time_point start;
    std::uint32_t tid = 0;
  };

  /// Timestamps are microseconds since construction.
  TraceRecorder();

  /// Starts a span on the calling thread.
  [[nodiscard]] static Span begin();
  /// Records the span begun by `span`, ending now, as an event named `name` (a node path).
  void end(const Span& span, std::string_view name);

  /// Events recorded so far.
  [[nodiscard]] std::size_t size() const;
  /// The trace as JSON text: `{"traceEvents":[...],"displayTimeUnit":"ms"}`, events in start
  /// order, each `{"name":..,"cat":"node","ph":"X","ts":..,"dur":..,"pid":..,"tid":..}` with
  /// `ts`/`dur` in microseconds (fractions kept), `tid` the OS thread id.
  [[nodiscard]] std::string to_json() const;
  /// Writes to_json() to `path`. False with `*error` set when the file cannot be written.
  bool write(const std::string& path, std::string* error) const;

 private:
  struct Event {
    std::string name;
    std::int64_t start_ns = 0;  ///< since epoch_
    std::int64_t dur_ns = 0;
    std::uint32_t tid = 0;
  };

  Clock::time_point epoch_;
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

}  // namespace rill

#include "rill/core/trace.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "rill/core/json_escape.hpp"

namespace rill {

namespace {

/// The OS thread id, what profilers show for a thread (std::thread::id has no stable number).
std::uint32_t current_tid() {
  thread_local const auto tid = static_cast<std::uint32_t>(::syscall(SYS_gettid));
  return tid;
}

/// Nanoseconds as trace-event microseconds, keeping sub-microsecond activations visible.
std::string micros(std::int64_t ns) { return fmt::format("{:.3f}", static_cast<double>(ns) / 1e3); }

}  // namespace

TraceRecorder::TraceRecorder() : epoch_(Clock::now()) {}

TraceRecorder::Span TraceRecorder::begin() { return Span{Clock::now(), current_tid()}; }

void TraceRecorder::end(const Span& span, std::string_view name) {
  const Clock::time_point stop = Clock::now();
  Event e{std::string(name),
          std::chrono::duration_cast<std::chrono::nanoseconds>(span.start - epoch_).count(),
          std::chrono::duration_cast<std::chrono::nanoseconds>(stop - span.start).count(),
          span.tid};
  std::lock_guard g(mu_);
  events_.push_back(std::move(e));
}

std::size_t TraceRecorder::size() const {
  std::lock_guard g(mu_);
  return events_.size();
}

std::string TraceRecorder::to_json() const {
  std::vector<Event> events;
  {
    std::lock_guard g(mu_);
    events = events_;
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.start_ns < b.start_ns; });
  const int pid = static_cast<int>(::getpid());
  std::string out = "{\"traceEvents\":[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    out += i == 0 ? "\n" : ",\n";
    out += "{\"name\":";
    append_json_string(out, e.name);
    out += fmt::format(R"(,"cat":"node","ph":"X","ts":{},"dur":{},"pid":{},"tid":{}}})",
                       micros(e.start_ns), micros(e.dur_ns), pid, e.tid);
  }
  out += "\n],\"displayTimeUnit\":\"ms\"}\n";
  return out;
}

bool TraceRecorder::write(const std::string& path, std::string* error) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << to_json();
  if (out.flush()) return true;
  if (error != nullptr) *error = std::strerror(errno);
  return false;
}

}  // namespace rill

#pragma once
// What the media and vision benchmarks share (bench_media, bench_streams, bench_vision): a null
// sink that asks every frame for BGR, graphs from inline TOML, the sample video, a scratch
// directory, and the process's thread count and memory from /proc.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "rill/config/toml_loader.hpp"
#include "rill/core/frame.hpp"
#include "rill/core/graph.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"
#include "rill/media/nodes.hpp"
#include "rill/vision/nodes.hpp"

namespace rill::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// CPU seconds (user + system) used so far by this process (RUSAGE_SELF) or by its waited-for
/// children (RUSAGE_CHILDREN).
inline double cpu_seconds(int who) {
  rusage ru{};
  getrusage(who, &ru);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; };
  return s(ru.ru_utime) + s(ru.ru_stime);
}

/// One measured run: wall time, and the CPU time it took (all threads). On a machine shared with
/// other work the wall time moves with the load; the CPU time says whether the work itself did.
struct Timing {
  double wall = 0;
  double cpu = 0;
  /// Graph runs: from the first frame reaching a FrameSink to the last (0 elsewhere). Leaves out
  /// opening the streams and the first frame's way through the pipeline.
  double steady = 0;
  std::int64_t frames = 0;  ///< graph runs: frames that reached the sinks
  Timing& operator+=(const Timing& o) {
    wall += o.wall;
    cpu += o.cpu;
    return *this;
  }
};

/// Times `fn` in this process.
template <typename Fn>
Timing timed(Fn&& fn) {
  const double c0 = cpu_seconds(RUSAGE_SELF);
  const Clock::time_point t0 = Clock::now();
  fn();
  return {seconds_since(t0), cpu_seconds(RUSAGE_SELF) - c0};
}

/// Items per second of a run; 0 (reported as null) for a side that did not run.
inline double rate(double items, const Timing& t) { return t.wall > 0 ? items / t.wall : 0; }

/// The run of median wall time.
inline Timing median(std::vector<Timing> v) {
  std::sort(v.begin(), v.end(), [](const Timing& a, const Timing& b) { return a.wall < b.wall; });
  return v.empty() ? Timing{} : v[v.size() / 2];
}

/// The sample video the build makes (cmake/RillSamples.cmake), unless `--video` names another.
inline std::string sample_video(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--video") return argv[i + 1];
  }
  return RILL_SAMPLE_VIDEO;
}

inline std::string option(int argc, char** argv, const std::string& name) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return "";
}

/// Which sides a benchmark runs: both by default; `--only rill` or `--only peer` runs one (to
/// profile it, e.g. under perf), and the other is reported as null.
struct Sides {
  bool rill = true;
  bool peer = true;
  static Sides parse(int argc, char** argv) {
    const std::string only = option(argc, argv, "--only");
    return {only != "peer", only != "rill"};
  }
};

/// Exits with a message: a benchmark that cannot run its subject must not print a number.
[[noreturn]] inline void die(const std::string& why) {
  fmt::print(stderr, "{}\n", why);
  std::exit(2);
}

/// Frames that reached a FrameSink, across every instance, and when the first and the last did
/// (steady_clock nanoseconds).
inline std::atomic<std::int64_t> g_frames{0};
inline std::atomic<std::int64_t> g_first_ns{INT64_MAX};
inline std::atomic<std::int64_t> g_last_ns{0};

inline void note_arrival() {
  const std::int64_t now = Clock::now().time_since_epoch().count();
  std::int64_t first = g_first_ns.load(std::memory_order_relaxed);
  while (now < first && !g_first_ns.compare_exchange_weak(first, now)) {
  }
  std::int64_t last = g_last_ns.load(std::memory_order_relaxed);
  while (now > last && !g_last_ns.compare_exchange_weak(last, now)) {
  }
}

/// The null sink: takes `{data: frame}` (or a bare frame), makes it BGR (so a decoded frame is
/// converted, as ffmpeg's `-pix_fmt bgr24` converts it) and drops it.
class FrameSink final : public Node {
 public:
  static constexpr Input<Value> kIn{"inp"};
  static Contract contract() { return {kIn}; }

  explicit FrameSink(const NodeConfig&) {}
  void init(Context& ctx) override { in_ = &ctx[kIn]; }
  Task<> exec(Context&) override {
    std::int64_t n = 0;
    while (std::optional<Envelope> e = co_await in_->recv()) {
      const Value& v = e->msg();
      const Value* data = v.is_map() ? v.as_map().find("data") : &v;
      if (data == nullptr || !data->is_frame()) die("FrameSink: a message without a frame");
      std::shared_ptr<const Frame> bgr = as_bgr(data->as_frame());
      if (bgr->format() != PixelFormat::kBGR24) die("FrameSink: as_bgr gave no BGR frame");
      note_arrival();
      ++n;
    }
    g_frames.fetch_add(n, std::memory_order_relaxed);
  }

 private:
  InputPort* in_ = nullptr;
};

inline std::shared_ptr<const Registry> media_registry() {
  static const std::shared_ptr<const Registry> registry = [] {
    auto r = std::make_shared<Registry>();
    register_builtin_nodes(*r);
    media::register_media_nodes(*r);
    vision::register_vision_nodes(*r);
    r->add<FrameSink>("FrameSink", "benchmark: makes every frame BGR and drops it");
    return r;
  }();
  return registry;
}

/// Runs a graph given as TOML on the process's shared pool and times it from start to end
/// (opening the inputs included, as a subprocess's wall time includes them). Exits when the
/// graph cannot be built or fails, or when fewer than `expect` frames arrived.
inline Timing run_toml(const std::string& toml, std::int64_t expect) {
  static_assert(std::is_same_v<Clock::duration, std::chrono::nanoseconds>);
  Diagnostics diags;
  auto spec = config::load_toml_string(toml, "bench.toml", ".", {}, diags);
  if (!spec) die(diags.format());
  auto graph = Graph::create(*spec, media_registry(), diags);
  if (!graph) die(diags.format());
  g_frames = 0;
  g_first_ns = INT64_MAX;
  g_last_ns = 0;
  RunResult r;
  Timing t = timed([&] { r = graph->run(); });
  if (g_last_ns > g_first_ns) t.steady = static_cast<double>(g_last_ns - g_first_ns) * 1e-9;
  t.frames = g_frames.load();
  if (!r.ok) die("benchmark graph failed: " + r.format());
  if (g_frames.load() < expect) {
    die(fmt::format("benchmark graph delivered {} of {} frames", g_frames.load(), expect));
  }
  return t;
}

/// Runs a command line through the shell and times it (the CPU time is the children's); exits
/// when it fails (a peer that did not run must not give a number).
inline Timing timed_command(const std::string& cmd) {
  const double c0 = cpu_seconds(RUSAGE_CHILDREN);
  const Clock::time_point t0 = Clock::now();
  const int rc = std::system(cmd.c_str());
  const double s = seconds_since(t0);
  if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 0) die("peer failed: " + cmd);
  return {s, cpu_seconds(RUSAGE_CHILDREN) - c0};
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// A fresh directory under the system's temp directory, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "rill-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) die("cannot make a scratch directory");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A `Key:   123 kB` field of /proc/self/status, in kB (0 when absent).
inline long status_kb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return 0;
}

/// Resets the peak RSS (VmHWM) to the current RSS (Linux ≥ 4.0); false when the kernel refuses.
inline bool reset_peak_rss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

/// The process's OS threads: the entries of /proc/self/task.
inline int os_threads() {
  int n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/self/task", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++n;
  }
  return n;
}

/// Samples the process's OS threads (itself not counted) and RSS while it lives: the peaks of a
/// run. Every 10 ms, with one read of /proc/self/status (its `Threads:` is the number of
/// /proc/self/task entries): sampling /proc faster cost the run a few percent of its CPU.
class PeakSampler {
 public:
  PeakSampler() : thread_([this] { loop(); }) {}
  ~PeakSampler() { stop(); }
  PeakSampler(const PeakSampler&) = delete;
  PeakSampler& operator=(const PeakSampler&) = delete;

  void stop() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
  }
  [[nodiscard]] int peak_threads() const { return peak_threads_; }
  [[nodiscard]] long peak_rss_kb() const { return peak_rss_kb_; }

 private:
  void loop() {
    std::string line;
    while (!done_) {
      std::ifstream in("/proc/self/status");
      while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
          peak_rss_kb_ = std::max(peak_rss_kb_.load(), std::stol(line.substr(6)));
        } else if (line.rfind("Threads:", 0) == 0) {
          peak_threads_ = std::max(peak_threads_.load(), std::stoi(line.substr(8)) - 1);
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  std::atomic<bool> done_{false};
  std::atomic<int> peak_threads_{0};
  std::atomic<long> peak_rss_kb_{0};
  std::thread thread_;
};

/// `{"bench": ...}` extras: `, "key": "text"`.
inline std::string json_str(const std::string& key, const std::string& text) {
  std::string esc;
  for (char c : text) esc += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return fmt::format(", \"{}\": \"{}\"", key, esc);
}

/// `, "extra": {"key": number, ...}` (bench.py shows the scalars in the notes column).
inline std::string json_extra(const std::vector<std::pair<std::string, double>>& values) {
  std::string body;
  for (const auto& [key, v] : values) {
    body += fmt::format("{}\"{}\": {:.4g}", body.empty() ? "" : ", ", key, v);
  }
  return ", \"extra\": {" + body + "}";
}

/// The CPU milliseconds per item of rill's and the peer's median runs, and cpu_ratio = the
/// peer's ÷ rill's (> 1: rill does the same work with less CPU). On a loaded machine the wall-time
/// ratio moves with the load; this one hardly does.
/// `more` is appended to the same object.
inline std::string cpu_extra(const Timing& rill, const Timing& peer, double items,
                             std::vector<std::pair<std::string, double>> more = {}) {
  std::vector<std::pair<std::string, double>> values;
  if (rill.wall > 0) values.emplace_back("rill_cpu_ms_per_item", rill.cpu * 1e3 / items);
  if (peer.wall > 0) values.emplace_back("peer_cpu_ms_per_item", peer.cpu * 1e3 / items);
  if (rill.cpu > 0 && peer.cpu > 0) values.emplace_back("cpu_ratio", peer.cpu / rill.cpu);
  values.insert(values.end(), more.begin(), more.end());
  return json_extra(values);
}

}  // namespace rill::bench

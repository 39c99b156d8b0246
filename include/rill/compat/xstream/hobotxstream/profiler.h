// XStream 2.x profiler (source compatibility). Declared in the GLOBAL namespace, as in XStream: the
// macros are expanded inside `namespace xstream` by user methods. Compiles as C++14.
//
// Two kinds of profiler exist: the process-global method profiler (Profiler::Get(), file
// PROFILER_METHOD.txt in the current directory) used by the RUN_*_PROFILER macros, and one
// framework profiler per SDK instance (std::make_shared<Profiler>() + SetOutputFile). Both write
// nothing until started. While running, events are appended as raw lines
//   <name> | <tid> | X | <start_us> | <dur_us>     (time scopes longer than the threshold)
//   <name> | <thread id> | C | <window_start_us> | <events per second>  +  ... | C | <now_us> | 0
// and when the file is closed (profiler destroyed, or SetOutputFile switching files) it is
// rewritten as a chrome://tracing JSON array.
//
// Thread safety: every member may be called from any thread; IsRunning() is one atomic load, so
// the macros cost little while the profiler is stopped.
#ifndef HOBOTXSTREAM_PROFILER_H_
#define HOBOTXSTREAM_PROFILER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

/// Wall-clock microseconds since the epoch (the time base of every profiler event).
inline std::int64_t getMicroSecond() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// One FPS counter: events counted since the window started at `pre_time` (µs).
struct FpsStatisticInfo {
  std::int64_t pre_time = 0;
  std::atomic_int cnt{0};
};

/// `cycle_ms` is the process-global time-scope threshold, in MICROseconds despite its name
/// (default 3000): a time scope is logged only when it lasts longer. Set it through
/// Profiler::SetIntervalForTimeStat.
struct TimeStatisticInfo {
  static int cycle_ms;
  std::int64_t pre_time = 0;
};

class ProfilerScope;
class Profiler;
typedef std::shared_ptr<Profiler> ProfilerPtr;

/// Owned by shared_ptr only (std::make_shared<Profiler>(), or Get()): scopes keep it alive.
class Profiler : public std::enable_shared_from_this<Profiler> {
 public:
  /// A stopped profiler without an output file.
  Profiler();
  /// Closes the output file and rewrites it as a chrome trace.
  ~Profiler();
  Profiler(const Profiler&) = delete;
  Profiler& operator=(const Profiler&) = delete;

  enum class State { kNotRunning = 0, kRunning };

  /// The process-global method profiler, created on first use; it opens (truncates)
  /// PROFILER_METHOD.txt in the current directory when it is first started.
  static ProfilerPtr Get();
  /// Drops the process-global profiler (the next Get() creates a new one; the old one writes
  /// its trace when its last user lets go of it). Returns nullptr, as XStream's does.
  static ProfilerPtr Release();

  bool IsRunning() const { return state_.load(std::memory_order_relaxed) == State::kRunning; }

  /// Appends `ss.str()` (complete lines) to the output file; dropped when there is none.
  void Log(const std::stringstream& ss);

  /// Start/Stop reset the FPS counters.
  void Start();
  void Stop();

  /// Closes the current file (rewriting it as a chrome trace) and opens `file`, truncated.
  /// Returns false when it cannot be opened (the profiler then has no file).
  bool SetOutputFile(const std::string& file);

  /// Sets the process-global time-scope threshold in microseconds (values < 1 are ignored).
  void SetIntervalForTimeStat(int cycle_ms);

  enum class Type { kFps, kProcessTime };
  /// Counts one event of the FPS counter `name`.
  std::unique_ptr<ProfilerScope> CreateFpsScope(const std::string& name);
  /// Times the scope; its tid is "sequencec_id_<sequence_id>" (sic) when sequence_id >= 0, else
  /// the calling thread's registered name or numeric id.
  std::unique_ptr<ProfilerScope> CreateTimeScope(const std::string& name, int sequence_id);
  /// rill: times the scope, writing `tid` as its thread id.
  std::unique_ptr<ProfilerScope> CreateTimeScopeWithTid(const std::string& name,
                                                        const std::string& tid);

  /// rill: registers the name time scopes on thread `id` report as their tid (the SDK names its
  /// node threads `sdk_<n>_thread_<idx>` / `sdk_<n>_<node>_thread_<i>`). Thread-safe.
  static void SetThreadName(std::thread::id id, const std::string& name);
  /// rill: forgets the name of thread `id` (call before the thread exits; ids are reused).
  static void ClearThreadName(std::thread::id id);
  /// rill: the registered name of thread `id`, or its numeric id.
  static std::string ThreadName(std::thread::id id);

  std::string name_;
  /// Registered thread names. Use SetThreadName/ClearThreadName to change it while other threads
  /// may be profiling (they lock; direct access does not).
  static std::map<std::thread::id, std::string> thread_id2name_;

 private:
  friend class ScopeFps;
  friend class ScopeTime;
  struct Impl;

  void SetState(State state);
  void CountFps(FpsStatisticInfo& stat);
  void EndFps(const std::string& name, FpsStatisticInfo& stat);

  std::atomic<State> state_{State::kNotRunning};
  std::unique_ptr<Impl> impl_;
};

/// Base of the objects the macros keep alive until the end of the enclosing block.
class ProfilerScope {
 public:
  ProfilerScope(ProfilerPtr profiler, const std::string& name);
  virtual ~ProfilerScope();
  ProfilerScope(const ProfilerScope&) = delete;
  ProfilerScope& operator=(const ProfilerScope&) = delete;

  enum ProFilerType { FPS = 0, TIME };

 protected:
  ProfilerPtr profiler_;
  std::string name_;
  ProFilerType tag_ = FPS;
};

/// Logs an X event for its lifetime when it exceeds the threshold.
class ScopeTime : public ProfilerScope {
 public:
  /// `tid` empty: the destroying thread's registered name or numeric id.
  ScopeTime(ProfilerPtr profiler, const std::string& name, const std::string& tid);
  ~ScopeTime();

 private:
  std::string tid_;
  std::int64_t start_us_;
};

/// Counts one event of an FPS counter; logs the counter's rate when its window exceeded 1 s.
class ScopeFps : public ProfilerScope {
 public:
  ScopeFps(ProfilerPtr profiler, const std::string& name, std::shared_ptr<FpsStatisticInfo> stat);
  ~ScopeFps();

 private:
  std::shared_ptr<FpsStatisticInfo> stat_;
};

// At most one of each kind per block (fixed local names); the scope ends with the block.
#define RUN_FPS_PROFILER_WITH_PROFILER(profiler, name) \
  std::unique_ptr<::ProfilerScope> scope_fps;          \
  if ((profiler)->IsRunning()) {                       \
    scope_fps = (profiler)->CreateFpsScope(name);      \
  }

#define RUN_TIME_PROFILER_WITH_PROFILER(profiler, name, sequence_id) \
  std::unique_ptr<::ProfilerScope> scope_time;                       \
  if ((profiler)->IsRunning()) {                                     \
    scope_time = (profiler)->CreateTimeScope(name, sequence_id);     \
  }

#define RUN_FPS_PROFILER(name) RUN_FPS_PROFILER_WITH_PROFILER(::Profiler::Get(), name)

#define RUN_PROCESS_TIME_PROFILER(name) RUN_TIME_PROFILER_WITH_PROFILER(::Profiler::Get(), name, -1)

#endif  // HOBOTXSTREAM_PROFILER_H_

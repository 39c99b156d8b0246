// XStream's profiler (hobotxstream/profiler.h).
#include "hobotxstream/profiler.h"

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <rill/core/json_escape.hpp>

int TimeStatisticInfo::cycle_ms = 3000;
std::map<std::thread::id, std::string> Profiler::thread_id2name_;

namespace {

constexpr std::int64_t kFpsWindowUs = 1000000;
constexpr const char* kMethodProfilerFile = "PROFILER_METHOD.txt";

// Namespace-scope and constant-initialised, so they outlive every object of the program that
// might use them from its destructor at exit.
std::mutex g_thread_names_mutex;
std::mutex g_global_create_mutex;
constinit std::atomic<ProfilerPtr> g_global_profiler;

int time_threshold_us() { return std::atomic_ref<int>(TimeStatisticInfo::cycle_ms).load(); }

std::vector<std::string> split_fields(const std::string& line) {
  static const std::string kSep = " | ";
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    std::size_t pos = line.find(kSep, start);
    if (pos == std::string::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, pos - start));
    start = pos + kSep.size();
  }
}

// One raw line as a chrome://tracing event, or "" when it is not a 5-field X or C line.
std::string trace_event(const std::string& line) {
  std::vector<std::string> f = split_fields(line);
  if (f.size() != 5) return {};
  std::string head = "{\"pid\":\"0\",\"name\":" + rill::json_string(f[0]) +
                     ",\"tid\":" + rill::json_string(f[1]) + ",\"ph\":" + rill::json_string(f[2]) +
                     ",\"ts\":" + rill::json_string(f[3]);
  if (f[2] == "X") return head + ",\"dur\":" + rill::json_string(f[4]) + "}";
  if (f[2] == "C") return head + ",\"args\":{\"frame cnt\":" + rill::json_string(f[4]) + "}}";
  return {};
}

// Rewrites the raw event file at `path` as a chrome://tracing JSON array.
void convert_to_chrome_trace(const std::string& path) {
  std::vector<std::string> events;
  {
    std::ifstream in(path);
    if (!in) return;
    std::string line;
    while (std::getline(in, line)) {
      std::string event = trace_event(line);
      if (!event.empty()) events.push_back(std::move(event));
    }
  }
  std::ofstream out(path, std::ios::trunc);
  out << "[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    out << (i == 0 ? "\n" : ",\n") << events[i];
  }
  out << "\n]\n";
}

}  // namespace

struct Profiler::Impl {
  std::mutex file_mu;  // guards out, path, pending_path
  std::ofstream out;
  std::string path;          // the open file
  std::string pending_path;  // opened at the first Start() (the global profiler's file)

  std::mutex stats_mu;  // guards fps_stats and every FpsStatisticInfo
  std::unordered_map<std::string, std::shared_ptr<FpsStatisticInfo>> fps_stats;

  // Closes the open file and converts it. Caller holds file_mu.
  void close_file() {
    if (!out.is_open()) return;
    out.close();
    convert_to_chrome_trace(path);
    path.clear();
  }
};

Profiler::Profiler() : impl_(std::make_unique<Impl>()) {}

Profiler::~Profiler() {
  std::lock_guard<std::mutex> lock(impl_->file_mu);
  impl_->close_file();
}

ProfilerPtr Profiler::Get() {
  std::atomic<ProfilerPtr>& slot = g_global_profiler;
  if (ProfilerPtr p = slot.load(std::memory_order_acquire)) return p;
  std::lock_guard<std::mutex> lock(g_global_create_mutex);
  ProfilerPtr p = slot.load(std::memory_order_acquire);
  if (!p) {
    p = std::make_shared<Profiler>();
    p->impl_->pending_path = kMethodProfilerFile;
    slot.store(p, std::memory_order_release);
  }
  return p;
}

ProfilerPtr Profiler::Release() {
  ProfilerPtr old;
  {
    std::lock_guard<std::mutex> lock(g_global_create_mutex);
    old = g_global_profiler.exchange(nullptr);
  }
  return nullptr;  // `old` goes here: its trace is written if this was the last reference
}

void Profiler::Log(const std::stringstream& ss) {
  std::lock_guard<std::mutex> lock(impl_->file_mu);
  if (!impl_->out.is_open()) return;
  impl_->out << ss.str();
  impl_->out.flush();
}

void Profiler::Start() { SetState(State::kRunning); }
void Profiler::Stop() { SetState(State::kNotRunning); }

void Profiler::SetState(State state) {
  if (state == State::kRunning) {
    std::lock_guard<std::mutex> lock(impl_->file_mu);
    if (!impl_->out.is_open() && !impl_->pending_path.empty()) {
      impl_->out.open(impl_->pending_path, std::ios::out | std::ios::trunc);
      if (impl_->out.is_open()) impl_->path = impl_->pending_path;
      impl_->pending_path.clear();
    }
  }
  {
    std::lock_guard<std::mutex> lock(impl_->stats_mu);
    impl_->fps_stats.clear();
  }
  state_.store(state, std::memory_order_relaxed);
}

bool Profiler::SetOutputFile(const std::string& file) {
  std::lock_guard<std::mutex> lock(impl_->file_mu);
  impl_->close_file();
  impl_->pending_path.clear();
  impl_->out.open(file, std::ios::out | std::ios::trunc);
  if (!impl_->out.is_open()) return false;
  impl_->path = file;
  return true;
}

void Profiler::SetIntervalForTimeStat(int cycle_ms) {
  if (cycle_ms < 1) return;
  std::atomic_ref<int>(TimeStatisticInfo::cycle_ms).store(cycle_ms);
}

std::unique_ptr<ProfilerScope> Profiler::CreateFpsScope(const std::string& name) {
  std::shared_ptr<FpsStatisticInfo> stat;
  {
    std::lock_guard<std::mutex> lock(impl_->stats_mu);
    std::shared_ptr<FpsStatisticInfo>& slot = impl_->fps_stats[name];
    if (!slot) slot = std::make_shared<FpsStatisticInfo>();
    stat = slot;
  }
  return std::make_unique<ScopeFps>(shared_from_this(), name, std::move(stat));
}

std::unique_ptr<ProfilerScope> Profiler::CreateTimeScope(const std::string& name, int sequence_id) {
  std::string tid;
  if (sequence_id >= 0) tid = "sequencec_id_" + std::to_string(sequence_id);
  return std::make_unique<ScopeTime>(shared_from_this(), name, tid);
}

std::unique_ptr<ProfilerScope> Profiler::CreateTimeScopeWithTid(const std::string& name,
                                                                const std::string& tid) {
  return std::make_unique<ScopeTime>(shared_from_this(), name, tid);
}

void Profiler::SetThreadName(std::thread::id id, const std::string& name) {
  std::lock_guard<std::mutex> lock(g_thread_names_mutex);
  thread_id2name_[id] = name;
}

void Profiler::ClearThreadName(std::thread::id id) {
  std::lock_guard<std::mutex> lock(g_thread_names_mutex);
  thread_id2name_.erase(id);
}

std::string Profiler::ThreadName(std::thread::id id) {
  {
    std::lock_guard<std::mutex> lock(g_thread_names_mutex);
    auto it = thread_id2name_.find(id);
    if (it != thread_id2name_.end()) return it->second;
  }
  std::ostringstream os;
  os << id;
  return os.str();
}

void Profiler::CountFps(FpsStatisticInfo& stat) {
  std::lock_guard<std::mutex> lock(impl_->stats_mu);
  if (stat.cnt == 0) stat.pre_time = getMicroSecond();
  ++stat.cnt;
}

void Profiler::EndFps(const std::string& name, FpsStatisticInfo& stat) {
  std::int64_t now = getMicroSecond();
  std::stringstream ss;
  {
    std::lock_guard<std::mutex> lock(impl_->stats_mu);
    std::int64_t elapsed = now - stat.pre_time;
    if (stat.cnt == 0 || elapsed <= kFpsWindowUs) return;
    std::ostringstream tid;
    tid << std::this_thread::get_id();
    ss << name << " | " << tid.str() << " | C | " << stat.pre_time << " | "
       << stat.cnt / (static_cast<double>(elapsed) / 1e6) << "\n";
    ss << name << " | " << tid.str() << " | C | " << now << " | 0\n";
    stat.cnt = 0;
  }
  Log(ss);
}

ProfilerScope::ProfilerScope(ProfilerPtr profiler, const std::string& name)
    : profiler_(std::move(profiler)), name_(name) {}

ProfilerScope::~ProfilerScope() = default;

ScopeTime::ScopeTime(ProfilerPtr profiler, const std::string& name, const std::string& tid)
    : ProfilerScope(std::move(profiler), name), tid_(tid), start_us_(getMicroSecond()) {
  tag_ = TIME;
}

ScopeTime::~ScopeTime() {
  std::int64_t duration = getMicroSecond() - start_us_;
  if (duration <= time_threshold_us()) return;
  std::stringstream ss;
  ss << name_ << " | " << (tid_.empty() ? Profiler::ThreadName(std::this_thread::get_id()) : tid_)
     << " | X | " << start_us_ << " | " << duration << "\n";
  profiler_->Log(ss);
}

ScopeFps::ScopeFps(ProfilerPtr profiler, const std::string& name,
                   std::shared_ptr<FpsStatisticInfo> stat)
    : ProfilerScope(std::move(profiler), name), stat_(std::move(stat)) {
  tag_ = FPS;
  profiler_->CountFps(*stat_);
}

ScopeFps::~ScopeFps() { profiler_->EndFps(name_, *stat_); }

// hobotxstream/profiler.h alone brings <fstream>, <mutex>, <unordered_map>, <vector> (and
// <atomic>, <chrono>, <memory>, <sstream>, <string>, <thread>): XStream's test methods read files
// with std::ifstream having included only this header.
#include "hobotxstream/profiler.h"

int CompatIncludesProfiler(const std::string& path) {
  std::ifstream file(path);
  std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::unordered_map<std::string, int> counts;
  std::vector<int> values{1};
  std::atomic<int> n{0};
  std::ostringstream os;
  os << std::this_thread::get_id() << std::chrono::milliseconds(1).count();
  counts["x"] = static_cast<int>(values.size()) + n.load();
  return counts["x"] + (file.is_open() ? 1 : 0);
}

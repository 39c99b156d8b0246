// hobotxstream/xstream.h alone brings <mutex>, <unordered_map>, profiler.h, xstream_sdk.h,
// method_factory.h, and what XStream's reaches through its scheduler.h: <atomic>, <map>, <set>,
// xstream_error.h and xstream_config.h (so Json::Value).
#include "hobotxstream/xstream.h"

int CompatIncludesXStream() {
  std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::unordered_map<std::string, int> a{{"a", 1}};
  std::map<std::string, int> b{{"b", 2}};
  std::set<int> c{3};
  std::atomic<int> d{HOBOTXSTREAM_ERROR_CODE_OK};
  Json::Value config;
  config["workflow"] = 1;
  ProfilerPtr profiler;
  return a["a"] + b["b"] + static_cast<int>(c.size()) + d.load() + static_cast<int>(config.size()) +
         (profiler ? 1 : 0) + xstream::WORKFLOW_CIRCLE_ERROR;
}

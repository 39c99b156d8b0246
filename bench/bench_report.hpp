#pragma once
// The benchmark output protocol (bench/CMakeLists.txt): one JSON object per result line.

#include <cstdio>
#include <cstring>
#include <string>

#include <fmt/format.h>

namespace rill::bench {

/// The value of `--filter S` on the command line, empty when absent (every benchmark runs).
inline std::string filter_arg(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--filter") == 0) return argv[i + 1];
  }
  return {};
}

inline bool wanted(const std::string& filter, const std::string& name) {
  return filter.empty() || name.find(filter) != std::string::npos;
}

inline std::string json_num(double v) { return v > 0 ? fmt::format("{:.6g}", v) : "null"; }

/// Prints one result; `extra` is appended inside the object (", \"key\": value, ...").
inline void emit(const std::string& bench, double value, double peer, const std::string& unit,
                 const std::string& extra = "") {
  std::string ratio = peer > 0 ? fmt::format("{:.3f}", value / peer) : "null";
  fmt::print(
      "{{\"bench\": \"{}\", \"value\": {}, \"peer\": {}, \"unit\": \"{}\", \"ratio\": {}{}}}\n",
      bench, json_num(value), json_num(peer), unit, ratio, extra);
  std::fflush(stdout);
}

}  // namespace rill::bench

#pragma once
// repeat(s, n): `s` n times over, for the deeply nested inputs of the limits tests.

#include <cstddef>
#include <string>

namespace rill::testing {

inline std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace rill::testing

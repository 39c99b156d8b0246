// Value → config text for template output.

#include "template/value_text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <rill/core/json_escape.hpp>

namespace rill::config::tmpl {
namespace {

bool is_bare_key(const std::string& k) {
  if (k.empty()) return false;
  for (char c : k) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// A TOML basic string: its escapes are JSON's, and the shared escaper also escapes U+007F,
// which TOML (unlike JSON) requires.
std::string quote(const std::string& s) { return json_string(s); }

std::string double_text(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  // Shortest form that reads back the same value.
  for (int prec = 1; prec <= 17; ++prec) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", prec, d);
    if (std::strtod(shorter, nullptr) == d) {
      std::snprintf(buf, sizeof buf, "%s", shorter);
      break;
    }
  }
  std::string s = buf;
  // TOML floats need a '.' or an exponent to stay floats.
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string to_toml_literal(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return "\"\"";
    case ValueKind::kString:
      return quote(v.as_string());
    case ValueKind::kList: {
      std::string out = "[";
      bool first = true;
      for (const Value& e : v.as_list()) {
        if (!first) out += ", ";
        first = false;
        out += to_toml_literal(e);
      }
      return out + "]";
    }
    case ValueKind::kMap: {
      if (v.as_map().empty()) return "{}";
      std::string out = "{ ";
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) out += ", ";
        first = false;
        out += (is_bare_key(k) ? k : quote(k)) + " = " + to_toml_literal(e);
      }
      return out + " }";
    }
    default:
      return to_output_text(v);
  }
}

std::string to_output_text(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return "";
    case ValueKind::kBool:
      return v.as_bool() ? "true" : "false";
    case ValueKind::kInt:
      return std::to_string(v.as_int());
    case ValueKind::kDouble:
      return double_text(v.as_double());
    case ValueKind::kString:
      return v.as_string();
    case ValueKind::kList:
    case ValueKind::kMap:
      return to_toml_literal(v);
    default:
      return v.debug_string();
  }
}

bool truthy(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return false;
    case ValueKind::kBool:
      return v.as_bool();
    case ValueKind::kInt:
      return v.as_int() != 0;
    case ValueKind::kDouble:
      return v.as_double() != 0.0;
    case ValueKind::kString:
      return !v.as_string().empty();
    case ValueKind::kList:
      return !v.as_list().empty();
    case ValueKind::kMap:
      return !v.as_map().empty();
    default:
      return true;
  }
}

}  // namespace rill::config::tmpl

// Template functions and filters.

#include "template/builtins.hpp"

#include <algorithm>
#include <cctype>

#include <rill/core/limits.hpp>

#include "template/value_text.hpp"

namespace rill::config::tmpl {
namespace {

using limits::kMaxRangeLength;

bool fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

bool range(const std::vector<Value>& raw_args, Value* out, std::string* error) {
  // range(n), range([a, b]), range([a, b, step]); range(a, b[, step]) is accepted too.
  std::vector<Value> args = raw_args;
  if (args.size() == 1 && args[0].is_list()) args = args[0].as_list();
  if (args.empty() || args.size() > 3) {
    return fail(error, "range expects range(n), range([start, end]) or range([start, end, step])");
  }
  for (const Value& a : args) {
    if (!a.is_int())
      return fail(error, "range bounds must be integers, got " + std::string(to_string(a.kind())));
  }
  std::int64_t start = args.size() == 1 ? 0 : args[0].as_int();
  std::int64_t end = args.size() == 1 ? args[0].as_int() : args[1].as_int();
  std::int64_t step = args.size() == 3 ? args[2].as_int() : 1;
  if (step <= 0) return fail(error, "range step must be positive, got " + std::to_string(step));
  List items;
  if (end > start) {
    std::int64_t count = (end - start + step - 1) / step;
    if (count > kMaxRangeLength) {
      return fail(error, "range of " + std::to_string(count) + " items is too long (limit " +
                             std::to_string(kMaxRangeLength) + ")");
    }
    items.reserve(static_cast<std::size_t>(count));
    for (std::int64_t i = start; i < end; i += step) items.emplace_back(i);
  }
  *out = Value(std::move(items));
  return true;
}

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool check_args(std::string_view name, const std::vector<Value>& args, std::size_t min,
                std::size_t max, std::string* error) {
  if (args.size() >= min && args.size() <= max) return true;
  std::string want =
      min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
  return fail(error, "filter '" + std::string(name) + "' takes " + want + " argument" +
                         (want == "1" ? "" : "s") + ", got " + std::to_string(args.size()));
}

}  // namespace

bool is_function(std::string_view name) { return name == "range"; }

bool is_filter(std::string_view name) {
  return name == "upper" || name == "lower" || name == "len" || name == "length" ||
         name == "join" || name == "default" || name == "trim";
}

bool call_function(std::string_view name, const std::vector<Value>& args, Value* out,
                   std::string* error) {
  if (name == "range") return range(args, out, error);
  return fail(error, "unknown function '" + std::string(name) + "'");
}

bool apply_filter(std::string_view name, const Value& input, const std::vector<Value>& args,
                  Value* out, std::string* error) {
  if (name == "upper" || name == "lower" || name == "trim") {
    if (!check_args(name, args, 0, 0, error)) return false;
    std::string s = to_output_text(input);
    if (name == "trim") {
      auto not_space = [](char c) { return !std::isspace(static_cast<unsigned char>(c)); };
      s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
      s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    } else {
      bool up = name == "upper";
      for (char& c : s) {
        c = static_cast<char>(up ? std::toupper(static_cast<unsigned char>(c))
                                 : std::tolower(static_cast<unsigned char>(c)));
      }
    }
    *out = Value(std::move(s));
    return true;
  }
  if (name == "len" || name == "length") {
    if (!check_args(name, args, 0, 0, error)) return false;
    if (input.is_string()) {
      *out = Value(static_cast<std::int64_t>(utf8_length(input.as_string())));
    } else if (input.is_list()) {
      *out = Value(static_cast<std::int64_t>(input.as_list().size()));
    } else if (input.is_map()) {
      *out = Value(static_cast<std::int64_t>(input.as_map().size()));
    } else {
      return fail(error, "filter '" + std::string(name) + "' needs a string, list or map, got " +
                             std::string(to_string(input.kind())));
    }
    return true;
  }
  if (name == "join") {
    if (!check_args(name, args, 0, 1, error)) return false;
    if (!input.is_list()) {
      return fail(error, "filter 'join' needs a list, got " + std::string(to_string(input.kind())));
    }
    std::string sep = args.empty() ? std::string() : to_output_text(args[0]);
    std::string s;
    bool first = true;
    for (const Value& e : input.as_list()) {
      if (!first) s += sep;
      first = false;
      s += to_output_text(e);
    }
    *out = Value(std::move(s));
    return true;
  }
  if (name == "default") {
    if (!check_args(name, args, 1, 1, error)) return false;
    *out = input.is_null() ? args[0] : input;
    return true;
  }
  return fail(error, "unknown filter '" + std::string(name) + "'");
}

}  // namespace rill::config::tmpl

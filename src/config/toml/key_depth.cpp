// The key-depth pre-scan (key_depth.hpp): a state machine over the text, with an explicit stack
// of the open arrays and inline tables, so that it never recurses itself.

#include "toml/key_depth.hpp"

#include <vector>

#include <rill/core/limits.hpp>

namespace rill::config::toml_fe {
namespace {

bool is_bare_key_char(char c) {
  // Bytes of non-ASCII code points too: toml++ built with its unreleased features accepts
  // Unicode bare keys, and a superset of what it accepts is what the scan must read.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || (static_cast<unsigned char>(c) & 0x80) != 0;
}

class KeyDepthScan {
 public:
  explicit KeyDepthScan(std::string_view text) : s_(text) {}

  std::optional<std::size_t> run() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // toml++ skips a UTF-8 BOM
    std::size_t header_levels = 0;
    // One line per round: blank, comment, table header or key/value pair.
    while (true) {
      skip_blanks();
      if (at_end()) return std::nullopt;
      if (peek() == '\n' || peek() == '#') {
        skip_comment();
        ++i_;
        continue;
      }
      if (peek() == '[') {
        ++i_;
        bool array = peek() == '[';
        if (array) ++i_;
        if (!key(0, &header_levels)) return too_deep_;
        if (peek() != ']' || (array && peek(1) != ']')) return std::nullopt;
        i_ += array ? 2 : 1;
      } else {
        std::size_t levels = 0;
        if (!key(header_levels, &levels)) return too_deep_;
        if (!value(levels)) return too_deep_;
      }
      if (!end_of_line()) return std::nullopt;
    }
  }

 private:
  /// An open array or inline table, and the levels of the key it is the value of.
  struct Open {
    bool table;
    std::size_t levels;
  };

  [[nodiscard]] bool at_end() const { return i_ >= s_.size(); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0';
  }

  void skip_blanks() {
    // '\r' alone is no TOML; taking it as a blank keeps "\r\n" a line break.
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\r')) ++i_;
  }

  /// A comment, up to (not including) the end of its line.
  void skip_comment() {
    if (peek() != '#') return;
    while (!at_end() && peek() != '\n') ++i_;
  }

  /// Blanks, comments and line breaks: what may separate the items of an array (and, with
  /// toml++'s unreleased features, of an inline table).
  void skip_space() {
    while (true) {
      skip_blanks();
      skip_comment();
      if (at_end() || peek() != '\n') return;
      ++i_;
    }
  }

  /// The rest of a line after a header or a value: blanks, a comment, the line break.
  bool end_of_line() {
    skip_blanks();
    skip_comment();
    if (at_end()) return true;
    if (peek() != '\n') return false;
    ++i_;
    return true;
  }

  /// Skips the string at a quote; false when it is unterminated or (`multi_line` false) a
  /// multi-line one, neither of which toml++ reads past.
  bool string(bool multi_line) {
    const char quote = peek();
    const bool escapes = quote == '"';
    if (peek(1) == quote && peek(2) == quote) {
      if (!multi_line) return false;
      i_ += 3;
      while (!at_end()) {
        if (escapes && peek() == '\\') {
          i_ += 2;
        } else if (peek() == quote && peek(1) == quote && peek(2) == quote) {
          i_ += 3;
          // Up to two more quotes are content before the closing three: `"""a"""""`.
          for (int extra = 0; extra < 2 && peek() == quote; ++extra) ++i_;
          return true;
        } else {
          ++i_;
        }
      }
      return false;
    }
    ++i_;
    while (!at_end() && peek() != '\n') {
      if (escapes && peek() == '\\') {
        i_ += 2;
      } else if (peek() == quote) {
        ++i_;
        return true;
      } else {
        ++i_;
      }
    }
    return false;
  }

  /// A key (`a`, `a.b`, `"x y".'z'`) at levels `base`: sets `levels` to base + its segments.
  /// False when it is no key (the scan stops) or a segment is too deep (`too_deep_` set).
  bool key(std::size_t base, std::size_t* levels) {
    std::size_t n = base;
    while (true) {
      skip_blanks();
      const std::size_t start = i_;
      if (peek() == '"' || peek() == '\'') {
        if (!string(false)) return false;
      } else if (!at_end() && is_bare_key_char(peek())) {
        while (!at_end() && is_bare_key_char(peek())) ++i_;
      } else {
        return false;
      }
      if (++n > static_cast<std::size_t>(limits::kMaxNesting)) {
        too_deep_ = start;
        return false;
      }
      skip_blanks();
      if (peek() != '.') break;
      ++i_;
    }
    *levels = n;
    return true;
  }

  /// The `=` and the value after a key at `levels`, nested arrays and inline tables included.
  bool value(std::size_t levels) {
    if (peek() != '=') return false;
    ++i_;
    enum class Next { kValue, kKey, kAfterValue };
    Next next = Next::kValue;
    std::vector<Open> open;
    std::size_t current = levels;  // levels of the key whose value comes next
    while (true) {
      switch (next) {
        case Next::kValue: {
          if (open.empty()) {
            skip_blanks();
          } else {
            skip_space();
          }
          const char c = peek();
          if (at_end()) return false;
          if (c == '{' || c == '[') {
            ++i_;
            open.push_back({c == '{', current});
            next = c == '{' ? Next::kKey : Next::kValue;
          } else if (c == ']' && !open.empty() && !open.back().table) {
            // `[]`, or `[1, ]`: the array ends where a value could have come.
            ++i_;
            open.pop_back();
            next = Next::kAfterValue;
          } else if (c == '"' || c == '\'') {
            if (!string(true)) return false;
            next = Next::kAfterValue;
          } else {
            // A number, bool or date-time (`1979-05-27 07:32:00` has a space): none of them
            // holds a character that could end it.
            const std::size_t start = i_;
            while (!at_end() &&
                   std::string_view(",]}#\r\n").find(peek()) == std::string_view::npos) {
              ++i_;
            }
            if (i_ == start) return false;
            next = Next::kAfterValue;
          }
          break;
        }
        case Next::kKey:
          skip_space();
          if (peek() == '}') {  // `{}`, or a trailing comma (toml++'s unreleased features)
            ++i_;
            open.pop_back();
            next = Next::kAfterValue;
          } else if (!key(open.back().levels, &current) || peek() != '=') {
            return false;
          } else {
            ++i_;
            next = Next::kValue;
          }
          break;
        case Next::kAfterValue: {
          if (open.empty()) return true;
          skip_space();
          const Open& inner = open.back();
          if (peek() == ',') {
            ++i_;
            current = inner.levels;
            next = inner.table ? Next::kKey : Next::kValue;
          } else if (peek() == (inner.table ? '}' : ']')) {
            ++i_;
            open.pop_back();
          } else {
            return false;
          }
          break;
        }
      }
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::optional<std::size_t> too_deep_;
};

}  // namespace

std::optional<std::size_t> find_key_too_deep(std::string_view text) {
  return KeyDepthScan(text).run();
}

}  // namespace rill::config::toml_fe

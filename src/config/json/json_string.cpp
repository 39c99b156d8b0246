// JSON string literals: escapes and UTF-16 surrogate pairs decoded to UTF-8.

#include <string_view>

#include "json/json_cursor.hpp"

namespace rill::config::json_fe {
namespace {

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

unsigned read_hex4(Cursor& in) {
  unsigned v = 0;
  for (int i = 0; i < 4; ++i) {
    char c = in.peek();
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      in.fail(in.here(), "expected 4 hex digits after \\u");
    }
    v = v * 16 + d;
    in.advance();
  }
  return v;
}

void read_escape(Cursor& in, std::string& out) {
  static constexpr std::string_view kEscaped = "\"\\/bfnrt";
  static constexpr std::string_view kMeaning = "\"\\/\b\f\n\r\t";
  SourceLoc at = in.here();
  in.advance();  // the backslash
  if (in.at_end()) in.fail(at, "unterminated escape sequence");
  char c = in.peek();
  in.advance();
  if (std::size_t i = kEscaped.find(c); i != std::string_view::npos) {
    out.push_back(kMeaning[i]);
    return;
  }
  if (c != 'u') in.fail(at, std::string("invalid escape sequence '\\") + c + "'");
  unsigned cp = read_hex4(in);
  if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate needs its low half
    if (in.peek() != '\\' || in.peek(1) != 'u') {
      in.fail(at, "unpaired UTF-16 surrogate in \\u escape");
    }
    in.advance();
    in.advance();
    unsigned low = read_hex4(in);
    if (low < 0xDC00 || low > 0xDFFF) in.fail(at, "unpaired UTF-16 surrogate in \\u escape");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    in.fail(at, "unpaired UTF-16 surrogate in \\u escape");
  }
  append_utf8(out, cp);
}

}  // namespace

std::string read_string_literal(Cursor& in) {
  SourceLoc start = in.here();
  in.advance();  // the opening quote
  std::string out;
  while (true) {
    if (in.at_end()) in.fail(start, "unterminated string");
    char c = in.peek();
    if (c == '"') {
      in.advance();
      return out;
    }
    if (c == '\\') {
      read_escape(in, out);
    } else {
      out.push_back(c);  // raw control characters pass, as jsoncpp lets them
      in.advance();
    }
  }
}

}  // namespace rill::config::json_fe

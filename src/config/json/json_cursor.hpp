#pragma once
// Cursor: the reading position of the JSON parser, in bytes and as a line and column, with the
// whitespace and comments jsoncpp skips.

#include <string>
#include <string_view>

#include <rill/core/diagnostic.hpp>

namespace rill::config::json_fe {

/// Thrown by Cursor::fail once the error is reported; parse_json catches it.
struct ParseFailure {};

class Cursor {
 public:
  Cursor(std::string_view text, const std::string& file, Diagnostics& diags)
      : text_(text), file_(file), diags_(diags) {}

  [[nodiscard]] SourceLoc here() const { return {file_, line_, col_}; }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  /// The byte `ahead` positions on, or '\0' past the end.
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  [[nodiscard]] std::size_t offset() const { return pos_; }
  [[nodiscard]] std::string_view slice(std::size_t from) const {
    return text_.substr(from, pos_ - from);
  }
  [[nodiscard]] Diagnostics& diags() { return diags_; }

  /// Moves past one byte. Columns count code points: UTF-8 continuation bytes start none.
  void advance() {
    auto b = static_cast<unsigned char>(text_[pos_++]);
    if (b == '\n') {
      ++line_;
      col_ = 1;
    } else if ((b & 0xC0) != 0x80 && b != '\r') {
      ++col_;
    }
  }

  /// Skips a UTF-8 byte order mark, which is not a column.
  void skip_bom() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  /// Skips whitespace and `//` and `/* */` comments (jsoncpp's default allowComments).
  void skip_space() {
    while (!at_end()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == '/' && peek(1) == '/') {
        while (!at_end() && peek() != '\n') advance();
      } else if (c == '/' && peek(1) == '*') {
        SourceLoc start = here();
        advance();
        advance();
        while (!at_end() && !(peek() == '*' && peek(1) == '/')) advance();
        if (at_end()) fail(start, "unterminated /* comment");
        advance();
        advance();
      } else {
        return;
      }
    }
  }

  /// What is at the cursor, for "found ..." in messages.
  [[nodiscard]] std::string describe_here() const {
    if (at_end()) return "end of file";
    char c = peek();
    if (static_cast<unsigned char>(c) < 0x20) return "a control character";
    return std::string("'") + c + "'";
  }

  [[noreturn]] void fail(const SourceLoc& at, std::string message) {
    diags_.error(at, std::move(message));
    throw ParseFailure{};
  }

 private:
  std::string_view text_;
  const std::string& file_;
  Diagnostics& diags_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int col_ = 1;
};

/// Reads a JSON string literal at the cursor (which is at its opening quote), decoding escapes
/// (\uXXXX with surrogate pairs into UTF-8).
std::string read_string_literal(Cursor& in);

}  // namespace rill::config::json_fe

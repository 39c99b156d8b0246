#pragma once
// Template lexing in two levels: split the text into text runs and tags (applying the `-` trim
// markers), then tokenize the inside of a `{{ }}` / `{% %}` tag.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rill::config::tmpl {

enum class SegmentKind : std::uint8_t { kText, kExpr, kStmt, kComment };

/// A text run or a tag. For text, [begin, end) is the text after trimming; for a tag it is the
/// content between the delimiters and trim markers, and `tag_offset` is the opening `{`.
struct Segment {
  SegmentKind kind = SegmentKind::kText;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t tag_offset = 0;
};

/// A syntax error at a source offset.
struct TemplateError {
  std::size_t offset = 0;
  std::string message;
};

/// Splits `src` into segments. An unterminated tag stops lexing with an error (what follows the
/// tag cannot be told apart from its content). Empty text runs are dropped.
std::vector<Segment> split_segments(std::string_view src, std::vector<TemplateError>* errors);

enum class TokenKind : std::uint8_t { kInt, kString, kIdent, kPunct, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  ///< identifier, punctuation, or the unescaped string literal
  std::int64_t int_value = 0;
  std::size_t offset = 0;  ///< source offset
};

/// Tokenizes src[begin, end). Always ends with a kEnd token (at `end`). Punctuation tokens:
/// `( ) [ ] { } , : . | = + - * / % ~ == != < > <= >= && ||`.
std::vector<Token> tokenize(std::string_view src, std::size_t begin, std::size_t end,
                            std::vector<TemplateError>* errors);

}  // namespace rill::config::tmpl

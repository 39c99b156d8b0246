// Tokenizes the inside of a template tag.

#include <cctype>
#include <limits>

#include "template/lexer.hpp"

namespace rill::config::tmpl {
namespace {

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Longest match first.
constexpr std::string_view kTwoCharPuncts[] = {"==", "!=", "<=", ">=", "&&", "||"};
constexpr std::string_view kOneCharPuncts = "()[]{},:.|=+-*/%~<>";

}  // namespace

std::vector<Token> tokenize(std::string_view src, std::size_t begin, std::size_t end,
                            std::vector<TemplateError>* errors) {
  std::vector<Token> out;
  std::size_t i = begin;
  while (i < end) {
    char c = src[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    Token tok;
    tok.offset = i;
    if (is_digit(c)) {
      // Integer literals only: templar has no float literal.
      std::uint64_t v = 0;
      bool overflow = false;
      while (i < end && is_digit(src[i])) {
        v = v * 10 + static_cast<std::uint64_t>(src[i] - '0');
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
          overflow = true;
        }
        ++i;
      }
      if (overflow) errors->push_back({tok.offset, "integer literal out of range"});
      if (i + 1 < end && src[i] == '.' && is_digit(src[i + 1])) {
        // Without this hint `0.5` reads as "unexpected '.'", which hides the real limitation.
        errors->push_back({tok.offset,
                           "float literals are not supported in templates (integers "
                           "only, as in MegFlow's templar)"});
      } else if (i < end && is_ident_char(src[i])) {
        errors->push_back(
            {tok.offset,
             "invalid number '" + std::string(src.substr(tok.offset, i + 1 - tok.offset)) + "'"});
      }
      tok.kind = TokenKind::kInt;
      tok.int_value = overflow ? 0 : static_cast<std::int64_t>(v);
    } else if (is_ident_start(c)) {
      while (i < end && is_ident_char(src[i])) ++i;
      tok.kind = TokenKind::kIdent;
      tok.text = std::string(src.substr(tok.offset, i - tok.offset));
    } else if (c == '\'' || c == '"' || c == '`') {
      // As in templar, only the escaped quote itself is an escape: `\n` stays two characters, so
      // Windows paths survive.
      ++i;
      bool closed = false;
      while (i < end) {
        if (src[i] == '\\' && i + 1 < end && src[i + 1] == c) {
          tok.text.push_back(c);
          i += 2;
        } else if (src[i] == c) {
          ++i;
          closed = true;
          break;
        } else {
          tok.text.push_back(src[i++]);
        }
      }
      if (!closed) errors->push_back({tok.offset, "unterminated string literal"});
      tok.kind = TokenKind::kString;
    } else {
      tok.kind = TokenKind::kPunct;
      for (std::string_view p : kTwoCharPuncts) {
        if (src.substr(i, 2) == p && i + 2 <= end) tok.text = std::string(p);
      }
      if (tok.text.empty() && kOneCharPuncts.find(c) != std::string_view::npos) {
        tok.text = std::string(1, c);
      }
      if (tok.text.empty()) {
        errors->push_back({i, std::string("unexpected character '") + c + "'"});
        ++i;
        continue;
      }
      i += tok.text.size();
    }
    out.push_back(std::move(tok));
  }
  Token eof;
  eof.offset = end;
  out.push_back(eof);
  return out;
}

}  // namespace rill::config::tmpl

#pragma once
// Recursive-descent parser for template expressions (the inside of `{{ }}` and of `for`/`if`).

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "template/ast.hpp"
#include "template/lexer.hpp"

namespace rill::config::tmpl {

/// Thrown inside the parser on the first error of a tag; the statement parser turns it into a
/// TemplateError and moves on to the next tag.
struct ExprSyntaxError : std::runtime_error {
  ExprSyntaxError(std::size_t at, const std::string& message)
      : std::runtime_error(message), offset(at) {}
  std::size_t offset;
};

/// Parses expressions from a token list produced by tokenize().
///
/// Grammar (lowest binding first):
///   pipeline := binary ('|' ident ['(' args ')'] binary-continuation)*
///   binary   := unary (binop unary)*   with || < && < == != < < > <= >= < ~ < + - < * / %
///   unary    := '-' unary | postfix
///   postfix  := ident ('.' ident | '[' pipeline ']')*  |  primary
///   primary  := int | string | true|yes|false|no|null|nil | '[' args ']'
///             | '{' key ':' pipeline, ... '}' | ident '(' args ')' | '(' pipeline ')'
/// An expression nests at most limits::kMaxNesting levels (see Level and Expr::levels).
class ExprParser {
 public:
  explicit ExprParser(const std::vector<Token>& tokens) : toks_(tokens) {}

  ExprPtr parse_pipeline();
  /// Throws unless every token was consumed.
  void expect_end() const;

  [[nodiscard]] const Token& peek() const { return toks_[pos_]; }
  [[nodiscard]] bool at_punct(std::string_view p) const;
  [[nodiscard]] bool at_ident(std::string_view word) const;
  const Token& advance();
  void expect_punct(std::string_view p);
  std::string expect_ident(std::string_view what);

 private:
  /// One level of nesting (an opening bracket, a unary '-') for as long as it lives: the parser
  /// recurses once per level, so the count is checked before recursing, not after the stack is
  /// gone. Throws at the token that opens one level too many.
  class Level {
   public:
    Level(ExprParser& parser, std::size_t at);
    ~Level() { --parser_.depth_; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;

   private:
    ExprParser& parser_;
  };

  /// Sets `e->levels` from its operands; throws at `e->offset` when the tree grows too deep
  /// (operator and filter chains deepen it without recursing in the parser).
  ExprPtr finish(ExprPtr e) const;
  ExprPtr parse_binary(ExprPtr lhs, int min_prec);
  ExprPtr parse_unary();
  ExprPtr parse_postfix();
  ExprPtr parse_primary();
  ExprPtr parse_map(std::size_t offset);
  std::vector<ExprPtr> parse_args(std::string_view close);
  [[noreturn]] void fail_here(const std::string& expected) const;

  const std::vector<Token>& toks_;
  std::size_t pos_ = 0;
  int depth_ = 0;  ///< levels open at the current token
};

/// Describes a token for messages: `'x'`, `end of tag`.
std::string describe(const Token& tok);

}  // namespace rill::config::tmpl

// Template expression parser (precedence climbing).

#include "template/expr_parser.hpp"

#include <algorithm>
#include <optional>

#include <rill/core/limits.hpp>

#include "template/builtins.hpp"

namespace rill::config::tmpl {
namespace {

struct OpInfo {
  BinaryOp op;
  int prec;
};

std::optional<OpInfo> binary_op(const Token& t) {
  if (t.kind != TokenKind::kPunct) return std::nullopt;
  const std::string& p = t.text;
  if (p == "||") return OpInfo{BinaryOp::kOr, 1};
  if (p == "&&") return OpInfo{BinaryOp::kAnd, 2};
  if (p == "==") return OpInfo{BinaryOp::kEq, 3};
  if (p == "!=") return OpInfo{BinaryOp::kNe, 3};
  if (p == "<") return OpInfo{BinaryOp::kLt, 4};
  if (p == ">") return OpInfo{BinaryOp::kGt, 4};
  if (p == "<=") return OpInfo{BinaryOp::kLe, 4};
  if (p == ">=") return OpInfo{BinaryOp::kGe, 4};
  if (p == "~") return OpInfo{BinaryOp::kCat, 5};
  if (p == "+") return OpInfo{BinaryOp::kAdd, 6};
  if (p == "-") return OpInfo{BinaryOp::kSub, 6};
  if (p == "*") return OpInfo{BinaryOp::kMul, 7};
  if (p == "/") return OpInfo{BinaryOp::kDiv, 7};
  if (p == "%") return OpInfo{BinaryOp::kMod, 7};
  return std::nullopt;
}

ExprPtr make(ExprKind kind, std::size_t offset) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->offset = offset;
  return e;
}

ExprPtr literal(Value v, std::size_t offset) {
  auto e = make(ExprKind::kLiteral, offset);
  e->literal = std::move(v);
  return e;
}

[[noreturn]] void too_deep(std::size_t at) {
  throw ExprSyntaxError(
      at, "expression nested deeper than " + std::to_string(limits::kMaxNesting) + " levels");
}

int deepest(const std::vector<ExprPtr>& exprs) {
  int levels = 0;
  for (const ExprPtr& x : exprs) levels = std::max(levels, x->levels);
  return levels;
}

}  // namespace

std::string describe(const Token& tok) {
  switch (tok.kind) {
    case TokenKind::kEnd:
      return "end of tag";
    case TokenKind::kInt:
      return "'" + std::to_string(tok.int_value) + "'";
    case TokenKind::kString:
      return "string '" + tok.text + "'";
    default:
      return "'" + tok.text + "'";
  }
}

ExprParser::Level::Level(ExprParser& parser, std::size_t at) : parser_(parser) {
  if (parser_.depth_ >= limits::kMaxNesting) too_deep(at);
  ++parser_.depth_;
}

ExprPtr ExprParser::finish(ExprPtr e) const {
  int below = 0;
  switch (e->kind) {
    case ExprKind::kLiteral:
      return e;
    case ExprKind::kPath:
      // Paths are finished step by step in parse_postfix.
      return e;
    case ExprKind::kList:
    case ExprKind::kMap:
    case ExprKind::kCall:
      below = deepest(e->items);
      break;
    case ExprKind::kNegate:
      below = e->lhs->levels;
      break;
    case ExprKind::kBinary:
      below = std::max(e->lhs->levels, e->rhs->levels);
      break;
    case ExprKind::kFilter:
      below = std::max(e->lhs->levels, deepest(e->items));
      break;
  }
  if (below >= limits::kMaxNesting) too_deep(e->offset);
  e->levels = below + 1;
  return e;
}

bool ExprParser::at_punct(std::string_view p) const {
  return peek().kind == TokenKind::kPunct && peek().text == p;
}

bool ExprParser::at_ident(std::string_view word) const {
  return peek().kind == TokenKind::kIdent && peek().text == word;
}

const Token& ExprParser::advance() {
  const Token& t = toks_[pos_];
  if (t.kind != TokenKind::kEnd) ++pos_;
  return t;
}

void ExprParser::fail_here(const std::string& expected) const {
  throw ExprSyntaxError(peek().offset, "expected " + expected + ", found " + describe(peek()));
}

void ExprParser::expect_punct(std::string_view p) {
  if (!at_punct(p)) fail_here("'" + std::string(p) + "'");
  advance();
}

std::string ExprParser::expect_ident(std::string_view what) {
  if (peek().kind != TokenKind::kIdent) fail_here(std::string(what));
  return advance().text;
}

void ExprParser::expect_end() const {
  if (peek().kind != TokenKind::kEnd) {
    throw ExprSyntaxError(peek().offset, "unexpected " + describe(peek()) + " in expression");
  }
}

ExprPtr ExprParser::parse_pipeline() {
  ExprPtr lhs = parse_binary(parse_unary(), 1);
  while (at_punct("|")) {
    std::size_t at = advance().offset;
    std::size_t name_at = peek().offset;
    auto f = make(ExprKind::kFilter, at);
    f->name = expect_ident("a filter name");
    if (!is_filter(f->name)) throw ExprSyntaxError(name_at, "unknown filter '" + f->name + "'");
    if (at_punct("(")) {
      Level level(*this, advance().offset);
      f->items = parse_args(")");
    }
    f->lhs = std::move(lhs);
    // Operators after a filter apply to its result: `xs | len + 1` is `len(xs) + 1`.
    lhs = parse_binary(finish(std::move(f)), 1);
  }
  return lhs;
}

ExprPtr ExprParser::parse_binary(ExprPtr lhs, int min_prec) {
  for (auto op = binary_op(peek()); op && op->prec >= min_prec; op = binary_op(peek())) {
    std::size_t at = advance().offset;
    ExprPtr rhs = parse_unary();
    for (auto next = binary_op(peek()); next && next->prec > op->prec; next = binary_op(peek())) {
      rhs = parse_binary(std::move(rhs), op->prec + 1);
    }
    auto bin = make(ExprKind::kBinary, at);
    bin->op = op->op;
    bin->lhs = std::move(lhs);
    bin->rhs = std::move(rhs);
    lhs = finish(std::move(bin));
  }
  return lhs;
}

ExprPtr ExprParser::parse_unary() {
  if (!at_punct("-")) return parse_postfix();
  std::size_t at = advance().offset;
  // Counted even before a number, where it makes no node: `---1` nests as deep as `---x`.
  Level level(*this, at);
  if (peek().kind == TokenKind::kInt) return literal(Value(-advance().int_value), at);
  auto neg = make(ExprKind::kNegate, at);
  neg->lhs = parse_unary();
  return finish(std::move(neg));
}

ExprPtr ExprParser::parse_postfix() {
  const Token& t = peek();
  bool is_keyword = t.text == "true" || t.text == "yes" || t.text == "false" || t.text == "no" ||
                    t.text == "null" || t.text == "nil";
  const Token& next = toks_[pos_ + 1 < toks_.size() ? pos_ + 1 : pos_];
  bool is_call = next.kind == TokenKind::kPunct && next.text == "(";
  if (t.kind != TokenKind::kIdent || is_keyword || is_call) {
    return parse_primary();
  }
  auto path = make(ExprKind::kPath, t.offset);
  path->name = advance().text;
  while (at_punct(".") || at_punct("[")) {
    bool is_index = at_punct("[");
    PathStep step;
    step.offset = advance().offset;
    // Each step is a level: `a.b.c = 1` makes `a` two maps deep, recursively.
    int levels = static_cast<int>(path->steps.size()) + 1;
    if (levels > limits::kMaxNesting) too_deep(step.offset);
    if (is_index) {
      {
        Level level(*this, step.offset);
        step.index = parse_pipeline();
      }
      expect_punct("]");
      levels = std::max(levels, step.index->levels + 1);
      if (levels > limits::kMaxNesting) too_deep(step.offset);
    } else {
      step.key = expect_ident("a key name after '.'");
    }
    path->levels = std::max(path->levels, levels);
    path->steps.push_back(std::move(step));
  }
  return path;
}

ExprPtr ExprParser::parse_primary() {
  const Token& t = peek();
  std::size_t at = t.offset;
  switch (t.kind) {
    case TokenKind::kInt:
      return literal(Value(advance().int_value), at);
    case TokenKind::kString:
      return literal(Value(advance().text), at);
    case TokenKind::kIdent: {
      std::string word = advance().text;
      if (word == "true" || word == "yes") return literal(Value(true), at);
      if (word == "false" || word == "no") return literal(Value(false), at);
      if (word == "null" || word == "nil") return literal(Value(), at);
      // Only a call reaches here otherwise (parse_postfix handles plain names).
      if (!is_function(word)) throw ExprSyntaxError(at, "unknown function '" + word + "'");
      auto call = make(ExprKind::kCall, at);
      call->name = std::move(word);
      Level level(*this, peek().offset);
      expect_punct("(");
      call->items = parse_args(")");
      return finish(std::move(call));
    }
    case TokenKind::kPunct:
      if (t.text == "(") {
        Level level(*this, advance().offset);
        ExprPtr inner = parse_pipeline();
        expect_punct(")");
        return inner;
      }
      if (t.text == "[") {
        Level level(*this, advance().offset);
        auto list = make(ExprKind::kList, at);
        list->items = parse_args("]");
        return finish(std::move(list));
      }
      if (t.text == "{") {
        Level level(*this, advance().offset);
        return finish(parse_map(at));
      }
      break;
    case TokenKind::kEnd:
      break;
  }
  fail_here("an expression");
}

ExprPtr ExprParser::parse_map(std::size_t offset) {
  auto map = make(ExprKind::kMap, offset);
  while (!at_punct("}")) {
    const Token& key = peek();
    if (key.kind == TokenKind::kString) {
      map->keys.push_back(key.text);
    } else if (key.kind == TokenKind::kInt) {
      map->keys.push_back(std::to_string(key.int_value));
    } else if (key.kind == TokenKind::kIdent) {
      throw ExprSyntaxError(key.offset, "map keys must be quoted: write '" + key.text + "'");
    } else {
      fail_here("a map key or '}'");
    }
    advance();
    expect_punct(":");
    map->items.push_back(parse_pipeline());
    if (!at_punct(",")) break;
    advance();
  }
  expect_punct("}");
  return map;
}

std::vector<ExprPtr> ExprParser::parse_args(std::string_view close) {
  std::vector<ExprPtr> args;
  while (!at_punct(close)) {
    args.push_back(parse_pipeline());
    if (!at_punct(",")) break;
    advance();
  }
  expect_punct(close);
  return args;
}

}  // namespace rill::config::tmpl

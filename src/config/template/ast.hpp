#pragma once
// Syntax tree of a parsed template: a list of nodes (text, output, assignment, for, if, scope),
// each carrying the source offset it came from so evaluation errors can be located.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <rill/core/value.hpp>

namespace rill::config::tmpl {

enum class ExprKind : std::uint8_t {
  kLiteral,  ///< literal
  kPath,     ///< name, steps
  kList,     ///< items
  kMap,      ///< keys, items
  kNegate,   ///< lhs
  kBinary,   ///< op, lhs, rhs
  kCall,     ///< name(items)
  kFilter,   ///< lhs | name(items)
};

enum class BinaryOp : std::uint8_t {
  kOr,
  kAnd,
  kEq,
  kNe,
  kLt,
  kGt,
  kLe,
  kGe,
  kCat,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// One `.key` or `[expr]` after a path's root name.
struct PathStep {
  std::string key;  ///< for `.key`
  ExprPtr index;    ///< for `[expr]` (string = key, int = list index); null for `.key`
  std::size_t offset = 0;
};

/// An expression; which fields are used depends on `kind` (see ExprKind). One struct rather than
/// a class hierarchy: the evaluator switches on kind, and the tree is built once and read-only.
struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  std::size_t offset = 0;  ///< source offset of the expression's first character
  Value literal;
  std::string name;
  std::vector<PathStep> steps;
  std::vector<std::string> keys;
  std::vector<ExprPtr> items;
  BinaryOp op = BinaryOp::kAdd;
  ExprPtr lhs;
  ExprPtr rhs;
  /// How deep the tree below this node goes: 0 for a literal or a plain name, one more than its
  /// deepest operand otherwise (a path: one per step). The parser refuses trees deeper than
  /// limits::kMaxNesting, which bounds the evaluator's recursion (and the destructor's).
  int levels = 0;

  /// The dotted text of a kPath expression (`a.b['c']` → "a.b.c"), for messages.
  [[nodiscard]] std::string path_text() const;
};

enum class NodeKind : std::uint8_t { kText, kOutput, kAssign, kFor, kIf, kScope };

struct Node;

/// One `if`/`else if`/`else` arm; `cond` is null for `else`.
struct IfBranch {
  ExprPtr cond;
  std::vector<Node> body;
};

struct Node {
  NodeKind kind = NodeKind::kText;
  std::size_t offset = 0;          ///< kText: source offset of text[0]; others: the tag's `{`
  std::string text;                ///< kText
  ExprPtr expr;                    ///< kOutput value, kAssign value, kFor sequence
  ExprPtr target;                  ///< kAssign: the kPath assigned to
  std::string var;                 ///< kFor loop variable
  std::vector<Node> body;          ///< kFor, kScope
  std::vector<IfBranch> branches;  ///< kIf
};

}  // namespace rill::config::tmpl

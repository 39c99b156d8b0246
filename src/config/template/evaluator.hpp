#pragma once
// Renders a parsed template: evaluates expressions against a stack of variable scopes.

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <rill/config/template.hpp>
#include <rill/core/limits.hpp>
#include <rill/core/value.hpp>

#include "template/ast.hpp"
#include "template/lexer.hpp"

namespace rill::config::tmpl {

/// Evaluates one template. The root scope starts as a copy of the context (assignments never
/// leak into the caller's Value); `for` and `scope` blocks push a scope of their own, `if` does
/// not (as in templar).
///
/// Errors are collected in `errors()`, each (offset, message) once even when a loop repeats it.
class Evaluator {
 public:
  explicit Evaluator(const Value& context);

  /// Renders `nodes`, appending output to `out` and source segments to `map`.
  void render(const std::vector<Node>& nodes, std::string* out, SourceMap* map);

  [[nodiscard]] const std::vector<TemplateError>& errors() const { return errors_; }

 private:
  enum class Lookup { kFound, kMissing, kError };

  void render_node(const Node& n, std::string* out, SourceMap* map);
  void render_for(const Node& n, std::string* out, SourceMap* map);
  bool eval(const Expr& e, Value* out);
  bool eval_binary(const Expr& e, Value* out);
  bool eval_filter(const Expr& e, Value* out);
  bool eval_all(const std::vector<ExprPtr>& exprs, std::vector<Value>* out);
  /// Resolves a path; kMissing sets `missing` to the message an error would carry.
  Lookup lookup(const Expr& path, Value* out, std::string* missing);
  bool step_key(const PathStep& step, Value* key);
  void assign(const Expr& target, Value value);
  bool assign_into(Value* container, const Expr& target, std::size_t step, Value value);
  void error(std::size_t offset, std::string message);
  /// False, reported at `offset`, when `v` nests lists and maps deeper than limits::kMaxNesting.
  /// Checked wherever a value gets deeper (list and map literals, assignment into a path), so
  /// that a loop (`{{ a = [a] }}`) cannot build a value whose copy or output overflows the stack.
  bool check_levels(const Value& v, std::size_t offset);
  /// Counts a step; false (reported once) past limits::kMaxTemplateSteps or when `out` has
  /// grown past limits::kMaxConfigFileBytes. Rendering stops then.
  bool within_budget(const Node& n, const std::string& out);

  std::vector<Map> scopes_;
  std::uint64_t steps_ = 0;
  bool exhausted_ = false;
  std::vector<TemplateError> errors_;
  std::set<std::pair<std::size_t, std::string>> reported_;
};

}  // namespace rill::config::tmpl

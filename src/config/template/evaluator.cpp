// Template rendering: text, output, assignment, for, if and scope nodes.

#include "template/evaluator.hpp"

#include <rill/core/limits.hpp>

#include "template/value_text.hpp"

namespace rill::config::tmpl {
namespace {

/// Whether `v` has more than `levels` levels of lists and maps; recurses at most `levels + 1`
/// deep, however deep `v` is.
bool deeper_than(const Value& v, int levels) {
  if (!v.is_list() && !v.is_map()) return false;
  if (levels == 0) return true;
  if (v.is_list()) {
    for (const Value& item : v.as_list()) {
      if (deeper_than(item, levels - 1)) return true;
    }
    return false;
  }
  for (const auto& [key, item] : v.as_map()) {
    if (deeper_than(item, levels - 1)) return true;
  }
  return false;
}

}  // namespace

Evaluator::Evaluator(const Value& context) {
  scopes_.emplace_back(context.is_map() ? context.as_map() : Map{});
}

void Evaluator::error(std::size_t offset, std::string message) {
  if (!reported_.emplace(offset, message).second) return;
  errors_.push_back({offset, std::move(message)});
}

bool Evaluator::check_levels(const Value& v, std::size_t offset) {
  if (!deeper_than(v, limits::kMaxNesting)) return true;
  error(offset, "value nested deeper than " + std::to_string(limits::kMaxNesting) + " levels");
  return false;
}

void Evaluator::render(const std::vector<Node>& nodes, std::string* out, SourceMap* map) {
  for (const Node& n : nodes) render_node(n, out, map);
}

bool Evaluator::within_budget(const Node& n, const std::string& out) {
  if (exhausted_) return false;
  // Loops can multiply work and output without bound (`range` nested in `range`): a config that
  // renders for this long, or this large, is a mistake, reported where the work was going on.
  if (++steps_ > limits::kMaxTemplateSteps) {
    exhausted_ = true;
    error(n.offset, "the template runs more than " + std::to_string(limits::kMaxTemplateSteps) +
                        " steps (nested loops?)");
    return false;
  }
  if (out.size() > limits::kMaxConfigFileBytes) {
    exhausted_ = true;
    error(n.offset, "the rendered config is larger than " +
                        std::to_string(limits::kMaxConfigFileBytes >> 20) + " MiB");
    return false;
  }
  return true;
}

void Evaluator::render_node(const Node& n, std::string* out, SourceMap* map) {
  if (!within_budget(n, *out)) return;
  switch (n.kind) {
    case NodeKind::kText:
      map->add({out->size(), n.offset, true});
      *out += n.text;
      return;
    case NodeKind::kOutput: {
      Value v;
      if (!eval(*n.expr, &v)) return;
      map->add({out->size(), n.offset, false});
      *out += to_output_text(v);
      return;
    }
    case NodeKind::kAssign: {
      Value v;
      if (eval(*n.expr, &v)) assign(*n.target, std::move(v));
      return;
    }
    case NodeKind::kFor:
      render_for(n, out, map);
      return;
    case NodeKind::kIf:
      for (const IfBranch& b : n.branches) {
        if (b.cond) {
          Value c;
          if (!eval(*b.cond, &c)) return;
          if (!truthy(c)) continue;
        }
        render(b.body, out, map);
        return;
      }
      return;
    case NodeKind::kScope:
      scopes_.emplace_back();
      render(n.body, out, map);
      scopes_.pop_back();
      return;
  }
}

void Evaluator::render_for(const Node& n, std::string* out, SourceMap* map) {
  Value seq;
  if (!eval(*n.expr, &seq)) return;
  if (!seq.is_list() && !seq.is_map()) {
    error(n.expr->offset, "'for' needs a list or a map, got " + std::string(to_string(seq.kind())));
    return;
  }
  // One scope for the whole loop (templar): assignments in the body survive to the next
  // iteration but not past `end for`.
  scopes_.emplace_back();
  if (seq.is_list()) {
    for (const Value& item : seq.as_list()) {
      if (!within_budget(n, *out)) break;  // an iteration is a step, even with an empty body
      scopes_.back().set(n.var, item);
      render(n.body, out, map);
    }
  } else {
    for (const auto& [k, v] : seq.as_map()) {
      if (!within_budget(n, *out)) break;
      scopes_.back().set(n.var, Value(Map{{"key", Value(k)}, {"value", v}}));
      render(n.body, out, map);
    }
  }
  scopes_.pop_back();
}

void Evaluator::assign(const Expr& target, Value value) {
  if (target.steps.empty()) {
    scopes_.back().set(target.name, std::move(value));
    return;
  }
  // `a.b = v`: copy `a` from whichever scope holds it, update the copy, store it in the
  // innermost scope (outer scopes are never written through).
  Value root;
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    if (const Value* v = it->find(target.name)) {
      root = *v;
      break;
    }
  }
  if (assign_into(&root, target, 0, std::move(value)) && check_levels(root, target.offset)) {
    scopes_.back().set(target.name, std::move(root));
  }
}

bool Evaluator::assign_into(Value* container, const Expr& target, std::size_t step, Value value) {
  if (step == target.steps.size()) {
    *container = std::move(value);
    return true;
  }
  const PathStep& s = target.steps[step];
  Value key;
  if (!step_key(s, &key)) return false;
  if (container->is_null()) *container = Value(Map{});
  if (container->is_map() && key.is_string()) {
    Map& m = container->mutable_map();
    return assign_into(&m[key.as_string()], target, step + 1, std::move(value));
  }
  if (container->is_list() && key.is_int()) {
    List& l = container->mutable_list();
    std::int64_t i = key.as_int();
    if (i < 0 || static_cast<std::size_t>(i) >= l.size()) {
      error(s.offset, "index " + std::to_string(i) + " is out of range in assignment to '" +
                          target.path_text() + "'");
      return false;
    }
    return assign_into(&l[static_cast<std::size_t>(i)], target, step + 1, std::move(value));
  }
  error(s.offset, "cannot assign to '" + target.path_text() +
                      "': " + std::string(to_string(container->kind())) + " has no " +
                      (key.is_int() ? "index " : "key ") + to_output_text(key));
  return false;
}

}  // namespace rill::config::tmpl

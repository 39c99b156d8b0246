// Template expression evaluation: literals, paths, operators, calls and filters.

#include <cmath>

#include "template/builtins.hpp"
#include "template/evaluator.hpp"
#include "template/value_text.hpp"

namespace rill::config::tmpl {
namespace {

std::string_view op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "||";
    case BinaryOp::kAnd:
      return "&&";
    case BinaryOp::kEq:
      return "==";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kCat:
      return "~";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kMod:
      return "%";
  }
  return "?";
}

std::string kinds(const Value& a, const Value& b) {
  return std::string(to_string(a.kind())) + " and " + std::string(to_string(b.kind()));
}

/// Integer arithmetic; false with `error` set on division by zero or overflow.
bool int_arith(BinaryOp op, std::int64_t a, std::int64_t b, std::int64_t* r, std::string* error) {
  bool overflow = false;
  switch (op) {
    case BinaryOp::kAdd:
      overflow = __builtin_add_overflow(a, b, r);
      break;
    case BinaryOp::kSub:
      overflow = __builtin_sub_overflow(a, b, r);
      break;
    case BinaryOp::kMul:
      overflow = __builtin_mul_overflow(a, b, r);
      break;
    case BinaryOp::kDiv:
    case BinaryOp::kMod:
      if (b == 0) {
        *error = op == BinaryOp::kDiv ? "division by zero" : "modulo by zero";
        return false;
      }
      overflow = a == INT64_MIN && b == -1;
      if (!overflow) *r = op == BinaryOp::kDiv ? a / b : a % b;
      break;
    default:
      break;
  }
  if (overflow) *error = "integer overflow in '" + std::string(op_text(op)) + "'";
  return !overflow;
}

double float_arith(BinaryOp op, double a, double b) {
  switch (op) {
    case BinaryOp::kAdd:
      return a + b;
    case BinaryOp::kSub:
      return a - b;
    case BinaryOp::kMul:
      return a * b;
    case BinaryOp::kDiv:
      return a / b;
    default:
      return std::fmod(a, b);
  }
}

}  // namespace

bool Evaluator::eval(const Expr& e, Value* out) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      *out = e.literal;
      return true;
    case ExprKind::kPath: {
      std::string missing;
      Lookup r = lookup(e, out, &missing);
      if (r == Lookup::kMissing) error(e.offset, missing);
      return r == Lookup::kFound;
    }
    case ExprKind::kList: {
      std::vector<Value> values;
      if (!eval_all(e.items, &values)) return false;
      *out = Value(List(std::move(values)));
      return check_levels(*out, e.offset);
    }
    case ExprKind::kMap: {
      std::vector<Value> values;
      if (!eval_all(e.items, &values)) return false;
      Map m;
      for (std::size_t i = 0; i < values.size(); ++i) m.set(e.keys[i], std::move(values[i]));
      *out = Value(std::move(m));
      return check_levels(*out, e.offset);
    }
    case ExprKind::kNegate: {
      Value v;
      if (!eval(*e.lhs, &v)) return false;
      if (v.is_int() && v.as_int() != INT64_MIN) {
        *out = Value(-v.as_int());
      } else if (v.is_double()) {
        *out = Value(-v.as_double());
      } else {
        error(e.offset, "unary '-' needs a number, got " + std::string(to_string(v.kind())));
        return false;
      }
      return true;
    }
    case ExprKind::kBinary:
      return eval_binary(e, out);
    case ExprKind::kCall: {
      std::vector<Value> args;
      if (!eval_all(e.items, &args)) return false;
      std::string err;
      if (call_function(e.name, args, out, &err)) return true;
      error(e.offset, err);
      return false;
    }
    case ExprKind::kFilter:
      return eval_filter(e, out);
  }
  return false;
}

bool Evaluator::eval_all(const std::vector<ExprPtr>& exprs, std::vector<Value>* out) {
  bool ok = true;
  for (const ExprPtr& x : exprs) {
    Value v;
    ok = eval(*x, &v) && ok;  // evaluate all, so every bad argument is reported
    out->push_back(std::move(v));
  }
  return ok;
}

bool Evaluator::eval_binary(const Expr& e, Value* out) {
  Value a;
  if (!eval(*e.lhs, &a)) return false;
  if (e.op == BinaryOp::kAnd || e.op == BinaryOp::kOr) {
    // Short-circuit, so `x != null && x.y` does not evaluate `x.y` when x is null.
    bool left = truthy(a);
    if (left == (e.op == BinaryOp::kOr)) {
      *out = Value(left);
      return true;
    }
    Value b;
    if (!eval(*e.rhs, &b)) return false;
    *out = Value(truthy(b));
    return true;
  }
  Value b;
  if (!eval(*e.rhs, &b)) return false;
  switch (e.op) {
    case BinaryOp::kEq:
      *out = Value(a == b);
      return true;
    case BinaryOp::kNe:
      *out = Value(!(a == b));
      return true;
    case BinaryOp::kCat: {
      std::string joined = to_output_text(a) + to_output_text(b);
      if (joined.size() > limits::kMaxConfigFileBytes) {  // `{{ s = s ~ s }}` in a loop
        error(e.offset, "'~' makes a string longer than " +
                            std::to_string(limits::kMaxConfigFileBytes >> 20) + " MiB");
        return false;
      }
      *out = Value(std::move(joined));
      return true;
    }
    case BinaryOp::kLt:
    case BinaryOp::kGt:
    case BinaryOp::kLe:
    case BinaryOp::kGe: {
      int cmp = 0;
      if (a.is_number() && b.is_number()) {
        if (a.is_int() && b.is_int()) {
          cmp = a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
        } else {
          cmp = a.as_double() < b.as_double() ? -1 : a.as_double() > b.as_double() ? 1 : 0;
        }
      } else if (a.is_string() && b.is_string()) {
        cmp = a.as_string().compare(b.as_string());
      } else {
        error(e.offset,
              "cannot compare " + kinds(a, b) + " with '" + std::string(op_text(e.op)) + "'");
        return false;
      }
      bool r = e.op == BinaryOp::kLt   ? cmp < 0
               : e.op == BinaryOp::kGt ? cmp > 0
               : e.op == BinaryOp::kLe ? cmp <= 0
                                       : cmp >= 0;
      *out = Value(r);
      return true;
    }
    default:
      break;
  }
  // Arithmetic.
  if (!a.is_number() || !b.is_number()) {
    std::string hint = e.op == BinaryOp::kAdd && (a.is_string() || b.is_string())
                           ? " (use '~' to join strings)"
                           : "";
    error(e.offset,
          "'" + std::string(op_text(e.op)) + "' needs numbers, got " + kinds(a, b) + hint);
    return false;
  }
  if (a.is_int() && b.is_int()) {
    std::int64_t r = 0;
    std::string err;
    if (!int_arith(e.op, a.as_int(), b.as_int(), &r, &err)) {
      error(e.offset, err);
      return false;
    }
    *out = Value(r);
    return true;
  }
  *out = Value(float_arith(e.op, a.as_double(), b.as_double()));
  return true;
}

bool Evaluator::eval_filter(const Expr& e, Value* out) {
  Value input;
  if (e.name == "default" && e.lhs->kind == ExprKind::kPath) {
    // The one place an unknown variable is not an error: `Dyn.x | default(1)`.
    std::string missing;
    Lookup r = lookup(*e.lhs, &input, &missing);
    if (r == Lookup::kError) return false;
    if (r == Lookup::kMissing) input = Value();
  } else if (!eval(*e.lhs, &input)) {
    return false;
  }
  std::vector<Value> args;
  if (!eval_all(e.items, &args)) return false;
  std::string err;
  if (apply_filter(e.name, input, args, out, &err)) return true;
  error(e.offset, err);
  return false;
}

bool Evaluator::step_key(const PathStep& step, Value* key) {
  if (!step.index) {
    *key = Value(step.key);
    return true;
  }
  if (!eval(*step.index, key)) return false;
  if (!key->is_string() && !key->is_int()) {
    error(step.index->offset,
          "an index must be a string or an integer, got " + std::string(to_string(key->kind())));
    return false;
  }
  return true;
}

Evaluator::Lookup Evaluator::lookup(const Expr& path, Value* out, std::string* missing) {
  const Value* root = nullptr;
  for (auto it = scopes_.rbegin(); it != scopes_.rend() && !root; ++it) {
    root = it->find(path.name);
  }
  if (!root) {
    *missing = "unknown variable '" + path.name + "'";
    return Lookup::kMissing;
  }
  Value cur = *root;
  std::string so_far = path.name;
  for (const PathStep& step : path.steps) {
    Value key;
    if (!step_key(step, &key)) return Lookup::kError;
    std::string key_text = key.is_string() ? key.as_string() : std::to_string(key.as_int());
    if (cur.is_map() && key.is_string()) {
      const Value* next = cur.as_map().find(key.as_string());
      if (!next) {
        *missing = "'" + so_far + "' has no key '" + key_text + "'";
        return Lookup::kMissing;
      }
      cur = *next;
    } else if (cur.is_list() && key.is_int()) {
      std::int64_t i = key.as_int();
      const List& l = cur.as_list();
      if (i < 0 || static_cast<std::size_t>(i) >= l.size()) {
        *missing = "index " + key_text + " is out of range for '" + so_far + "' (" +
                   std::to_string(l.size()) + " items)";
        return Lookup::kMissing;
      }
      cur = l[static_cast<std::size_t>(i)];
    } else {
      error(step.offset, "cannot look up " + std::string(key.is_int() ? "index " : "key '") +
                             key_text + (key.is_int() ? "" : "'") + " in '" + so_far + "' (" +
                             std::string(to_string(cur.kind())) + ")");
      return Lookup::kError;
    }
    so_far += key.is_string() && !step.index ? "." + key_text : "[" + to_toml_literal(key) + "]";
  }
  *out = std::move(cur);
  return Lookup::kFound;
}

}  // namespace rill::config::tmpl

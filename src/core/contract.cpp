// Contract: ports and arguments of a node type; check_args / normalize_args apply it to a
// config's arguments.

#include "rill/core/contract.hpp"

#include <cctype>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "rill/core/diagnostic.hpp"
#include "rill/core/registry.hpp"

namespace rill {

// ---------------------------------------------------------------------------------------- ports

bool parse_port_decl(std::string_view text, PortDecl* out) {
  PortDecl d;
  auto colon = text.find(':');
  d.name = std::string(text.substr(0, colon));
  if (d.name.empty()) return false;
  for (char c : d.name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  if (colon == std::string_view::npos) {
    d.kind = PortKind::kUnit;
  } else {
    auto suffix = text.substr(colon + 1);
    if (suffix == "[]") {
      d.kind = PortKind::kList;
    } else if (suffix == "{}") {
      d.kind = PortKind::kDict;
    } else if (suffix == "dyn") {
      d.kind = PortKind::kDyn;
    } else {
      return false;
    }
  }
  *out = std::move(d);
  return true;
}

std::string format_port_decl(const PortDecl& p) {
  switch (p.kind) {
    case PortKind::kUnit:
      return p.name;
    case PortKind::kList:
      return p.name + ":[]";
    case PortKind::kDict:
      return p.name + ":{}";
    case PortKind::kDyn:
      return p.name + ":dyn";
  }
  return p.name;
}

// ------------------------------------------------------------------------------------ arguments

std::string_view to_string(ArgKind kind) {
  switch (kind) {
    case ArgKind::kInt:
      return "int";
    case ArgKind::kFloat:
      return "float";
    case ArgKind::kBool:
      return "bool";
    case ArgKind::kString:
      return "string";
    case ArgKind::kEnum:
      return "enum";
    case ArgKind::kList:
      return "list";
    case ArgKind::kMap:
      return "map";
    case ArgKind::kAny:
      return "any";
  }
  return "?";
}

namespace {

std::optional<double> bound(std::int64_t v, std::int64_t unbounded) {
  if (v == unbounded) return std::nullopt;
  return static_cast<double>(v);
}
std::optional<double> bound(double v) {
  if (std::isinf(v)) return std::nullopt;
  return v;
}

ArgSpec make_spec(std::string_view name, ArgKind kind, Value def, bool required,
                  std::string_view doc) {
  ArgSpec s;
  s.name = std::string(name);
  s.kind = kind;
  s.def = required ? Value() : std::move(def);
  s.required = required;
  s.doc = std::string(doc);
  return s;
}

}  // namespace

ArgSpec IntArg::spec() const {
  ArgSpec s = make_spec(name, ArgKind::kInt, Value(def), required, doc);
  s.min = bound(min, kIntMin);
  s.max = bound(max, kIntMax);
  return s;
}

ArgSpec FloatArg::spec() const {
  ArgSpec s = make_spec(name, ArgKind::kFloat, Value(def), required, doc);
  s.min = bound(min);
  s.max = bound(max);
  return s;
}

ArgSpec BoolArg::spec() const { return make_spec(name, ArgKind::kBool, Value(def), false, doc); }

ArgSpec StringArg::spec() const {
  return make_spec(name, ArgKind::kString, Value(def), required, doc);
}

ArgSpec ListArg::spec() const {
  return make_spec(name, ArgKind::kList, Value(List{}), required, doc);
}

ArgSpec MapArg::spec() const { return make_spec(name, ArgKind::kMap, Value(Map{}), required, doc); }

ArgSpec AnyArg::spec() const { return make_spec(name, ArgKind::kAny, Value(), required, doc); }

// ------------------------------------------------------------------------------------- contract

Contract::Contract(std::initializer_list<Item> items) {
  for (const Item& item : items) {
    if (const auto* p = std::get_if<Item::PortItem>(&item.v_)) {
      (p->dir == PortDir::kIn ? inputs_ : outputs_).push_back(p->decl);
    } else {
      args_.push_back(std::get<ArgSpec>(item.v_));
    }
  }
}

Contract& Contract::ignore(std::string key, std::string why) {
  ignored_.emplace_back(std::move(key), std::move(why));
  return *this;
}

Contract& Contract::add_input(PortDecl port) {
  inputs_.push_back(std::move(port));
  return *this;
}

Contract& Contract::add_output(PortDecl port) {
  outputs_.push_back(std::move(port));
  return *this;
}

Contract& Contract::add_arg(ArgSpec arg) {
  args_.push_back(std::move(arg));
  return *this;
}

const ArgSpec* Contract::find_arg(std::string_view name) const {
  for (const ArgSpec& a : args_) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

Contract contract_from_ports(const std::vector<std::string>& inputs,
                             const std::vector<std::string>& outputs) {
  Contract c;
  for (const auto* list : {&inputs, &outputs}) {
    for (const std::string& text : *list) {
      PortDecl d;
      if (!parse_port_decl(text, &d)) {
        throw std::invalid_argument("bad port declaration '" + text + "'");
      }
      if (list == &inputs) {
        c.add_input(std::move(d));
      } else {
        c.add_output(std::move(d));
      }
    }
  }
  c.open_args();
  return c;
}

namespace {

/// A value as a message shows it: its text, cut to a readable length.
std::string shown(const Value& v) {
  constexpr std::size_t kMax = 40;
  std::string text = v.debug_string();
  if (text.size() > kMax) text = text.substr(0, kMax) + "...";
  return text;
}

std::string got(const Value& v) { return fmt::format("got {} {}", to_string(v.kind()), shown(v)); }

std::string number(double v) { return fmt::format("{}", v); }

/// "" when `v` fits `a`, else what is wrong with it.
std::string mismatch(const ArgSpec& a, const Value& v) {
  auto range_error = [&](double x) -> std::string {
    const bool low = a.min && x < *a.min;
    const bool high = a.max && x > *a.max;
    if (!low && !high) return {};
    if (a.min && a.max) {
      return fmt::format("must be between {} and {}, {}", number(*a.min), number(*a.max), got(v));
    }
    return low ? fmt::format("must be >= {}, {}", number(*a.min), got(v))
               : fmt::format("must be <= {}, {}", number(*a.max), got(v));
  };
  switch (a.kind) {
    case ArgKind::kInt:
      if (!v.is_int()) return "must be an integer, " + got(v);
      return range_error(static_cast<double>(v.as_int()));
    case ArgKind::kFloat:
      if (!v.is_number()) return "must be a number, " + got(v);
      return range_error(v.as_double());
    case ArgKind::kBool:
      return v.is_bool() ? "" : "must be true or false, " + got(v);
    case ArgKind::kString:
      return v.is_string() ? "" : "must be a string, " + got(v);
    case ArgKind::kEnum: {
      std::string choices;
      for (const auto& c : a.choices) choices += (choices.empty() ? "'" : ", '") + c + "'";
      if (!v.is_string()) return fmt::format("must be one of {}, {}", choices, got(v));
      for (const auto& c : a.choices) {
        if (c == v.as_string()) return {};
      }
      std::string guess = closest_match(v.as_string(), a.choices);
      return fmt::format("must be one of {}, got '{}'{}", choices, v.as_string(),
                         guess.empty() ? "" : " (did you mean '" + guess + "'?)");
    }
    case ArgKind::kList:
      return v.is_list() ? "" : "must be a list, " + got(v);
    case ArgKind::kMap:
      return v.is_map() ? "" : "must be a table, " + got(v);
    case ArgKind::kAny:
      return {};
  }
  return {};
}

std::vector<std::string> arg_names(const Contract& c) {
  std::vector<std::string> names;
  for (const ArgSpec& a : c.args()) names.push_back(a.name);
  return names;
}

}  // namespace

std::vector<ArgProblem> check_args(const Contract& contract, const Map& args, bool strict) {
  std::vector<ArgProblem> problems;
  for (const ArgSpec& a : contract.args()) {
    const Value* v = args.find(a.name);
    if (v == nullptr) {
      if (a.required) {
        problems.push_back({a.name, fmt::format("missing required argument '{}'{}", a.name,
                                                a.doc.empty() ? "" : " (" + a.doc + ")")});
      }
      continue;
    }
    if (std::string why = mismatch(a, *v); !why.empty()) {
      problems.push_back({a.name, fmt::format("argument '{}' {}", a.name, why)});
    }
  }
  if (!strict || contract.has_open_args()) return problems;
  const std::vector<std::string> known = arg_names(contract);
  for (const auto& [key, value] : args) {
    if (contract.find_arg(key) != nullptr) continue;
    bool ignored = false;
    for (const auto& [name, why] : contract.ignored()) {
      if (name != key) continue;
      problems.push_back({key, fmt::format("argument '{}' is ignored: {}", key, why), true});
      ignored = true;
    }
    if (ignored) continue;
    std::string hint;
    if (std::string guess = closest_match(key, known); !guess.empty()) {
      hint = " (did you mean '" + guess + "'?)";
    } else if (known.empty()) {
      hint = "; this node type takes no arguments";
    } else {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      hint = "; its arguments are " + list;
    }
    problems.push_back({key, fmt::format("unknown argument '{}'{}", key, hint)});
  }
  return problems;
}

Map normalize_args(const Contract& contract, const Map& args) {
  for (const ArgProblem& p : check_args(contract, args, false)) {
    if (!p.warning) throw std::invalid_argument(p.message);
  }
  Map out = args;
  for (const ArgSpec& a : contract.args()) {
    Value* v = out.find(a.name);
    if (v == nullptr) {
      if (!a.def.is_null()) out.set(a.name, a.def);
    } else if (a.kind == ArgKind::kFloat && v->is_int()) {
      *v = Value(v->as_double());
    }
  }
  return out;
}

// ----------------------------------------------------------------------------------- NodeConfig

std::int64_t NodeConfig::arg(const IntArg& a) const {
  const Value* v = args.find(a.name);
  return v != nullptr && v->is_int() ? v->as_int() : a.def;
}

double NodeConfig::arg(const FloatArg& a) const {
  const Value* v = args.find(a.name);
  return v != nullptr && v->is_number() ? v->as_double() : a.def;
}

bool NodeConfig::arg(const BoolArg& a) const {
  const Value* v = args.find(a.name);
  return v != nullptr && v->is_bool() ? v->as_bool() : a.def;
}

std::string NodeConfig::arg(const StringArg& a) const {
  const Value* v = args.find(a.name);
  return v != nullptr && v->is_string() ? v->as_string() : std::string(a.def);
}

const List& NodeConfig::arg(const ListArg& a) const {
  static const List kEmpty;
  const Value* v = args.find(a.name);
  return v != nullptr && v->is_list() ? v->as_list() : kEmpty;
}

const Map& NodeConfig::arg(const MapArg& a) const {
  static const Map kEmpty;
  const Value* v = args.find(a.name);
  return v != nullptr && v->is_map() ? v->as_map() : kEmpty;
}

const Value& NodeConfig::arg(const AnyArg& a) const {
  static const Value kNull;
  const Value* v = args.find(a.name);
  return v != nullptr ? *v : kNull;
}

// ------------------------------------------------------------------------------------- NodeType

const PortDecl* NodeType::find_input(std::string_view name) const {
  for (const auto& p : inputs()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const PortDecl* NodeType::find_output(std::string_view name) const {
  for (const auto& p : outputs()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace rill

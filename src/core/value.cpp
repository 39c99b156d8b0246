#include "rill/core/value.hpp"

#include <cmath>

#include <fmt/format.h>

#include "rill/core/frame.hpp"
#include "rill/core/json_escape.hpp"

namespace rill {

Map::Map(std::initializer_list<Entry> entries) {
  for (const auto& e : entries) set(e.first, e.second);
}

const Value* Map::find(std::string_view key) const {
  for (const auto& e : entries_) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

Value* Map::find(std::string_view key) {
  for (auto& e : entries_) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

Value& Map::set(std::string key, Value value) {
  if (Value* v = find(key)) {
    *v = std::move(value);
    return *v;
  }
  entries_.emplace_back(std::move(key), std::move(value));
  return entries_.back().second;
}

Value& Map::operator[](std::string_view key) {
  if (Value* v = find(key)) return *v;
  entries_.emplace_back(std::string(key), Value());
  return entries_.back().second;
}

bool Map::erase(std::string_view key) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == key) {
      entries_.erase(it);
      return true;
    }
  }
  return false;
}

bool operator==(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [k, v] : a) {
    const Value* o = b.find(k);
    if (!o || !(*o == v)) return false;
  }
  return true;
}

std::string_view to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kInt:
      return "int";
    case ValueKind::kDouble:
      return "double";
    case ValueKind::kString:
      return "string";
    case ValueKind::kBytes:
      return "bytes";
    case ValueKind::kList:
      return "list";
    case ValueKind::kMap:
      return "map";
    case ValueKind::kFrame:
      return "frame";
    case ValueKind::kTensor:
      return "tensor";
    case ValueKind::kObject:
      return "object";
  }
  return "?";
}

Value::Value(std::shared_ptr<const Frame> f) : v_(std::move(f)) {}
Value::Value(std::shared_ptr<const Tensor> t) : v_(std::move(t)) {}

void Value::type_error(ValueKind wanted) const {
  throw TypeError(fmt::format("expected {}, got {}", to_string(wanted), to_string(kind())));
}

bool Value::as_bool() const {
  if (!is_bool()) type_error(ValueKind::kBool);
  return std::get<bool>(v_);
}
std::int64_t Value::as_int() const {
  if (!is_int()) type_error(ValueKind::kInt);
  return std::get<std::int64_t>(v_);
}
double Value::as_double() const {
  if (is_int()) return static_cast<double>(std::get<std::int64_t>(v_));
  if (!is_double()) type_error(ValueKind::kDouble);
  return std::get<double>(v_);
}
const std::string& Value::as_string() const {
  if (!is_string()) type_error(ValueKind::kString);
  return *std::get<std::shared_ptr<const std::string>>(v_);
}
const Bytes& Value::as_bytes() const {
  if (!is_bytes()) type_error(ValueKind::kBytes);
  return *std::get<std::shared_ptr<const Bytes>>(v_);
}
const List& Value::as_list() const {
  if (!is_list()) type_error(ValueKind::kList);
  return *std::get<std::shared_ptr<const List>>(v_);
}
const Map& Value::as_map() const {
  if (!is_map()) type_error(ValueKind::kMap);
  return *std::get<std::shared_ptr<const Map>>(v_);
}
const std::shared_ptr<const Frame>& Value::as_frame() const {
  if (!is_frame()) type_error(ValueKind::kFrame);
  return std::get<std::shared_ptr<const Frame>>(v_);
}
const std::shared_ptr<const Tensor>& Value::as_tensor() const {
  if (!is_tensor()) type_error(ValueKind::kTensor);
  return std::get<std::shared_ptr<const Tensor>>(v_);
}
const std::shared_ptr<Object>& Value::as_object() const {
  if (!is_object()) type_error(ValueKind::kObject);
  return std::get<std::shared_ptr<Object>>(v_);
}

List& Value::mutable_list() {
  if (!is_list()) type_error(ValueKind::kList);
  auto& p = std::get<std::shared_ptr<const List>>(v_);
  if (p.use_count() > 1) p = std::make_shared<const List>(*p);
  return const_cast<List&>(*p);  // sole owner now: safe to mutate
}

Map& Value::mutable_map() {
  if (!is_map()) type_error(ValueKind::kMap);
  auto& p = std::get<std::shared_ptr<const Map>>(v_);
  if (p.use_count() > 1) p = std::make_shared<const Map>(*p);
  return const_cast<Map&>(*p);  // sole owner now: safe to mutate
}

const Value* Value::get(std::string_view key) const {
  if (!is_map()) return nullptr;
  return as_map().find(key);
}

namespace {

void render(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      out += "null";
      break;
    case ValueKind::kBool:
      out += v.as_bool() ? "true" : "false";
      break;
    case ValueKind::kInt:
      out += std::to_string(v.as_int());
      break;
    case ValueKind::kDouble: {
      double d = v.as_double();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
        out += fmt::format("{:.1f}", d);
      } else {
        out += fmt::format("{}", d);
      }
      break;
    }
    case ValueKind::kString:
      append_json_string(out, v.as_string());
      break;
    case ValueKind::kBytes:
      out += fmt::format("<bytes {}>", v.as_bytes().size());
      break;
    case ValueKind::kList: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.as_list()) {
        if (!first) out += ", ";
        first = false;
        render(out, e);
      }
      out.push_back(']');
      break;
    }
    case ValueKind::kMap: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) out += ", ";
        first = false;
        append_json_string(out, k);
        out += ": ";
        render(out, e);
      }
      out.push_back('}');
      break;
    }
    case ValueKind::kFrame: {
      const auto& f = *v.as_frame();
      out += fmt::format("<frame {}x{} {}>", f.width(), f.height(), to_string(f.format()));
      break;
    }
    case ValueKind::kTensor: {
      const auto& t = *v.as_tensor();
      out += fmt::format("<tensor {} [{}]>", to_string(t.dtype()), fmt::join(t.shape(), ","));
      break;
    }
    case ValueKind::kObject: {
      const auto& o = v.as_object();
      out += fmt::format("<object {}>", o ? o->type_name() : "null");
      break;
    }
  }
}

}  // namespace

std::string Value::debug_string() const {
  std::string out;
  render(out, *this);
  return out;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) {
    if (a.is_number() && b.is_number()) return a.as_double() == b.as_double();
    return false;
  }
  switch (a.kind()) {
    case ValueKind::kNull:
      return true;
    case ValueKind::kBool:
      return a.as_bool() == b.as_bool();
    case ValueKind::kInt:
      return a.as_int() == b.as_int();
    case ValueKind::kDouble:
      return a.as_double() == b.as_double();
    case ValueKind::kString:
      return a.as_string() == b.as_string();
    case ValueKind::kBytes:
      return a.as_bytes() == b.as_bytes();
    case ValueKind::kList:
      return a.as_list() == b.as_list();
    case ValueKind::kMap:
      return a.as_map() == b.as_map();
    case ValueKind::kFrame:
      return a.as_frame() == b.as_frame();
    case ValueKind::kTensor:
      return a.as_tensor() == b.as_tensor();
    case ValueKind::kObject:
      return a.as_object() == b.as_object();
  }
  return false;
}

Value merge_values(const Value& base, const Value& patch) {
  if (!base.is_map() || !patch.is_map()) return patch;
  Map out = base.as_map();
  for (const auto& [k, v] : patch.as_map()) {
    const Value* b = out.find(k);
    out.set(k, b ? merge_values(*b, v) : v);
  }
  return Value(std::move(out));
}

}  // namespace rill

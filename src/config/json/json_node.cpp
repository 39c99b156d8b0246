// JsonNode accessors and the conversion to nlohmann::json.

#include "json/json_node.hpp"

#include <cmath>

namespace rill::config::json_fe {

JsonNode JsonNode::null(SourceLoc loc) {
  JsonNode n;
  n.loc = std::move(loc);
  return n;
}

JsonNode JsonNode::string(std::string s, SourceLoc loc) {
  JsonNode n;
  n.kind = Kind::kString;
  n.text = std::move(s);
  n.loc = std::move(loc);
  return n;
}

JsonNode JsonNode::array(SourceLoc loc) {
  JsonNode n;
  n.kind = Kind::kArray;
  n.loc = std::move(loc);
  return n;
}

JsonNode JsonNode::object(SourceLoc loc) {
  JsonNode n;
  n.kind = Kind::kObject;
  n.loc = std::move(loc);
  return n;
}

const JsonNode* JsonNode::find(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  auto it = members.find(std::string(key));
  return it == members.end() ? nullptr : &it->second;
}

JsonNode* JsonNode::find(std::string_view key) {
  return const_cast<JsonNode*>(static_cast<const JsonNode*>(this)->find(key));
}

bool JsonNode::has_string(std::string_view key, std::string_view value) const {
  const JsonNode* v = find(key);
  return v != nullptr && v->is_string() && v->text == value;
}

JsonNode& JsonNode::member(const std::string& key) {
  auto [it, inserted] = members.try_emplace(key);
  // A synthesized member has no text of its own; the object is the nearest place to point at.
  if (inserted) it->second.loc = loc;
  return it->second;
}

std::size_t JsonNode::size() const {
  if (kind == Kind::kArray) return items.size();
  if (kind == Kind::kObject) return members.size();
  return 0;
}

std::optional<std::int64_t> JsonNode::as_integer() const {
  switch (kind) {
    case Kind::kInt:
      return int_value;
    case Kind::kFloat:
      if (std::isfinite(float_value) && std::trunc(float_value) == float_value &&
          std::fabs(float_value) < 9.2e18) {
        return static_cast<std::int64_t>(float_value);
      }
      return std::nullopt;
    default:  // kUint is above INT64_MAX by construction
      return std::nullopt;
  }
}

std::optional<std::string> JsonNode::as_text() const {
  switch (kind) {
    case Kind::kString:
      return text;
    case Kind::kNull:
      return std::string();
    case Kind::kArray:
    case Kind::kObject:
      return std::nullopt;
    default:
      return to_nlohmann(*this).dump();
  }
}

std::string_view kind_name(const JsonNode& v) {
  switch (v.kind) {
    case JsonNode::Kind::kNull:
      return "null";
    case JsonNode::Kind::kBool:
      return "a boolean";
    case JsonNode::Kind::kInt:
    case JsonNode::Kind::kUint:
      return "an integer";
    case JsonNode::Kind::kFloat:
      return "a floating-point number";
    case JsonNode::Kind::kString:
      return "a string";
    case JsonNode::Kind::kArray:
      return "an array";
    case JsonNode::Kind::kObject:
      return "an object";
  }
  return "a value";
}

nlohmann::json to_nlohmann(const JsonNode& v) {
  switch (v.kind) {
    case JsonNode::Kind::kNull:
      return nullptr;
    case JsonNode::Kind::kBool:
      return v.boolean;
    case JsonNode::Kind::kInt:
      return v.int_value;
    case JsonNode::Kind::kUint:
      return v.uint_value;
    case JsonNode::Kind::kFloat:
      return v.float_value;
    case JsonNode::Kind::kString:
      return v.text;
    case JsonNode::Kind::kArray: {
      nlohmann::json out = nlohmann::json::array();
      for (const JsonNode& item : v.items) out.push_back(to_nlohmann(item));
      return out;
    }
    case JsonNode::Kind::kObject: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [k, m] : v.members) out[k] = to_nlohmann(m);
      return out;
    }
  }
  return nullptr;
}

}  // namespace rill::config::json_fe

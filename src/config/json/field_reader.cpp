// FieldReader: located member access for the schema readers.

#include "json/field_reader.hpp"

namespace rill::config::json_fe {

FieldReader::FieldReader(const JsonNode& object, std::string prefix, std::string what,
                         Diagnostics& diags)
    : object_(object), prefix_(std::move(prefix)), what_(std::move(what)), diags_(diags) {}

std::string FieldReader::key_path(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void FieldReader::error(const SourceLoc& loc, const std::string& message, std::string_view key) {
  failed_ = true;
  diags_.error(loc, what_ + ": " + message, key_path(key));
}

void FieldReader::type_error(const JsonNode& value, std::string_view key,
                             std::string_view expected) {
  error(value.loc,
        std::string(key) + " must be " + std::string(expected) + ", got " +
            std::string(kind_name(value)),
        key);
}

bool FieldReader::read_name(std::string_view key, std::string* out, SourceLoc* loc) {
  const JsonNode* v = get(key);
  if (v == nullptr) {
    error(object_.loc, "missing required key '" + std::string(key) + "'", key);
    return false;
  }
  if (loc != nullptr) *loc = v->loc;
  if (!v->is_string()) {
    type_error(*v, key, "a string");
    return false;
  }
  if (v->text.empty()) {
    error(v->loc, std::string(key) + " must not be empty", key);
    return false;
  }
  *out = v->text;
  return true;
}

bool FieldReader::read_slots(std::string_view key, std::vector<std::string>* out,
                             std::vector<SourceLoc>* locs) {
  const JsonNode* v = get(key);
  if (v == nullptr) {
    error(object_.loc, "missing required key '" + std::string(key) + "'", key);
    return false;
  }
  if (!v->is_array()) {
    type_error(*v, key, "an array of slot names");
    return false;
  }
  if (v->items.empty()) {
    error(v->loc, std::string(key) + " must not be empty", key);
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < v->items.size(); ++i) {
    const JsonNode& slot = v->items[i];
    std::string at = std::string(key) + "[" + std::to_string(i) + "]";
    if (!slot.is_string()) {
      type_error(slot, at, "a slot name (a string)");
      ok = false;
    } else if (slot.text.empty()) {
      error(slot.loc, at + " must not be an empty slot name", key);
      ok = false;
    } else {
      out->push_back(slot.text);
      if (locs != nullptr) locs->push_back(slot.loc);
    }
  }
  return ok;
}

bool FieldReader::read_int(std::string_view key, std::int64_t min, std::int64_t max,
                           std::int64_t* out) {
  const JsonNode* v = get(key);
  if (v == nullptr) return false;
  std::optional<std::int64_t> n = v->as_integer();
  if (!n) {
    type_error(*v, key, "an integer");
    return false;
  }
  if (*n < min || *n > max) {
    error(v->loc,
          std::string(key) + " must be between " + std::to_string(min) + " and " +
              std::to_string(max) + ", got " + std::to_string(*n),
          key);
    return false;
  }
  *out = *n;
  return true;
}

}  // namespace rill::config::json_fe

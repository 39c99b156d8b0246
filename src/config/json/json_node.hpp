#pragma once
// JsonNode: a JSON value that remembers where it was written. The XStream front-end expands
// templates and includes by copying and splicing values; carrying the location inside each value
// lets every copy keep pointing at the file and line its text came from.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <rill/core/diagnostic.hpp>

namespace rill::config::json_fe {

/// One JSON value with its source location. Integers and floats stay distinct (XStream compares
/// expansion results type-strictly: 1 is not 1.0). Object members are kept in sorted key order,
/// the order jsoncpp's getMemberNames() walks them in.
struct JsonNode {
  enum class Kind : std::uint8_t { kNull, kBool, kInt, kUint, kFloat, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t int_value = 0;               ///< kInt
  std::uint64_t uint_value = 0;             ///< kUint: only integers above INT64_MAX
  double float_value = 0;                   ///< kFloat
  std::string text;                         ///< kString
  std::vector<JsonNode> items;              ///< kArray
  std::map<std::string, JsonNode> members;  ///< kObject
  SourceLoc loc;                            ///< the value's first character

  static JsonNode null(SourceLoc loc);
  static JsonNode string(std::string s, SourceLoc loc);
  static JsonNode array(SourceLoc loc);
  static JsonNode object(SourceLoc loc);

  [[nodiscard]] bool is_null() const { return kind == Kind::kNull; }
  [[nodiscard]] bool is_string() const { return kind == Kind::kString; }
  [[nodiscard]] bool is_array() const { return kind == Kind::kArray; }
  [[nodiscard]] bool is_object() const { return kind == Kind::kObject; }
  [[nodiscard]] bool is_number() const {
    return kind == Kind::kInt || kind == Kind::kUint || kind == Kind::kFloat;
  }

  /// The member `key` of an object, or null (also for non-objects).
  [[nodiscard]] const JsonNode* find(std::string_view key) const;
  [[nodiscard]] JsonNode* find(std::string_view key);
  [[nodiscard]] bool has(std::string_view key) const { return find(key) != nullptr; }
  /// Whether this is an object whose member `key` is the string `value`.
  [[nodiscard]] bool has_string(std::string_view key, std::string_view value) const;
  /// The member `key`, inserted as null when missing (jsoncpp's non-const operator[]).
  JsonNode& member(const std::string& key);

  /// jsoncpp's Value::size(): elements of an array, members of an object, 0 for anything else.
  [[nodiscard]] std::size_t size() const;
  /// The value as an integer when it is one (or a float with an integral value, which jsoncpp's
  /// isInt64 also accepts); nullopt otherwise.
  [[nodiscard]] std::optional<std::int64_t> as_integer() const;
  /// jsoncpp's asString() for the values it converts: strings as they are, null as "", numbers
  /// and bools as their JSON text. Arrays and objects (where jsoncpp throws) give nullopt.
  [[nodiscard]] std::optional<std::string> as_text() const;
};

/// "string", "array", ... for messages.
std::string_view kind_name(const JsonNode& v);

/// The value without locations, for dumping and comparison.
nlohmann::json to_nlohmann(const JsonNode& v);

}  // namespace rill::config::json_fe

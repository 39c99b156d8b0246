#pragma once
// FieldReader: typed, located access to the members of one JSON object of the flat schema (the
// root, a node, an output group, a thread priority).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <rill/core/diagnostic.hpp>

#include "json/json_node.hpp"

namespace rill::config::json_fe {

/// Reads members of `object` with type checks, reporting each problem at the offending value (a
/// missing member at the object itself). Accessors return true only when the member is present
/// and valid; a missing optional member leaves `out` untouched.
class FieldReader {
 public:
  /// `prefix` is the object's key path ("workflow[2]"; empty for the root); `what` names it in
  /// messages ("node 'pre'").
  FieldReader(const JsonNode& object, std::string prefix, std::string what, Diagnostics& diags);

  [[nodiscard]] const JsonNode* get(std::string_view key) const { return object_.find(key); }
  /// A required, non-empty string.
  bool read_name(std::string_view key, std::string* out, SourceLoc* loc = nullptr);
  /// A required, non-empty array of non-empty strings, with each string's location.
  bool read_slots(std::string_view key, std::vector<std::string>* out,
                  std::vector<SourceLoc>* locs);
  /// An optional integer in [min, max] (an integral float, which jsoncpp's asInt takes, too).
  bool read_int(std::string_view key, std::int64_t min, std::int64_t max, std::int64_t* out);

  void error(const SourceLoc& loc, const std::string& message, std::string_view key);
  /// "KEY must be EXPECTED, got KIND" at the value.
  void type_error(const JsonNode& value, std::string_view key, std::string_view expected);

  [[nodiscard]] const SourceLoc& loc() const { return object_.loc; }
  [[nodiscard]] std::string key_path(std::string_view key) const;
  [[nodiscard]] const std::string& what() const { return what_; }
  void set_what(std::string what) { what_ = std::move(what); }
  [[nodiscard]] Diagnostics& diags() { return diags_; }
  /// Whether this reader reported an error.
  [[nodiscard]] bool failed() const { return failed_; }

 private:
  const JsonNode& object_;
  std::string prefix_;
  std::string what_;
  Diagnostics& diags_;
  bool failed_ = false;
};

}  // namespace rill::config::json_fe

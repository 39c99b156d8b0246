#pragma once
// TableReader: typed, located access to the keys of one schema table (a node, a graph, ...).

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include <rill/core/diagnostic.hpp>

#include "toml/locator.hpp"

namespace rill::config::toml_fe {

/// What every schema reader needs: where things are and where problems go.
struct ReadContext {
  const TomlLocator& locator;
  Diagnostics& diags;
};

enum class Need : std::uint8_t { kOptional, kRequired };

/// Reads the keys of one table with type checks, reporting each problem at the offending key or
/// value (a missing key at the table itself) and remembering which keys were read, so the rest
/// can be rejected (`reject_rest`), warned about (`warn_rest`) or taken as node arguments.
///
/// Accessors return true only when the key is present and valid; a missing optional key leaves
/// `out` untouched.
class TableReader {
 public:
  /// `what` names the table in messages ("node", "graph"); `prefix` is its key path
  /// ("graphs.nodes").
  TableReader(const toml::table& table, std::string what, std::string prefix, ReadContext ctx);

  /// The value of `key` or null; marks the key read.
  const toml::node* take(std::string_view key);

  bool read_string(std::string_view key, std::string* out, Need need, SourceLoc* loc = nullptr);
  /// A string that must also be non-empty.
  bool read_name(std::string_view key, std::string* out, Need need, SourceLoc* loc = nullptr);
  bool read_int(std::string_view key, std::int64_t* out, Need need, SourceLoc* loc = nullptr);
  /// An integer in [min, max]; below min reports "KEY must be at least MIN".
  bool read_int_in(std::string_view key, std::int64_t min, std::int64_t max, std::int64_t* out,
                   Need need, SourceLoc* loc = nullptr);
  /// An array; the caller checks its elements.
  const toml::array* read_array(std::string_view key, Need need);
  /// An array of strings; each string's location goes to `locs` when given.
  bool read_string_list(std::string_view key, std::vector<std::string>* out,
                        std::vector<SourceLoc>* locs, Need need);
  /// An array of tables; calls `fn` for each table entry (non-tables are reported).
  void read_table_list(std::string_view key, const std::function<void(const toml::table&)>& fn);

  /// Keys not read so far, in source order.
  [[nodiscard]] std::vector<std::pair<const toml::key*, const toml::node*>> rest() const;
  /// Reports every unread key as an error naming the known keys (with a did-you-mean).
  void reject_rest(std::initializer_list<std::string_view> known);
  /// Reports every unread key as a warning that it is ignored.
  void warn_rest(std::initializer_list<std::string_view> known);

  void error(const SourceLoc& loc, std::string message, std::string_view key);
  void type_error(const toml::node& value, std::string_view key, std::string_view expected);

  [[nodiscard]] SourceLoc loc() const { return ctx_.locator.of(table_); }
  [[nodiscard]] SourceLoc loc_of(const toml::node& n) const { return ctx_.locator.of(n); }
  [[nodiscard]] SourceLoc loc_of_key(const toml::key& k) const { return ctx_.locator.of(k); }
  /// Location of the value of `key`, or of the table when the key is absent.
  [[nodiscard]] SourceLoc value_loc(std::string_view key) const;
  [[nodiscard]] std::string key_path(std::string_view key) const;
  [[nodiscard]] const std::string& prefix() const { return prefix_; }
  [[nodiscard]] const std::string& what() const { return what_; }
  [[nodiscard]] ReadContext context() const { return ctx_; }
  /// Whether this reader reported an error.
  [[nodiscard]] bool failed() const { return failed_; }

 private:
  void report_rest(std::initializer_list<std::string_view> known, bool as_error);

  const toml::table& table_;
  std::string what_;
  std::string prefix_;
  ReadContext ctx_;
  std::vector<std::string> read_;
  bool failed_ = false;
};

using rill::closest_match;

}  // namespace rill::config::toml_fe

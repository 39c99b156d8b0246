// TableReader: typed, located key access for the schema readers.

#include "toml/table_reader.hpp"

#include <algorithm>

#include "toml/toml_value.hpp"

namespace rill::config::toml_fe {
TableReader::TableReader(const toml::table& table, std::string what, std::string prefix,
                         ReadContext ctx)
    : table_(table), what_(std::move(what)), prefix_(std::move(prefix)), ctx_(ctx) {}

std::string TableReader::key_path(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void TableReader::error(const SourceLoc& loc, std::string message, std::string_view key) {
  failed_ = true;
  ctx_.diags.error(loc, std::move(message), key_path(key));
}

void TableReader::type_error(const toml::node& value, std::string_view key,
                             std::string_view expected) {
  error(loc_of(value),
        std::string(key) + " must be " + std::string(expected) + ", got " +
            std::string(toml_type_name(value)),
        key);
}

SourceLoc TableReader::value_loc(std::string_view key) const {
  const toml::node* n = table_.get(key);
  return n ? loc_of(*n) : loc();
}

const toml::node* TableReader::take(std::string_view key) {
  const toml::node* n = table_.get(key);
  if (n) read_.emplace_back(key);
  return n;
}

bool TableReader::read_string(std::string_view key, std::string* out, Need need, SourceLoc* loc) {
  const toml::node* n = take(key);
  if (!n) {
    if (need == Need::kRequired) {
      error(this->loc(), "missing required key '" + std::string(key) + "' in " + what_, key);
    }
    return false;
  }
  if (!n->is_string()) {
    type_error(*n, key, "a string");
    return false;
  }
  *out = n->as_string()->get();
  if (loc) *loc = loc_of(*n);
  return true;
}

bool TableReader::read_name(std::string_view key, std::string* out, Need need, SourceLoc* loc) {
  SourceLoc at;
  std::string s;
  if (!read_string(key, &s, need, &at)) return false;
  if (s.empty()) {
    error(at, std::string(key) + " must not be empty", key);
    return false;
  }
  *out = std::move(s);
  if (loc) *loc = at;
  return true;
}

bool TableReader::read_int(std::string_view key, std::int64_t* out, Need need, SourceLoc* loc) {
  const toml::node* n = take(key);
  if (!n) {
    if (need == Need::kRequired) {
      error(this->loc(), "missing required key '" + std::string(key) + "' in " + what_, key);
    }
    return false;
  }
  if (!n->is_integer()) {
    type_error(*n, key, "an integer");
    return false;
  }
  *out = n->as_integer()->get();
  if (loc) *loc = loc_of(*n);
  return true;
}

bool TableReader::read_int_in(std::string_view key, std::int64_t min, std::int64_t max,
                              std::int64_t* out, Need need, SourceLoc* loc) {
  SourceLoc at;
  std::int64_t v = 0;
  if (!read_int(key, &v, need, &at)) return false;
  if (v < min || v > max) {
    error(at,
          std::string(key) + (v < min ? " must be at least " + std::to_string(min)
                                      : " must be at most " + std::to_string(max)),
          key);
    return false;
  }
  *out = v;
  if (loc) *loc = at;
  return true;
}

const toml::array* TableReader::read_array(std::string_view key, Need need) {
  const toml::node* n = take(key);
  if (!n) {
    if (need == Need::kRequired) {
      error(this->loc(), "missing required key '" + std::string(key) + "' in " + what_, key);
    }
    return nullptr;
  }
  if (!n->is_array()) {
    type_error(*n, key, "an array");
    return nullptr;
  }
  return n->as_array();
}

bool TableReader::read_string_list(std::string_view key, std::vector<std::string>* out,
                                   std::vector<SourceLoc>* locs, Need need) {
  const toml::node* n = take(key);
  if (!n) {
    if (need == Need::kRequired) {
      error(this->loc(), "missing required key '" + std::string(key) + "' in " + what_, key);
    }
    return false;
  }
  if (!n->is_array()) {
    type_error(*n, key, "an array of strings");
    return false;
  }
  bool ok = true;
  std::size_t i = 0;
  for (const toml::node& e : *n->as_array()) {
    if (!e.is_string()) {
      type_error(e, std::string(key) + "[" + std::to_string(i) + "]", "a string");
      ok = false;
    } else {
      out->push_back(e.as_string()->get());
      if (locs) locs->push_back(loc_of(e));
    }
    ++i;
  }
  return ok;
}

void TableReader::read_table_list(std::string_view key,
                                  const std::function<void(const toml::table&)>& fn) {
  const toml::node* n = take(key);
  if (!n) return;
  if (!n->is_array()) {
    std::string hint = n->is_table() ? " (write each entry as [[" + key_path(key) + "]])" : "";
    error(loc_of(*n),
          std::string(key) + " must be an array of tables, got " + std::string(toml_type_name(*n)) +
              hint,
          key);
    return;
  }
  for (const toml::node& e : *n->as_array()) {
    if (!e.is_table()) {
      error(loc_of(e),
            "each entry of " + std::string(key) + " must be a table, got " +
                std::string(toml_type_name(e)),
            key);
      continue;
    }
    fn(*e.as_table());
  }
}

std::vector<std::pair<const toml::key*, const toml::node*>> TableReader::rest() const {
  auto all = entries_in_source_order(table_);
  std::erase_if(all, [&](const auto& kv) {
    return std::find(read_.begin(), read_.end(), kv.first->str()) != read_.end();
  });
  return all;
}

void TableReader::report_rest(std::initializer_list<std::string_view> known, bool as_error) {
  for (const auto& [k, v] : rest()) {
    std::string name(k->str());
    SourceLoc at = ctx_.locator.of(*k);
    if (!as_error) {
      ctx_.diags.warning(at, "unknown key '" + name + "' in " + what_ + " is ignored",
                         key_path(name));
      continue;
    }
    std::string guess = closest_match(name, known);
    std::string hint;
    if (!guess.empty()) {
      hint = " (did you mean '" + guess + "'?)";
    } else {
      hint = " (expected one of:";
      for (std::string_view kn : known) hint += " " + std::string(kn);
      hint += ")";
    }
    error(at, "unknown key '" + name + "' in " + what_ + hint, name);
  }
}

void TableReader::reject_rest(std::initializer_list<std::string_view> known) {
  report_rest(known, true);
}

void TableReader::warn_rest(std::initializer_list<std::string_view> known) {
  report_rest(known, false);
}

}  // namespace rill::config::toml_fe

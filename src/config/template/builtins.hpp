#pragma once
// Template functions (`range`) and filters (`upper`, `lower`, `len`/`length`, `join`, `default`,
// `trim`). Names are checked at parse time, so a typo is reported even in a branch not taken.

#include <string>
#include <string_view>
#include <vector>

#include <rill/core/value.hpp>

namespace rill::config::tmpl {

[[nodiscard]] bool is_function(std::string_view name);
[[nodiscard]] bool is_filter(std::string_view name);

/// Calls function `name`; on failure returns false and sets `error`.
bool call_function(std::string_view name, const std::vector<Value>& args, Value* out,
                   std::string* error);

/// Applies filter `name` to `input`. `default` is handled by the evaluator (it must see undefined
/// inputs); calling it here treats a null input as undefined.
bool apply_filter(std::string_view name, const Value& input, const std::vector<Value>& args,
                  Value* out, std::string* error);

}  // namespace rill::config::tmpl

// TOML → Value conversion.

#include "toml/toml_value.hpp"

#include <algorithm>
#include <sstream>

namespace rill::config::toml_fe {
namespace {

template <typename T>
std::string stream_text(const T& v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

bool before(const toml::source_position& a, const toml::source_position& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

}  // namespace

std::vector<std::pair<const toml::key*, const toml::node*>> entries_in_source_order(
    const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (auto&& [k, v] : table) out.emplace_back(&k, &v);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return before(a.first->source().begin, b.first->source().begin);
  });
  return out;
}

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::array:
      return "array";
    case toml::node_type::table:
      return "table";
    case toml::node_type::date:
      return "date";
    case toml::node_type::time:
      return "time";
    case toml::node_type::date_time:
      return "date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

Value toml_to_value(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return Value(node.as_string()->get());
    case toml::node_type::integer:
      return Value(node.as_integer()->get());
    case toml::node_type::floating_point:
      return Value(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return Value(node.as_boolean()->get());
    case toml::node_type::date:
      return Value(stream_text(node.as_date()->get()));
    case toml::node_type::time:
      return Value(stream_text(node.as_time()->get()));
    case toml::node_type::date_time:
      return Value(stream_text(node.as_date_time()->get()));
    case toml::node_type::array: {
      List items;
      for (const toml::node& e : *node.as_array()) items.push_back(toml_to_value(e));
      return Value(std::move(items));
    }
    case toml::node_type::table: {
      Map m;
      for (const auto& [k, v] : entries_in_source_order(*node.as_table())) {
        m.set(std::string(k->str()), toml_to_value(*v));
      }
      return Value(std::move(m));
    }
    case toml::node_type::none:
      break;
  }
  return Value();
}

}  // namespace rill::config::toml_fe

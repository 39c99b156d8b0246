// format_type_list / format_type_detail / format_catalogue_markdown: a registry's contracts as
// text.

#include "node_catalogue.hpp"

#include <cctype>

#include <fmt/format.h>

#include "text_table.hpp"

namespace rill::cli {

namespace {

std::string port_list(const std::vector<PortDecl>& decls) {
  std::string out;
  for (const auto& d : decls) out += (out.empty() ? "" : ", ") + format_port_decl(d);
  return out.empty() ? std::string("-") : out;
}

/// "8", "'fast'", "(required)", "-" (no default).
std::string default_text(const ArgSpec& a) {
  if (a.required) return "(required)";
  if (a.def.is_null()) return "-";
  if (a.def.is_string()) return "'" + a.def.as_string() + "'";
  return a.def.debug_string();
}

/// "1..1048576", ">= 0", "'a', 'b'", or "".
std::string limits_text(const ArgSpec& a) {
  if (!a.choices.empty()) {
    std::string out;
    for (const auto& c : a.choices) out += (out.empty() ? "'" : ", '") + c + "'";
    return out;
  }
  if (a.min && a.max) return fmt::format("{}..{}", *a.min, *a.max);
  if (a.min) return fmt::format(">= {}", *a.min);
  if (a.max) return fmt::format("<= {}", *a.max);
  return {};
}

std::string port_kind_text(const PortDecl& d) {
  switch (d.kind) {
    case PortKind::kUnit:
      return "one";
    case PortKind::kList:
      return "list";
    case PortKind::kDict:
      return "dict";
    case PortKind::kDyn:
      return "dyn";
  }
  return "?";
}

std::string flags_text(const NodeType& t) {
  std::string out;
  if (t.contract.is_exclusive()) out += " Exclusive: each instance gets a thread of its own.";
  if (t.contract.has_open_args()) out += " Accepts undeclared arguments.";
  return out;
}

/// Markdown cells must not break the table: '|' is escaped and newlines become spaces.
std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string format_type_list(const Registry& registry) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"type", "inputs", "outputs", "doc"});
  for (const auto& name : registry.node_names()) {
    const NodeType* t = registry.find_node(name);
    rows.push_back({name, port_list(t->inputs()), port_list(t->outputs()), t->doc});
  }
  return format_table(rows, 4);
}

std::string format_type_detail(const NodeType& t) {
  std::string out = t.name + (t.doc.empty() ? "" : ": " + t.doc) + "\n";
  if (std::string flags = flags_text(t); !flags.empty()) out += flags.substr(1) + "\n";
  auto ports = [&](const char* title, const std::vector<PortDecl>& decls) {
    out += fmt::format("\n{}:\n", title);
    if (decls.empty()) {
      out += "  (none)\n";
      return;
    }
    std::vector<std::vector<std::string>> rows{{"  port", "shape", "payload", "doc"}};
    for (const auto& d : decls) {
      rows.push_back({"  " + format_port_decl(d), port_kind_text(d), d.type, d.doc});
    }
    out += format_table(rows, 4);
  };
  ports("inputs", t.inputs());
  ports("outputs", t.outputs());
  out += "\narguments:\n";
  if (t.contract.args().empty()) {
    out += "  (none)\n";
  } else {
    std::vector<std::vector<std::string>> rows{{"  name", "kind", "default", "limits", "doc"}};
    for (const auto& a : t.contract.args()) {
      rows.push_back(
          {"  " + a.name, std::string(to_string(a.kind)), default_text(a), limits_text(a), a.doc});
    }
    out += format_table(rows, 5);
  }
  for (const auto& [key, why] : t.contract.ignored()) {
    out += fmt::format("  ({} is accepted and ignored: {})\n", key, why);
  }
  return out;
}

std::string format_catalogue_markdown(const Registry& registry) {
  std::string out = "| type | inputs → outputs | what it does |\n|---|---|---|\n";
  for (const auto& name : registry.node_names()) {
    const NodeType* t = registry.find_node(name);
    std::string anchor = name;  // Markdown renderers lowercase heading anchors
    for (char& c : anchor) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out += fmt::format("| [`{}`](#{}) | `{}` → `{}` | {} |\n", name, anchor, port_list(t->inputs()),
                       port_list(t->outputs()), cell(t->doc));
  }
  for (const auto& name : registry.node_names()) {
    const NodeType* t = registry.find_node(name);
    out += fmt::format("\n### {}\n\n{}{}\n", name, cell(t->doc), flags_text(*t));
    out += "\n| port | direction | shape | payload | doc |\n|---|---|---|---|---|\n";
    for (const auto& d : t->inputs()) {
      out += fmt::format("| `{}` | in | {} | {} | {} |\n", d.name, port_kind_text(d), d.type,
                         cell(d.doc));
    }
    for (const auto& d : t->outputs()) {
      out += fmt::format("| `{}` | out | {} | {} | {} |\n", d.name, port_kind_text(d), d.type,
                         cell(d.doc));
    }
    if (!t->contract.args().empty()) {
      out += "\n| argument | kind | default | limits | doc |\n|---|---|---|---|---|\n";
      for (const auto& a : t->contract.args()) {
        out += fmt::format("| `{}` | {} | {} | {} | {} |\n", a.name, to_string(a.kind),
                           cell(default_text(a)), cell(limits_text(a)), cell(a.doc));
      }
    }
  }
  return out;
}

}  // namespace rill::cli

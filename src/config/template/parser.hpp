#pragma once
// Parses a template into a syntax tree (ast.hpp), collecting every syntax error.

#include <string_view>
#include <vector>

#include "template/ast.hpp"
#include "template/lexer.hpp"

namespace rill::config::tmpl {

/// Parses `src`. Syntax errors are appended to `errors`; the returned tree holds what could be
/// parsed (a tag with an error is dropped), so it is only rendered when `errors` stays empty.
std::vector<Node> parse_template(std::string_view src, std::vector<TemplateError>* errors);

}  // namespace rill::config::tmpl

// render_template: parse, evaluate, report.

#include <algorithm>

#include <rill/config/template.hpp>

#include "template/evaluator.hpp"
#include "template/parser.hpp"

namespace rill::config {

RenderedTemplate render_template_mapped(const std::string& text, const Value& context,
                                        const std::string& file, Diagnostics& diags) {
  RenderedTemplate result;
  result.map = SourceMap(file, text);
  std::vector<tmpl::TemplateError> errors;
  std::vector<tmpl::Node> nodes = tmpl::parse_template(text, &errors);
  if (errors.empty()) {
    // Only a tree without syntax errors is evaluated: a dropped tag would otherwise surface as
    // confusing follow-up errors (e.g. a variable its assignment failed to define).
    tmpl::Evaluator evaluator(context);
    evaluator.render(nodes, &result.text, &result.map);
    errors = evaluator.errors();
  } else {
    std::stable_sort(errors.begin(), errors.end(),
                     [](const auto& a, const auto& b) { return a.offset < b.offset; });
  }
  for (const auto& e : errors) diags.error(result.map.source_loc(e.offset), e.message);
  result.ok = errors.empty();
  return result;
}

std::string render_template(const std::string& text, const Value& context, const std::string& file,
                            Diagnostics& diags) {
  return render_template_mapped(text, context, file, diags).text;
}

}  // namespace rill::config

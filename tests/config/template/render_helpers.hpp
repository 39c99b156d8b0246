#pragma once
// Rendering helpers shared by the template tests: every template is named "t.toml".

#include <string>

#include <gtest/gtest.h>

#include <rill/config/template.hpp>

namespace rill::config::testing {

/// Renders `text` as "t.toml" and returns the output; `errors` gets every diagnostic, formatted.
inline std::string render(const std::string& text, const Value& context = Value(Map{}),
                          std::string* errors = nullptr) {
  Diagnostics diags;
  std::string out = render_template(text, context, "t.toml", diags);
  if (errors) {
    *errors = diags.format();
  } else {
    EXPECT_EQ(diags.format(), "") << "template: " << text;
  }
  return out;
}

/// The diagnostics of rendering `text`, formatted one per line.
inline std::string errors_of(const std::string& text, const Value& context = Value(Map{})) {
  std::string errors;
  render(text, context, &errors);
  return errors;
}

}  // namespace rill::config::testing

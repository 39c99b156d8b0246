// The template renderer with its source map: every rendered byte must map back into the input.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <rill/config/template.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = rill::fuzz::text(data, size);
  rill::Diagnostics diags;
  rill::Map context;
  context.set("n", rill::Value(3));
  context.set("names", rill::Value(rill::List{rill::Value("a"), rill::Value("b")}));
  auto rendered = rill::config::render_template_mapped(text, rill::Value(std::move(context)),
                                                       "fuzz.toml", diags);
  // The source map's promise: any output byte maps back to a position inside the template.
  for (std::size_t off = 0; off < rendered.text.size(); off += 61) {
    if (rendered.map.source_offset(off) > text.size()) std::abort();
    if (rendered.map.locate(off).line < 1) std::abort();
  }
  return 0;
}

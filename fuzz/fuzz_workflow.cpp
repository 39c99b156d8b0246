// The JSON workflow front-end: parsing, v1.1 template expansion and includes, schema checks and
// XStream's graph validation (the checks whose codes Init returns).

#include <cstddef>
#include <cstdint>
#include <string>

#include <rill/config/workflow.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rill::Diagnostics diags;
  rill::config::load_workflow_string(rill::fuzz::text(data, size), "fuzz.json",
                                     rill::fuzz::empty_dir(), diags);
  return 0;
}

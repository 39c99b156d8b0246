#pragma once
// An XStream method's configuration (the node's `method_config` JSON, or its
// `method_config_file`) checked against a vision operator's argument declarations, so the XStream
// methods accept exactly the keys, types and ranges the TOML nodes do.

#include <string>

#include "rill/core/contract.hpp"
#include "rill/core/registry.hpp"

namespace rill::vision::detail {

/// `json_text` (a JSON object; empty = no keys) checked against `contract` and completed with its
/// defaults, as a NodeConfig whose path is `method` (named in warnings). Throws
/// std::invalid_argument "<method>: method_config: ..." for malformed JSON, a non-object, an
/// unknown key (with the closest known one) or a key of the wrong type or range.
NodeConfig method_config(const std::string& method, const Contract& contract,
                         const std::string& json_text);

/// The same for XStream's Init(path): the JSON object in the file `path` ("" = no keys). Throws
/// std::invalid_argument naming the file when it cannot be read.
NodeConfig method_config_file(const std::string& method, const Contract& contract,
                              const std::string& path);

}  // namespace rill::vision::detail

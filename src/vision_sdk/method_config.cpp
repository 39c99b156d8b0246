#include "method_config.hpp"

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <json/json.h>

namespace rill::vision::detail {
namespace {

// Keeps JSON's own kinds (an integer stays an integer), so the contract's type checks read the
// config as they read a TOML table.
Value to_value(const Json::Value& j) {
  switch (j.type()) {
    case Json::nullValue:
      return Value();
    case Json::intValue:
      return Value(static_cast<std::int64_t>(j.asInt64()));
    case Json::uintValue:
      return j.isInt64() ? Value(static_cast<std::int64_t>(j.asInt64())) : Value(j.asDouble());
    case Json::realValue:
      return Value(j.asDouble());
    case Json::stringValue:
      return Value(j.asString());
    case Json::booleanValue:
      return Value(j.asBool());
    case Json::arrayValue: {
      List l;
      for (const Json::Value& e : j) l.push_back(to_value(e));
      return Value(std::move(l));
    }
    case Json::objectValue: {
      Map m;
      for (const std::string& k : j.getMemberNames()) m.set(k, to_value(j[k]));
      return Value(std::move(m));
    }
  }
  return Value();
}

}  // namespace

NodeConfig method_config(const std::string& method, const Contract& contract,
                         const std::string& json_text) {
  const std::string where = method + ": method_config: ";
  Map args;
  if (json_text.find_first_not_of(" \t\r\n") != std::string::npos) {
    Json::CharReaderBuilder builder;
    builder["collectComments"] = false;
    std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
    Json::Value root;
    std::string errors;
    if (!reader->parse(json_text.data(), json_text.data() + json_text.size(), &root, &errors)) {
      throw std::invalid_argument(where + "malformed JSON: " + errors);
    }
    if (!root.isObject()) throw std::invalid_argument(where + "must be a JSON object");
    args = to_value(root).as_map();
  }
  for (const ArgProblem& p : check_args(contract, args)) {
    if (!p.warning) throw std::invalid_argument(where + p.message);
  }
  NodeConfig config;
  config.name = method;
  config.path = method;
  config.args = normalize_args(contract, args);
  return config;
}

NodeConfig method_config_file(const std::string& method, const Contract& contract,
                              const std::string& path) {
  if (path.empty()) return method_config(method, contract, "");
  std::ifstream in(path);
  if (!in) {
    throw std::invalid_argument(method + ": method_config_file '" + path + "' cannot be read");
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return method_config(method, contract, text.str());
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string(e.what()) + " (in " + path + ")");
  }
}

}  // namespace rill::vision::detail

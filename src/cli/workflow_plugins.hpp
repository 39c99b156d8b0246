#pragma once
// XStream method libraries (loaded by load_method_libraries, config_session.hpp): the questions
// the CLI asks about the method types they provide.

#include <string>

namespace rill::cli {

/// True when a loaded plugin (or the program) provides `type`: it is registered, or the
/// CreateMethod hook creates an instance of it (destroyed at once, never initialised).
/// A factory that throws counts as not knowing the type.
bool method_type_known(const std::string& type);

/// What the loaded plugins provide, for messages: "A, B", "A, B (and an XStream CreateMethod
/// factory)", "no registered types (and an XStream CreateMethod factory)" or "no method types",
/// followed by the built-in types: "; built in: FaceDetect, Track".
std::string describe_method_providers();

}  // namespace rill::cli

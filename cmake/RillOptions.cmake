# Warnings and sanitizer flags shared by every rill target.
add_library(rill_options INTERFACE)
target_compile_options(rill_options INTERFACE -Wall -Wextra -Wno-unused-parameter)
if(RILL_SANITIZE)
  string(REPLACE ";" "," _rill_san "${RILL_SANITIZE}")
  add_compile_options(-fsanitize=${_rill_san} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${_rill_san})
endif()
# The layers are shared libraries (one runtime per process, shared by the CLI, C++ plugins and the
# Python extension). Calls inside a library need not go through the PLT: nobody interposes them.
# Inline functions (Envelope and Value moves, port sends) are hidden too: otherwise the dynamic
# linker binds a library's calls to whatever copy the executable emitted, compiled with that
# program's inlining decisions (measured: core.chain8 13% slower when bench_core's copy of
# Envelope's move constructor won). No public header keeps state in an inline function, so a copy
# per library is safe.
target_compile_options(rill_options INTERFACE -fno-semantic-interposition
                                              -fvisibility-inlines-hidden)
